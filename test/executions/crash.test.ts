/**
 * Crash safety (LANGUAGE.md §13.13, issue 5): a process running 1,000 tracked SLEEPing executions, with
 * finished sources whose handlers have not started yet and a handler caught mid-run, is killed with
 * SIGKILL. A second process on the same data directory (another node) then:
 * - fails every SLEEPing execution with `interrupted` once its lease has expired, and not before;
 * - leaves every COMPLETED record written before the kill as it was (only `pipeline_done` moves);
 * - starts every handler recorded before the kill exactly once, counted by the documents the handlers
 *   index with generated ids (a second run would leave a second document), and never reruns the
 *   handler that was interrupted: its chain ends and FINALLY runs once.
 *
 * The lease is shortened through the environment (ESCRIPT_LEASE_MS and friends), not the defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createClient } from '../../lib/elasticsearch';
import type { ExecutionRecord } from '../../lib/executions';
import { allRecords, childEnv, startEscript, workspace } from './processes';

const SLEEPERS = 1_000;
/** Sources whose first ON_DONE handler is running (SLEEPing) at the kill. */
const CAUGHT = 5;
/** Sources COMPLETED before the kill whose handlers are still waiting for a slot. */
const WAITING = 20;
const LEASE_MS = 4_000;
const SWEEP_MS = 500;
/** Generous time for one node to fail 1,000 records, one conditional write each. */
const RECOVERY_WORK_MS = 10_000;
const TIMING = {
  ESCRIPT_HEARTBEAT_MS: '1000', ESCRIPT_LEASE_MS: String(LEASE_MS), ESCRIPT_RECOVERY_SWEEP_MS: String(SWEEP_MS),
};

const PROCEDURES = `
CREATE OR REPLACE PROCEDURE nap() BEGIN SLEEP(3600000); END PROCEDURE;
CREATE OR REPLACE PROCEDURE quick(i NUMBER) BEGIN RETURN i; END PROCEDURE;
CREATE OR REPLACE PROCEDURE note(who STRING, i NUMBER, r ANY) BEGIN
  INDEX_DOCUMENT('effects', {"who": who, "i": i, "r": r});
  RETURN NULL;
END PROCEDURE;
CREATE OR REPLACE PROCEDURE slow(i NUMBER) BEGIN
  INDEX_DOCUMENT('effects', {"who": "slow", "i": i, "r": NULL});
  SLEEP(3600000);
END PROCEDURE;
CREATE OR REPLACE PROCEDURE step(i NUMBER, r NUMBER) BEGIN
  INDEX_DOCUMENT('effects', {"who": "step", "i": i, "r": r});
  RETURN r * 10;
END PROCEDURE;
CREATE OR REPLACE PROCEDURE gate() BEGIN
  WHILE GET_DOCUMENT('flags', 'go') IS NULL LOOP SLEEP(20); END LOOP;
END PROCEDURE;
CREATE OR REPLACE PROCEDURE blocker() BEGIN PRINT 'blocked'; SLEEP(3600000); END PROCEDURE;
`;

/**
 * With ESCRIPT_MAX_RUNNING_EXECUTIONS = CAUGHT + 1 + (SLEEPERS - 1), the slots are full once the
 * sleepers run. The gate then lets exactly one slot go: the WAITING sources take it one after the
 * other (they asked first), then the last sleeper (blocker) keeps it, so their handlers, which ask
 * for a slot only when their source has ended, are recorded as pending (`pipeline_done: false`) and
 * have no record yet when the process dies.
 */
const FIRST = `${PROCEDURES}
FOR i IN 1..${CAUGHT} LOOP
  quick(i) | ON_DONE slow(i) | ON_DONE note('never', i, @result) | FINALLY note('fin', i, @result) | TRACK AS 'a' || i;
END LOOP;
WHILE ESQL_QUERY('FROM effects | WHERE who == "slow" | STATS n = COUNT(*)')[0].n < ${CAUGHT} LOOP SLEEP(20); END LOOP;
gate() | TRACK AS 'gate';
FOR i IN 1..${SLEEPERS - 1} LOOP nap() | TRACK AS 's' || i; END LOOP;
FOR i IN 1..${WAITING} LOOP
  quick(i) | ON_DONE step(i, @result) | ON_DONE note('h2', i, @result) | FINALLY note('fin2', i, @result) | TRACK AS 'q' || i;
END LOOP;
blocker() | TRACK AS 's${SLEEPERS}';
INDEX_DOCUMENT('flags', {"go": TRUE}, 'go');
`;

/** The second process stays until nothing is left to recover, then says so. */
const SECOND = `
INDEX_DOCUMENT('marks', {"at": NOW()}, 'second-up');
VAR left = 1;
WHILE left > 0 LOOP
  SLEEP(100);
  SET left = ESQL_QUERY('FROM .escript_executions | WHERE status == "PENDING" OR status == "RUNNING" OR pipeline_done == false | STATS n = COUNT(*)')[0].n;
END LOOP;
PRINT 'settled';
`;

const ms = (iso: string | null) => Date.parse(iso ?? '');
const byTrack = (records: Map<string, ExecutionRecord>, name: string) =>
  [...records.values()].find((r) => r.track_name === name)!;
