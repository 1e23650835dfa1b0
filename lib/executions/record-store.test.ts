import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../elasticsearch';
import { newRecord, type ExecutionRecord } from './record';
import { RecordStore } from './record-store';

const dataDir = mkdtempSync(join(tmpdir(), 'escript-record-store-'));
let client: Client;
let records: RecordStore;

beforeAll(async () => {
  client = await createClient({ dataDir });
  await ensureSystemIndices(client);
  records = new RecordStore(client);
});
afterAll(async () => {
  await client.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const stored = async (node: string, change: Partial<ExecutionRecord>): Promise<string> => {
  const record = { ...newRecord({
    kind: 'procedure', trackName: null, procedureName: 'p', arguments: [], parentId: null, parentRootId: null,
    retryOf: null, pipeline: null, node, now: new Date(),
  }), ...change };
  await records.create(record);
  return record.execution_id;
};

describe('RecordStore.cancelRequested', () => {
  it('answers the RUNNING records of this node that carry a CANCEL request, and no others', async () => {
    const wanted = await stored('a', { status: 'RUNNING', cancel_requested: true });
    await stored('a', { status: 'RUNNING' });
    await stored('a', { status: 'PENDING' });
    await stored('a', { status: 'CANCELLED', cancel_requested: true });
    await stored('b', { status: 'RUNNING', cancel_requested: true });
    expect(await records.cancelRequested('a', 10)).toEqual([wanted]);
    expect(await records.cancelRequested('c', 10)).toEqual([]);
  });
});
