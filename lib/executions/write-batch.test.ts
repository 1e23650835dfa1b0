import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../elasticsearch';
import { storeErrorInfo } from '../runtime/store-errors';
import { EXECUTIONS_INDEX, newRecord, type ExecutionRecord } from './record';
import { RecordWriteError, WriteBatcher } from './write-batch';

const dataDir = mkdtempSync(join(tmpdir(), 'escript-write-batch-'));
let client: Client;
/** The paths of the requests the client sent, in order. */
const sent: string[] = [];
/** The `refresh` parameter of each request sent, in order (undefined when absent). */
const refreshes: unknown[] = [];

beforeAll(async () => {
  client = await createClient({ dataDir });
  await ensureSystemIndices(client);
  const transport = client.transport as unknown as {
    request: (params: { path: string; querystring?: Record<string, unknown> }, options?: unknown) => Promise<unknown>;
  };
  const request = transport.request.bind(transport);
  transport.request = (params, options) => {
    sent.push(params.path);
    refreshes.push(params.querystring?.refresh);
    return request(params, options);
  };
});
afterAll(async () => {
  await client.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const record = (trackName: string): ExecutionRecord => newRecord({
  kind: 'procedure', trackName, procedureName: 'p', arguments: [], parentId: null, parentRootId: null, retryOf: null,
  pipeline: null, node: 'test-node', now: new Date(),
});

describe('WriteBatcher', () => {
  it('sends the writes of one turn in one bulk request and answers each with its own version', async () => {
    const batcher = new WriteBatcher(client);
    const records = [record('a'), record('b'), record('c')];
    sent.length = 0;
    const versions = await Promise.all(records.map((r) => batcher.write({ op: 'create', record: r, searchable: true })));
    expect(sent).toEqual(['/_bulk']);
    expect(new Set(versions.map((v) => v.seqNo)).size).toBe(3);
    // Acknowledged means stored and searchable (§13.14.1).
    const found = await client.search({ index: EXECUTIONS_INDEX, query: { terms: { track_name: ['a', 'b', 'c'] } } });
    expect(found.hits.hits.map((h) => h._id).sort()).toEqual(records.map((r) => r.execution_id).sort());
  });

  it('waits for a refresh only for a request that carries a write that must be searchable', async () => {
    const batcher = new WriteBatcher(client);
    const background = record('h');
    const created = await batcher.write({ op: 'create', record: background });
    refreshes.length = 0;
    const running = await batcher.write({ op: 'replace', record: { ...background, status: 'RUNNING' }, ...created });
    await Promise.all([
      batcher.write({ op: 'replace', record: { ...background, status: 'COMPLETED' }, ...running }),
      batcher.write({ op: 'create', record: record('i'), searchable: true }),
    ]);
    expect(refreshes).toEqual([undefined, 'wait_for']);
  });

  it('keeps every item conditional: a stale version or an existing id fails only that write, as a 409', async () => {
    const batcher = new WriteBatcher(client);
    const first = record('d');
    const created = await batcher.write({ op: 'create', record: first });
    const running = { ...first, status: 'RUNNING' as const };
    const other = record('e');
    const outcomes = await Promise.allSettled([
      batcher.write({ op: 'replace', record: running, ...created }),
      batcher.write({ op: 'replace', record: { ...first, status: 'CANCELLED' }, ...created }),
      batcher.write({ op: 'create', record: first }),
      batcher.write({ op: 'create', record: other }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    for (const failed of [outcomes[1], outcomes[2]]) {
      const reason = (failed as PromiseRejectedResult).reason as RecordWriteError;
      expect(reason).toBeInstanceOf(RecordWriteError);
      expect(reason.meta.statusCode).toBe(409);
      // Read like the error of a single write.
      expect(storeErrorInfo(reason)).toMatchObject({ status: 409, type: 'version_conflict_engine_exception' });
    }
    const stored = await client.get<ExecutionRecord>({ index: EXECUTIONS_INDEX, id: first.execution_id });
    expect(stored._source?.status).toBe('RUNNING');
  });

  it('rejects a write the store refuses, and the next writes go through', async () => {
    const batcher = new WriteBatcher(client);
    await client.indices.close({ index: EXECUTIONS_INDEX });
    try {
      await expect(batcher.write({ op: 'create', record: record('f') })).rejects.toThrow();
    } finally {
      await client.indices.open({ index: EXECUTIONS_INDEX });
    }
    await expect(batcher.write({ op: 'create', record: record('g') })).resolves.toMatchObject({ primaryTerm: 1 });
  });
});
