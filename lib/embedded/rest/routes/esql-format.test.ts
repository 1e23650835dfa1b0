/**
 * `POST /_query` answers in the format asked for, through the official client on the embedded store:
 * `format=txt|csv|tsv` (what `client.esql.query({ format })` sends), an `Accept` header, csv's options,
 * `drop_null_columns`, and Elasticsearch's refusals.
 */
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../elasticsearch/client';
import { tempDataDir } from '../../test-support';

let client: Client;
let tmp: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  tmp = tempDataDir();
  client = await createClient({ dataDir: tmp.dir });
  await client.bulk({
    index: 'library', refresh: true, operations: [
      { index: {} }, { author: 'Peter F. Hamilton', name: "Pandora's Star", page_count: 768, release_date: '2004-03-02T00:00:00Z' },
      { index: {} }, { author: 'Frank Herbert', name: 'Dune, "the" book', page_count: 604, release_date: '1965-06-01T00:00:00Z' },
    ],
  });
});

afterAll(async () => {
  await client.close();
  tmp.cleanup();
});

const QUERY = 'FROM library | KEEP author, name, page_count | SORT page_count DESC';

/** The raw answer of `POST /_query` with these query-string parameters and headers. */
async function ask(querystring: Record<string, string>, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await client.transport.request({ method: 'POST', path: '/_query', querystring, body }, { headers, meta: true, ignore: [400] });
  return { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body, warning: res.headers.warning };
}

describe('POST /_query in text formats', () => {
  it('answers format=txt as a table, as client.esql.query({ format }) asks for it', async () => {
    const text = await client.esql.query({ query: `${QUERY} | LIMIT 5`, format: 'txt' });
    expect(text).toBe([
      '     author      |      name      |  page_count   ',
      '-----------------+----------------+---------------',
      "Peter F. Hamilton|Pandora's Star  |768            ",
      'Frank Herbert    |Dune, "the" book|604            ',
      '',
    ].join('\n'));
  });

  it('answers csv with its content type and quoting, and tsv with tabs', async () => {
    const csv = await ask({ format: 'csv' }, { query: `${QUERY} | LIMIT 5` });
    expect(csv.contentType).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body).toBe(`author,name,page_count\r\nPeter F. Hamilton,Pandora's Star,768\r\nFrank Herbert,"Dune, ""the"" book",604\r\n`);
    const tsv = await ask({ format: 'tsv' }, { query: `${QUERY} | LIMIT 1` });
    expect([tsv.contentType, tsv.body]).toEqual(['text/tab-separated-values; charset=utf-8', "author\tname\tpage_count\nPeter F. Hamilton\tPandora's Star\t768\n"]);
  });

  it('reads the format from the Accept header, csv parameters included, when the URL names none', async () => {
    const res = await ask({}, { query: `${QUERY} | LIMIT 1` }, { accept: 'text/csv; header=absent' });
    expect([res.contentType, res.body]).toEqual(['text/csv; charset=utf-8; header=absent', "Peter F. Hamilton,Pandora's Star,768\r\n"]);
    const semicolons = await ask({ format: 'csv', delimiter: ';', header: 'absent' }, { query: `${QUERY} | LIMIT 1` });
    expect(semicolons.body).toBe("Peter F. Hamilton;Pandora's Star;768\r\n");
  });

  it('keeps the warnings in their header, and answers errors as JSON', async () => {
    const warned = await ask({ format: 'txt' }, { query: QUERY });
    expect(String(warned.warning)).toContain('No limit defined, adding default limit of [1000]');
    const failed = await ask({ format: 'txt' }, { query: 'FROM library | KEEP nope' });
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({ error: { type: 'verification_exception' } });
  });

  it('refuses what Elasticsearch refuses, and names the formats it cannot write', async () => {
    const reasons = await Promise.all([
      ask({ format: 'xml' }, { query: QUERY }),
      ask({ format: 'txt' }, { query: QUERY, columnar: true }),
      ask({ format: 'csv', delimiter: '\t' }, { query: QUERY }),
      ask({ format: 'csv', delimiter: '::' }, { query: QUERY }),
      ask({ format: 'yaml' }, { query: QUERY }),
    ]).then((all) => all.map((r) => [r.status, (r.body as { error: { reason: string } }).error.reason]));
    expect(reasons).toEqual([
      [400, 'Invalid request content type: Accept=[application/vnd.elasticsearch+json; compatible-with=9], Content-Type=[application/vnd.elasticsearch+json; compatible-with=9], format=[xml]'],
      [400, 'Invalid use of [columnar] argument: cannot be used in combination with [txt, csv, tsv] formats'],
      [400, 'illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead'],
      [400, 'invalid multi-character delimiter [::]'],
      [400, 'format [yaml] is not supported by this engine: use json, txt, csv or tsv'],
    ]);
  });
});

describe('POST /_query with drop_null_columns', () => {
  it('lists every column in all_columns and leaves the all-null ones out of columns and values', async () => {
    const res = await ask({ drop_null_columns: 'true' }, { query: 'ROW a = 1, b = null, c = [1.5, 2.0]' });
    expect(res.body).toMatchObject({
      all_columns: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'null' }, { name: 'c', type: 'double' }],
      columns: [{ name: 'a', type: 'integer' }, { name: 'c', type: 'double' }],
      values: [[1, [1.5, 2]]],
    });
    const columnar = await ask({ drop_null_columns: 'true' }, { query: 'ROW a = 1, b = null', columnar: true });
    expect(columnar.body).toMatchObject({ columns: [{ name: 'a' }], values: [[1]] });
    const text = await ask({ drop_null_columns: 'true', format: 'csv' }, { query: 'ROW a = 1, b = null, c = "x"' });
    expect(text.body).toBe('a,c\r\n1,x\r\n');
  });
});
