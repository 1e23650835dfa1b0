import type { Client } from '@elastic/elasticsearch';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from './index';

const statusOf = async (p: Promise<unknown>) => {
  try { await p; return 200; } catch (e) { return (e as { meta?: { statusCode?: number } }).meta?.statusCode; }
};

describe('createClient with the embedded engine (real @elastic/elasticsearch Client)', () => {
  let dataDir: string;
  let client: Client;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-client-'));
    client = await createClient({ dataDir });
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the data directory and answers info', async () => {
    const nested = path.join(dataDir, 'a', 'b');
    const c = await createClient({ dataDir: nested });
    try {
      expect((await c.info()).version.number).toBe('9.1.0');
      expect(fs.existsSync(path.join(nested, 'store.sqlite'))).toBe(true);
    } finally { await c.close(); }
  });

  it('runs the §11 sequence: index, update, get, bulk, refresh, search, delete', async () => {
    expect(await client.index({ index: 'notes', id: 'n1', document: { t: 'hi' } })).toMatchObject({ _index: 'notes', _id: 'n1', result: 'created' });
    expect((await client.update({ index: 'notes', id: 'n1', doc: { u: 1 } })).result).toBe('updated');
    expect((await client.get({ index: 'notes', id: 'n1' }))._source).toEqual({ t: 'hi', u: 1 });
    const bulk = await client.bulk({ operations: [{ index: { _index: 'notes' } }, { t: 'a' }, { index: { _index: 'notes' } }, { t: 'b' }] });
    expect([bulk.errors, bulk.items.length]).toEqual([false, 2]);
    await client.indices.refresh({ index: 'notes' });
    const res = await client.search({ index: 'notes', query: { ids: { values: ['n1'] } } });
    expect(res.hits.hits).toEqual([{ _index: 'notes', _id: 'n1', _score: 1, _source: { t: 'hi', u: 1 } }]);
    expect((await client.count({ index: 'notes' })).count).toBe(3);
    expect((await client.delete({ index: 'notes', id: 'n1' })).result).toBe('deleted');
    expect(await statusOf(client.get({ index: 'notes', id: 'n1' }))).toBe(404);
    expect(await client.exists({ index: 'notes', id: 'n1' })).toBe(false);
  });

  it('surfaces conflicts as 409 ResponseErrors with the Elasticsearch error body', async () => {
    const first = await client.index({ index: 'c', id: '1', document: { v: 1 } });
    await client.index({ index: 'c', id: '1', document: { v: 2 } });
    try {
      await client.index({ index: 'c', id: '1', document: { v: 3 }, if_seq_no: first._seq_no, if_primary_term: first._primary_term });
      expect.unreachable();
    } catch (e) {
      const err = e as { meta: { statusCode: number; body: { error: { type: string } } } };
      expect(err.meta.statusCode).toBe(409);
      expect(err.meta.body.error.type).toBe('version_conflict_engine_exception');
    }
    expect(await statusOf(client.create({ index: 'c', id: '1', document: {} }))).toBe(409);
  });

  it('manages index templates and the system indices of §14.4', async () => {
    await ensureSystemIndices(client);
    await ensureSystemIndices(client);
    const templates = await client.indices.getIndexTemplate({ name: 'escript-*' });
    expect(templates.index_templates.map((t) => t.name).sort()).toEqual(['escript-executions', 'escript-procedures']);
    const mapping = await client.indices.getMapping({ index: '.escript_executions' });
    expect(mapping['.escript_executions'].mappings.dynamic).toBe(false);
    expect(mapping['.escript_executions'].mappings.properties?.status).toEqual({ type: 'keyword' });
    const settings = await client.indices.get({ index: '.escript_procedures' });
    expect(settings['.escript_procedures'].settings?.index?.hidden).toBe('true');
    // Hidden: a wildcard search does not see them, an explicit name does.
    await client.index({ index: '.escript_executions', id: 'e1', document: { status: 'RUNNING', result: { any: 'shape' } } });
    await client.index({ index: 'visible', id: 'v1', document: { status: 'RUNNING' } });
    expect((await client.search({ index: '*' })).hits.hits.map((h) => h._id)).toEqual(['v1']);
    expect((await client.search({ index: '.escript_executions', query: { term: { status: 'RUNNING' } } })).hits.hits.map((h) => h._id)).toEqual(['e1']);
    // Unmapped under dynamic: false: kept in _source, not searchable.
    expect((await client.search({ index: '.escript_executions', query: { exists: { field: 'result' } } })).hits.hits).toEqual([]);
    expect((await client.get({ index: '.escript_executions', id: 'e1' }))._source).toEqual({ status: 'RUNNING', result: { any: 'shape' } });
  });

  it('sorts by a field with null scores and missing values last (§18.27)', async () => {
    await client.bulk({ operations: [
      { index: { _index: 's', _id: 'a' } }, { n: 2 }, { index: { _index: 's', _id: 'b' } }, { m: 1 }, { index: { _index: 's', _id: 'c' } }, { n: 5 },
    ] });
    const res = await client.search({ index: 's', sort: [{ n: { order: 'desc' } }] });
    expect(res.hits.hits.map((h) => [h._id, h._score])).toEqual([['c', null], ['a', null], ['b', null]]);
  });

  it('lets two clients (two engines) on one data directory see each other’s writes at once', async () => {
    const other = await createClient({ dataDir });
    try {
      await client.index({ index: 'shared', id: '1', document: { from: 'first' } });
      expect((await other.get({ index: 'shared', id: '1' }))._source).toEqual({ from: 'first' });
      await other.update({ index: 'shared', id: '1', doc: { from: 'second' } });
      expect((await client.get({ index: 'shared', id: '1' }))._source).toEqual({ from: 'second' });
      expect((await client.count({ index: 'shared' })).count).toBe(1);
    } finally { await other.close(); }
  });

  it('answers cat indices as text and ES|QL as columns', async () => {
    await client.index({ index: 'q', id: '1', document: { level: 'info', n: 1 } });
    expect(await client.cat.indices({ index: 'q', h: 'index' })).toBe('q\n');
    const esql = await client.esql.query({ query: 'FROM q | KEEP n' });
    expect(esql.values).toEqual([[1]]);
  });

  it('closes the SQLite handle on client.close()', async () => {
    const c = await createClient({ dataDir });
    await c.info();
    await c.close();
    // The file can be reopened by another engine afterwards; a closed client refuses requests.
    await expect(c.info()).rejects.toThrow();
  });
});
