/**
 * CANCEL of a PARALLEL group before it starts (LANGUAGE.md §13.7, §13.8): the group and its branches end
 * CANCELLED without running, and nothing of them stays held on the node: no slot, no unfinished work of the
 * run that started them (so `escript run` ends).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../../lib/elasticsearch';
import { Scheduler } from '../../lib/executions';
import { runScript } from '../../lib/runtime';
import { allRecords } from './processes';

let dir: string;
let client: Client;
let scheduler: Scheduler;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'escript-cancel-pending-group-'));
  client = await createClient({ dataDir: dir });
  await ensureSystemIndices(client);
  scheduler = new Scheduler({ client, node: 'cancel-pending-group' });
});
afterAll(async () => {
  await scheduler.close();
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(source: string, runId: string): Promise<string[]> {
  const prints: string[] = [];
  const outcome = await runScript(source, {
    host: { client, async: scheduler }, caller: { runId, executionId: null }, onPrint: (text) => void prints.push(text),
  });
  expect(outcome.kind === 'ran' ? outcome.error : outcome.errors).toBeNull();
  return prints;
}

describe('CANCEL of a group that has not started', () => {
  it('cancels the group and its branches, none runs, and the run that started them settles', async () => {
    await run(`
CREATE PROCEDURE gp_branch(n NUMBER) BEGIN PRINT 'ran ' || n; RETURN n; END PROCEDURE`, 'defs');
    // The CANCEL runs right after the PARALLEL statement, before the group's RUNNING write (the group starts
    // on a later turn of the event loop); had the group started first, started_at below would not be NULL.
    const prints = await run(`
PARALLEL [gp_branch(1), gp_branch(2)] | TRACK AS 'pending-group';
VAR c = EXECUTION('pending-group') | CANCEL;
PRINT c.status || ' ' || c.cancelled;`, 'cancel-run');
    expect(prints).toEqual(['CANCELLED true']);
    // Resolves only once every execution the run started is finished (and its slot given back).
    await scheduler.runs.settled('cancel-run');
    expect(scheduler.load()).toEqual({ running: 0, queued: 0 });
    const records = [...(await allRecords(client)).values()];
    expect(records.map((r) => [r.kind, r.status, r.started_at]).sort()).toEqual([
      ['parallel', 'CANCELLED', null], ['procedure', 'CANCELLED', null], ['procedure', 'CANCELLED', null],
    ]);
  });
});
