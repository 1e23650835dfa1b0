/**
 * Recovery and the concurrency limit with real parts in one process (LANGUAGE.md §13.13, issue 5):
 * schedulers standing for different nodes share one embedded store on a temporary data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../../lib/elasticsearch';
import { Scheduler, type ExecutionRecord, type SchedulerConfig } from '../../lib/executions';
import { derivedId, newRecord } from '../../lib/executions/record';
import { runScript } from '../../lib/runtime';
import { allRecords } from './processes';

const FAST: Partial<SchedulerConfig> = { heartbeatMs: 100, leaseMs: 600, sweepMs: 60_000, cancelPollMs: 50, pollMs: 20 };

let dir: string;
let client: Client;
const schedulers: Scheduler[] = [];

const node = (name: string, config: Partial<SchedulerConfig> = {}, nodeConfigured = false) => {
  const scheduler = new Scheduler({ client, node: name, nodeConfigured, config: { ...FAST, ...config } });
  schedulers.push(scheduler);
  return scheduler;
};

async function run(source: string, scheduler: Scheduler): Promise<void> {
  const outcome = await runScript(source, {
    host: { client, async: scheduler }, caller: { runId: 'test', executionId: null }, onPrint: () => undefined,
  });
  expect(outcome.kind === 'ran' ? outcome.error : outcome.errors).toBeNull();
}

/** Polls the store until `ready` holds for the records (the scheduler works in the background). */
async function until(ready: (records: ExecutionRecord[]) => boolean): Promise<ExecutionRecord[]> {
  for (;;) {
    const records = [...(await allRecords(client)).values()];
    if (ready(records)) return records;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statusOf = (records: ExecutionRecord[], track: string) => records.find((r) => r.track_name === track)?.status;

/** A record as another process wrote it, `ageMs` ago. */
async function stored(over: Partial<ExecutionRecord>, ageMs: number): Promise<ExecutionRecord> {
  const at = new Date(Date.now() - ageMs);
  const record = {
    ...newRecord({
      kind: 'procedure', trackName: null, procedureName: 'count', arguments: ['src'], parentId: null, parentRootId: null,
      retryOf: null, pipeline: { on_done: [], on_fail: [], finally: [], timeout_seconds: null }, node: 'gone', now: at,
    }),
    ...over,
  };
  await client.index({ index: '.escript_executions', id: record.execution_id, document: record, refresh: 'wait_for' });
  return record;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'escript-recovery-'));
  client = await createClient({ dataDir: dir });
  await ensureSystemIndices(client);
  const setup = node('setup');
  await run(`
    CREATE PROCEDURE nap(i NUMBER) BEGIN SLEEP(60000); END PROCEDURE;
    CREATE PROCEDURE count(who STRING) BEGIN INDEX_DOCUMENT('effects', {"who": who}, who); RETURN who; END PROCEDURE;
  `, setup);
});

afterAll(async () => {
  for (const s of schedulers) await s.close();
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the concurrency limit', () => {
  it('queues executions beyond it as PENDING, starts them in order, and no other node recovers them', async () => {
    const busy = node('busy', { maxRunning: 2 });
    await run(`FOR i IN 1..5 LOOP nap(i) | TRACK AS 'n' || i; END LOOP;`, busy);
    const statuses = (records: ExecutionRecord[]) => [1, 2, 3, 4, 5].map((i) => statusOf(records, `n${i}`));
    expect(statuses(await until((r) => statusOf(r, 'n2') === 'RUNNING')))
      .toEqual(['RUNNING', 'RUNNING', 'PENDING', 'PENDING', 'PENDING']);
    expect(busy.load()).toEqual({ running: 2, queued: 3 });

    // Longer than the lease: the queued records are still heartbeated by their live owner.
    await pause(2 * FAST.leaseMs!);
    const other = node('other');
    expect((await other.recover()).interrupted).toEqual([]);

    await run(`EXECUTION('n2') | CANCEL;`, busy);
    expect(statuses(await until((r) => statusOf(r, 'n3') === 'RUNNING')))
      .toEqual(['RUNNING', 'CANCELLED', 'RUNNING', 'PENDING', 'PENDING']);
    // A queued execution cancelled from elsewhere leaves the queue without ever starting.
    await run(`EXECUTION('n5') | CANCEL;`, other);
    await run(`EXECUTION('n1') | CANCEL;`, busy);
    const end = await until((r) => statusOf(r, 'n4') === 'RUNNING');
    expect(statuses(end)).toEqual(['CANCELLED', 'CANCELLED', 'RUNNING', 'RUNNING', 'CANCELLED']);
    expect(end.find((r) => r.track_name === 'n5')!.started_at).toBeNull();
    // The owner notices the CANCEL written by the other node at its next heartbeat and drops the ticket.
    while (busy.load().queued > 0) await pause(20);
    expect(busy.load()).toEqual({ running: 2, queued: 0 });
    await run(`EXECUTION('n3') | CANCEL; EXECUTION('n4') | CANCEL;`, other);
  });
});