const childrenOf = (records: Map<string, ExecutionRecord>, source: ExecutionRecord) =>
  [...records.values()].filter((r) => r.parent_id === source.execution_id && r.kind === 'continuation')
    .map((r) => `${r.procedure_name} ${r.status}${r.error ? ` ${r.error.type}` : ''}`).sort();

describe('kill -9 of a node with 1,000 running executions', () => {
  const ws = workspace('escript-crash-');
  let client: Client;
  let before: Map<string, ExecutionRecord>;
  let after: Map<string, ExecutionRecord>;
  let effects: Map<string, { count: number; r: unknown[] }>;
  let secondUpMs: number;

  beforeAll(async () => {
    const first = startEscript(['run', '--data', ws.dataDir, ws.script('first.es', FIRST)],
      childEnv({ ...TIMING, ESCRIPT_MAX_RUNNING_EXECUTIONS: String(CAUGHT + SLEEPERS) }));
    await first.line('blocked');
    client = await createClient({ dataDir: ws.dataDir });
    before = await allRecords(client);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = startEscript(['run', '--data', ws.dataDir, ws.script('second.es', SECOND)], childEnv(TIMING));
    const ended = await second.exited;
    expect({ code: ended.code, stderr: second.stderr(), last: second.lines.at(-1) }).toEqual({ code: 0, stderr: '', last: 'settled' });

    after = await allRecords(client);
    await client.indices.refresh({ index: 'effects' });
    const hits = await client.search<{ who: string; i: number; r: unknown }>({ index: 'effects', size: 10_000 });
    effects = new Map();
    for (const { _source: e } of hits.hits.hits) {
      const key = `${e!.who} ${e!.i}`;
      const entry = effects.get(key) ?? { count: 0, r: [] };
      entry.count++;
      entry.r.push(e!.r);
      effects.set(key, entry);
    }
    const mark = await client.get<{ at: string }>({ index: 'marks', id: 'second-up' });
    secondUpMs = ms(mark._source!.at);
  }, 180_000);

  afterAll(async () => {
    await client?.close();
    ws.cleanup();
  });

  it('had the expected state at the kill', () => {
    const running = [...before.values()].filter((r) => r.status === 'RUNNING');
    expect(running.filter((r) => r.procedure_name === 'nap' || r.procedure_name === 'blocker')).toHaveLength(SLEEPERS);
    expect(running.filter((r) => r.procedure_name === 'slow')).toHaveLength(CAUGHT);
    for (let i = 1; i <= WAITING; i++) {
      const q = byTrack(before, `q${i}`);
      expect([q.status, q.pipeline_done, childrenOf(before, q)]).toEqual(['COMPLETED', false, []]);
    }
  });

  it('fails every SLEEPing execution as interrupted once its lease expired, not before', () => {
    const deadNode = byTrack(before, 's1').node;
    for (let i = 1; i <= SLEEPERS; i++) {
      const was = byTrack(before, `s${i}`);
      const now = after.get(was.execution_id)!;
      expect(now).toMatchObject({
        status: 'FAILED', result: null, started_at: was.started_at, pipeline_done: true,
        error: { type: 'interrupted', code: 'INTERRUPTED', message: `execution interrupted: node '${deadNode}' stopped` },
      });
      const lastBeat = ms(was.heartbeat_at);
      const recovered = ms(now.completed_at);
      expect(recovered - lastBeat).toBeGreaterThanOrEqual(LEASE_MS);
      // Promptly after whichever came last, the lease running out or the second node coming up: within
      // a sweep, plus the time to write 1,000 conditional updates on a loaded 2-core machine.
      expect(recovered).toBeLessThanOrEqual(Math.max(lastBeat + LEASE_MS, secondUpMs) + SWEEP_MS + RECOVERY_WORK_MS);
    }
  });

  it('keeps every COMPLETED record written before the kill (only pipeline_done moves)', () => {
    const completed = [...before.values()].filter((r) => r.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThanOrEqual(CAUGHT + WAITING);
    for (const was of completed) {
      expect({ ...after.get(was.execution_id)!, pipeline_done: was.pipeline_done }).toEqual(was);
      expect(after.get(was.execution_id)!.pipeline_done).toBe(true);
    }
  });

  it('starts every handler recorded before the kill exactly once', () => {
    for (let i = 1; i <= WAITING; i++) {
      expect(childrenOf(after, byTrack(after, `q${i}`))).toEqual(['note COMPLETED', 'note COMPLETED', 'step COMPLETED']);
      // @result flows through the resumed chain from the stored results: step returned 10 × i.
      expect([effects.get(`step ${i}`), effects.get(`h2 ${i}`), effects.get(`fin2 ${i}`)])
        .toEqual([{ count: 1, r: [i] }, { count: 1, r: [10 * i] }, { count: 1, r: [10 * i] }]);
    }
  });

  it('does not rerun an interrupted handler: its chain ends and FINALLY runs once', () => {
    for (let i = 1; i <= CAUGHT; i++) {
      const source = byTrack(after, `a${i}`);
      expect(childrenOf(after, source)).toEqual(['note COMPLETED', 'slow FAILED interrupted']);
      expect([effects.get(`slow ${i}`), effects.get(`never ${i}`), effects.get(`fin ${i}`)])
        .toEqual([{ count: 1, r: [null] }, undefined, { count: 1, r: [i] }]);
    }
  });
});
