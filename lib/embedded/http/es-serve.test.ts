/**
 * `escript es-serve` as a user runs it: a child process on a free port over a temporary data directory,
 * spoken to with plain HTTP (what curl sends) and with the official client, then stopped with SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ESCRIPT = path.resolve(import.meta.dirname, '../../../bin/escript');
const LISTENING = /^escript es-serve: listening on (http:\/\/127\.0\.0\.1:(\d+)) \(data (.+)\)$/m;

let child: ChildProcessWithoutNullStreams;
let dataDir: string;
let url: string;
let stdout = '';
let stderr = '';

/** Starts es-serve and resolves with the URL from its one listening line. */
function startServer(): Promise<string> {
  child = spawn(ESCRIPT, ['es-serve', '--port', '0', '--data', dataDir], { env: { ...process.env, ELASTICSEARCH_URL: '' } });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = LISTENING.exec(stdout);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`es-serve exited with ${code} before listening: ${stderr}`)));
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-es-serve-'));
  url = await startServer();
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, pathAndQuery: string, body?: unknown) {
  const init: RequestInit = body === undefined ? { method }
    : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${url}${pathAndQuery}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) as Record<string, unknown> : undefined };
}

describe('escript es-serve over plain HTTP (as curl)', () => {
  it('prints one listening line with the port and the absolute data directory', () => {
    const m = LISTENING.exec(stdout)!;
    expect(Number(m[2])).toBeGreaterThan(0);
    expect(m[3]).toBe(path.resolve(dataDir));
  });

  it('answers GET / like Elasticsearch, with the product header', async () => {
    const res = await call('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toMatchObject({ tagline: 'You Know, for Search', version: { number: expect.stringMatching(/^9\./) } });
  });

  it('indexes, gets and searches a document', async () => {
    const put = await call('PUT', '/books/_doc/1?refresh=true', { title: 'Dune', year: 1965 });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ _index: 'books', _id: '1', result: 'created' });
    const got = await call('GET', '/books/_doc/1');
    expect(got.body).toMatchObject({ found: true, _source: { title: 'Dune', year: 1965 } });
    const found = await call('POST', '/books/_search', { query: { match: { title: 'dune' } } });
    expect(found.body).toMatchObject({ hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: '1' }] } });
  });

  it('runs ES|QL through POST /_query', async () => {
    const res = await call('POST', '/_query', { query: 'FROM books | KEEP title, year' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ columns: [{ name: 'title' }, { name: 'year' }], values: [['Dune', 1965]] });
  });

  it('answers ES|QL as a text table with ?format=txt, and as csv for Accept: text/csv', async () => {
    const txt = await fetch(`${url}/_query?format=txt`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'FROM books | KEEP title, year | LIMIT 1' }),
    });
    expect(txt.headers.get('content-type')).toBe('text/plain');
    expect(await txt.text()).toBe('     title     |     year      \n---------------+---------------\nDune           |1965           \n');
    const csv = await fetch(`${url}/_query`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify({ query: 'FROM books | KEEP title | LIMIT 1' }),
    });
    expect([csv.headers.get('content-type'), await csv.text()]).toEqual(['text/csv; charset=utf-8; header=present', 'title\r\nDune\r\n']);
  });

  it('answers a missing index with the 404 error envelope', async () => {
    const res = await call('GET', '/nope/_doc/1');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, error: { type: 'index_not_found_exception', root_cause: [{ type: 'index_not_found_exception' }] } });
  });

  it('answers HEAD with a status and no body', async () => {
    const there = await call('HEAD', '/books');
    const missing = await call('HEAD', '/nope');
    expect([there.status, there.text, missing.status, missing.text]).toEqual([200, '', 404, '']);
  });

  it('indents JSON with ?pretty', async () => {
    const res = await call('GET', '/books/_doc/1?pretty');
    expect(res.text).toMatch(/^\{\n {2}"_index": "books",\n/);
    expect(res.text.endsWith('}\n')).toBe(true);
  });

  it('refuses a body sent as a form (curl -d without a JSON Content-Type) with 406', async () => {
    const res = await fetch(`${url}/books/_doc`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{"a":1}' });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({ error: 'Content-Type header [application/x-www-form-urlencoded] is not supported', status: 406 });
  });

  it('reads a gzip-compressed body', async () => {
    const res = await fetch(`${url}/books/_doc/2?refresh=true`, {
      method: 'PUT', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ title: 'Emma', year: 1815 })),
    });
    expect(res.status).toBe(201);
    expect((await call('GET', '/books/_doc/2')).body).toMatchObject({ _source: { title: 'Emma' } });
  });
});

describe('escript es-serve through the official client', () => {
  let client: Client;
  beforeAll(() => { client = new Client({ node: url, compression: true }); });
  afterAll(async () => { await client.close(); });

  it('passes the product check and reports the engine version', async () => {
    expect((await client.info()).version.number).toMatch(/^9\./);
  });

  it('indexes, gets, searches and queries with ES|QL', async () => {
    await client.index({ index: 'films', id: 'a', document: { name: 'Alien', year: 1979 }, refresh: true });
    expect((await client.get({ index: 'films', id: 'a' }))._source).toEqual({ name: 'Alien', year: 1979 });
    const search = await client.search({ index: 'films', query: { range: { year: { lt: 1980 } } } });
    expect(search.hits.hits.map((h) => h._id)).toEqual(['a']);
    const esql = await client.esql.query({ query: 'FROM films | STATS n = COUNT(*)' });
    expect(esql.values).toEqual([[1]]);
  });

  it('answers exists calls (HEAD) with true and false', async () => {
    expect(await client.indices.exists({ index: 'films' })).toBe(true);
    expect(await client.exists({ index: 'films', id: 'missing' })).toBe(false);
  });

  it('turns a 404 into a ResponseError carrying the Elasticsearch error body', async () => {
    const error = await client.get({ index: 'nope', id: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.ResponseError);
    expect((error as errors.ResponseError).statusCode).toBe(404);
    expect((error as errors.ResponseError).body).toMatchObject({ error: { type: 'index_not_found_exception' } });
  });
});

describe('stopping escript es-serve', () => {
  it('shuts down cleanly on SIGTERM and leaves the data behind for the next start', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('escript es-serve: stopped (SIGTERM)');
    stdout = '';
    url = await startServer();
    expect((await call('GET', '/books/_doc/1')).body).toMatchObject({ found: true });
    const again = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await again).toBe(0);
  });
});