describe('recovery', () => {
  it('fails at once the records an earlier process of a configured node name left, and nothing fresh of others', async () => {
    const leftOver = await stored({ status: 'RUNNING', node: 'ide', started_at: new Date(Date.now() - 2_000).toISOString() }, 1_000);
    const othersFresh = await stored({ status: 'RUNNING', node: 'cli-7', started_at: new Date().toISOString() }, 50);
    const restarted = node('ide', {}, true);
    const report = await restarted.recover();
    expect(report.interrupted).toEqual([leftOver.execution_id]);
    const records = await allRecords(client);
    expect(records.get(leftOver.execution_id)).toMatchObject({
      status: 'FAILED', node: 'ide', error: { type: 'interrupted', message: "execution interrupted: node 'ide' stopped" },
    });
    expect(records.get(othersFresh.execution_id)!.status).toBe('RUNNING');
    await client.delete({ index: '.escript_executions', id: othersFresh.execution_id, refresh: 'wait_for' });
  });

  it('resumes a dead node\'s unfinished pipeline on one node only, however many recover at once', async () => {
    const handler = (who: string) => ({ handler: 'count', args: [{ value: who }] });
    const source = await stored({
      status: 'COMPLETED', result: 'src', started_at: new Date(Date.now() - 60_000).toISOString(),
      completed_at: new Date(Date.now() - 59_000).toISOString(), heartbeat_at: new Date(Date.now() - 59_000).toISOString(),
      pipeline: { on_done: [handler('d0'), handler('d1')], on_fail: [handler('never')], finally: [handler('f0')], timeout_seconds: null },
    }, 60_000);
    // The dead node had finished the first handler before it died.
    const first = newRecord({
      id: derivedId(source.execution_id, 'on_done', 0), kind: 'continuation', trackName: null, procedureName: 'count',
      arguments: ['d0'], parentId: source.execution_id, parentRootId: source.root_id, retryOf: null,
      pipeline: { phase: 'on_done', position: 0 }, node: 'gone', now: new Date(Date.now() - 59_000),
    });
    await client.index({ index: '.escript_executions', id: first.execution_id, refresh: 'wait_for',
      document: { ...first, status: 'COMPLETED', result: 'd0', completed_at: first.created_at, pipeline_done: true } });

    const nodes = [node('r1'), node('r2'), node('r3')];
    const reports = await Promise.all(nodes.map((n) => n.recover()));
    expect(reports.filter((r) => r.resumed.includes(source.execution_id)).length).toBeGreaterThan(0);
    await Promise.all(nodes.map((n) => n.idle()));

    const records = [...(await allRecords(client)).values()];
    const children = records.filter((r) => r.parent_id === source.execution_id).map((r) => `${r.arguments![0]} ${r.status}`).sort();
    expect(children).toEqual(['d0 COMPLETED', 'd1 COMPLETED', 'f0 COMPLETED']);
    expect(records.find((r) => r.execution_id === source.execution_id)!.pipeline_done).toBe(true);
    // Each handler indexes a document under its own name: a second run would make version 2.
    const version = async (id: string) => (await client.get({ index: 'effects', id }, { ignore: [404] }))._version ?? null;
    expect(await Promise.all(['d0', 'd1', 'never', 'f0'].map(version))).toEqual([null, 1, null, 1]);
  });
});
