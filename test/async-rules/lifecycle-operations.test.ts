/**
 * LANGUAGE.md §13.7 (lifecycle) and §13.8 (EXECUTION(…) | STATUS, CANCEL, RETRY, WAIT), as statements and
 * as expressions, at top level and inside procedures, through the service layer on a fresh embedded store
 * per test. Records are read as users read them: the operations' values and ES|QL on .escript_executions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { esql, esqlRows, handlerOutputs, msBetween, run, startRun, statusOf, useFreshStore } from './harness';

useFreshStore();

const PROCS = `
CREATE PROCEDURE quick(n NUMBER) BEGIN PRINT 'quick ' || n; RETURN n * 10; END PROCEDURE
CREATE PROCEDURE sleeper(ms NUMBER) BEGIN PRINT 'sleeping'; SLEEP(ms); PRINT 'woke'; RETURN 'slept'; END PROCEDURE
CREATE PROCEDURE boom(msg STRING) BEGIN THROW msg; END PROCEDURE
CREATE PROCEDURE said(tag STRING, x ANY) BEGIN PRINT tag || ' ' || x; RETURN NULL; END PROCEDURE
`;

describe('§13.7 Lifecycle', () => {
  it('sets started_at on RUNNING; completed_at, duration_ms and the final output on the terminal transition', async () => {
    const started = await startRun(`${PROCS}
sleeper(60000) | TRACK AS 'life';
SLEEP(100);
PRINT (EXECUTION('life') | STATUS).status;`);
    expect(started.prints).toEqual(['RUNNING']);
    const running = await statusOf('life');
    expect(running).toMatchObject({ status: 'RUNNING', completed_at: null, duration_ms: null, result: null, error: null });
    expect(msBetween(running.created_at, running.started_at)).toBeGreaterThanOrEqual(0);
    await run(`EXECUTION('life') | CANCEL;`);
    const ended = await statusOf('life');
    expect(ended).toMatchObject({ status: 'CANCELLED', started_at: running.started_at, output: ['sleeping'] });
    expect(ended.duration_ms).toBe(msBetween(ended.started_at, ended.completed_at));
  });

  it('goes PENDING → CANCELLED on a CANCEL before start: it never runs, started_at and duration_ms stay NULL, output is []', async () => {
    // The CANCEL is the next statement of the same synchronous procedure that started the execution.
    const ran = await run(`${PROCS}
CREATE PROCEDURE start_then_cancel() BEGIN
  sleeper(60000) | FINALLY said('finally', @error) | TRACK AS 'never-ran';
  RETURN EXECUTION('never-ran') | CANCEL;
END PROCEDURE
PRINT start_then_cancel();`);
    expect(ran.prints).toEqual([expect.stringMatching(/^\{"execution_id":"exec-[0-9a-f]{16}","status":"CANCELLED","cancelled":true\}$/)]);
    const rec = await statusOf('never-ran');
    expect(rec).toMatchObject({
      status: 'CANCELLED', started_at: null, duration_ms: null, output: [], cancel_requested: true, result: null,
      error: { type: 'cancelled_error', message: 'execution was cancelled', code: 'CANCELLED' },
    });
    expect(rec.completed_at).not.toBeNull();
    const source = ran.executions.find((e) => e.procedure_name === 'sleeper');
    expect(ran.outputOf(source?.execution_id ?? '')).toEqual([]);
  });

  it('never changes the outcome of a terminal record: a later CANCEL or RETRY leaves status, result, error and completed_at', async () => {
    await run(`${PROCS}
quick(1) | TRACK AS 'done';
boom('bad') | TRACK AS 'failed';
EXECUTION('done') | WAIT;
EXECUTION('failed') | WAIT;`);
    const before = [await statusOf('done'), await statusOf('failed')];
    const ran = await run(`
VAR c1 = EXECUTION('done') | CANCEL;
VAR c2 = EXECUTION('failed') | CANCEL;
PRINT c1.status || ' ' || c1.cancelled || ' ' || c2.status || ' ' || c2.cancelled;
VAR r = EXECUTION('failed') | RETRY;
EXECUTION(r.execution_id) | WAIT;`);
    expect(ran.prints).toEqual(['COMPLETED false FAILED false']);
    const oldFailed = (await esqlRows(`FROM .escript_executions | WHERE execution_id == "${String(before[1].execution_id)}" | KEEP execution_id`))[0];
    const after = [await statusOf(String(before[0].execution_id)), await statusOf(String(oldFailed.execution_id))];
    for (const [i, rec] of after.entries()) {
      for (const field of ['status', 'result', 'error', 'completed_at', 'cancel_requested', 'output']) {
        expect(rec[field], field).toEqual(before[i][field]);
      }
    }
  });

  it('has exactly one winner when CANCEL races completion: the answer always matches the stored outcome', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE race(i NUMBER) BEGIN
  quick(i) | TRACK AS 'race-' || i;
  IF i % 2 == 0 THEN SLEEP(1); END IF;
  RETURN EXECUTION('race-' || i) | CANCEL;
END PROCEDURE
FOR i IN 1..20 LOOP
  VAR c = race(i);
  VAR w = EXECUTION(c.execution_id) | WAIT;
  PRINT c.status || ' ' || c.cancelled || ' ' || w.status || ' ' || (w.result ?? 'NULL') || ' ' || w.cancel_requested;
END LOOP`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toHaveLength(20);
    for (const line of ran.prints) {
      expect(line).toMatch(/^(CANCELLED true CANCELLED NULL true|COMPLETED false COMPLETED \d+ (true|false))$/);
    }
  });
});

describe('§13.8 EXECUTION operations', () => {
  it('works as a statement and as an expression, at top level and inside procedures', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE status_of(name STRING) BEGIN EXECUTION(name) | STATUS; END PROCEDURE
CREATE FUNCTION status_text(name STRING) RETURNS STRING BEGIN RETURN (EXECUTION(name) | WAIT).status; END FUNCTION
quick(1) | TRACK AS 'ops';
EXECUTION('ops') | WAIT;
PRINT (EXECUTION('ops') | STATUS).result;
PRINT status_of('ops').procedure_name;
PRINT status_text('ops');
EXECUTION('ops') | STATUS;`);
    expect(ran.error).toBeNull();
    expect(ran.results.get(8)).toMatchObject({ status: 'COMPLETED', result: 10 });
    expect(ran.prints).toEqual(['10', 'quick', 'COMPLETED']);
    expect(ran.results.get(12)).toMatchObject({ track_name: 'ops', status: 'COMPLETED' });
  });

  it('works inside an execution: an async procedure starts, waits for, inspects and retries another', async () => {
    await run(`${PROCS}
CREATE PROCEDURE supervisor() BEGIN
  boom('first try') | TRACK AS 'supervised';
  VAR first = EXECUTION('supervised') | WAIT;
  VAR again = EXECUTION(first.execution_id) | RETRY;
  VAR second = EXECUTION(again.execution_id) | WAIT;
  VAR c = EXECUTION('supervised') | CANCEL;
  RETURN first.status || ' ' || second.status || ' ' || (second.retry_of == first.execution_id) || ' ' || c.cancelled;
END PROCEDURE
supervisor() | TRACK AS 'boss';`);
    const boss = await statusOf('boss');
    expect(boss).toMatchObject({ status: 'COMPLETED', result: 'FAILED FAILED true false' });
    // Both attempts are children of the supervising execution (a retry copies parent_id, §13.12).
    expect(await esql(`FROM .escript_executions | WHERE track_name == "supervised" | STATS n = COUNT(*) BY parent_id`)).toEqual([
      [2, boss.execution_id],
    ]);
  });

  it.each([
    ['a NUMBER', `EXECUTION(42) | STATUS;`, 'NUMBER'],
    ['NULL', `EXECUTION(NULL) | WAIT;`, 'NULL'],
    ['a DOCUMENT', `EXECUTION({"id": "x"}) | CANCEL;`, 'DOCUMENT'],
  ])('takes only a STRING: %s is a type_error ARGUMENT_TYPE at the EXECUTION keyword', async (_, line, typeName) => {
    const ran = await run(`PRINT 'x';\n  ${line}`);
    expect(ran.error).toMatchObject({
      type: 'type_error', code: 'ARGUMENT_TYPE', line: 2, column: 3,
      message: `EXECUTION: argument 1 must be STRING, got ${typeName}`,
    });
  });

  it.each(['STATUS', 'CANCEL', 'RETRY', 'WAIT'])('%s of an unknown name is a not_found_error UNKNOWN_EXECUTION', async (op) => {
    const ran = await run(`EXECUTION('nobody') | ${op};`);
    expect(ran.error).toMatchObject({
      type: 'not_found_error', code: 'UNKNOWN_EXECUTION', message: "no execution with id or track name 'nobody'",
    });
  });

  it('resolves an execution id before a track name, even when another execution is tracked under that id', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE start_quick(n NUMBER) BEGIN quick(n) | TRACK AS 'first'; END PROCEDURE
VAR first = start_quick(1);
quick(2) | TRACK AS first.execution_id;
EXECUTION(first.execution_id) | WAIT;
SLEEP(5);
PRINT (EXECUTION(first.execution_id) | STATUS).arguments;`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['[1]']);
  });

  it('resolves a track name to the most recent execution with it, also inside procedures and for every operation', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE latest() BEGIN RETURN (EXECUTION('again') | STATUS).arguments; END PROCEDURE
sleeper(60000) | TRACK AS 'again';
SLEEP(5);
quick(7) | TRACK AS 'again';
PRINT (EXECUTION('again') | WAIT).result;
PRINT latest();
PRINT (EXECUTION('again') | CANCEL).status;
DECLARE older STRING FROM .escript_executions | WHERE procedure_name == 'sleeper' AND status == 'RUNNING' | KEEP execution_id;
PRINT (EXECUTION(older) | CANCEL).status;`);
    // The CANCEL by track name reached the newest (already COMPLETED) one; the older one was still running.
    expect(ran.prints).toEqual(['70', '[7]', 'COMPLETED', 'CANCELLED']);
  });

  describe('STATUS', () => {
    it('returns the current stored record with every key, dates as DATEs', async () => {
      const ran = await run(`${PROCS}
quick(3) | TRACK AS 'st';
EXECUTION('st') | WAIT;
VAR s = EXECUTION('st') | STATUS;
PRINT DOCUMENT_KEYS(s);
PRINT TYPEOF(s.created_at) || ' ' || TYPEOF(s.started_at) || ' ' || TYPEOF(s.completed_at) || ' ' || TYPEOF(s.heartbeat_at) || ' ' || TYPEOF(s['@timestamp']);
PRINT s.status || ' ' || s.result || ' ' || s.output;`);
      expect(ran.prints).toEqual([
        '["execution_id","kind","track_name","procedure_name","arguments","status","parent_id","root_id","retry_of","pipeline","result","error","output","@timestamp","created_at","started_at","completed_at","duration_ms","node","heartbeat_at","cancel_requested","pipeline_done"]',
        'DATE DATE DATE DATE DATE',
        'COMPLETED 30 ["quick 3"]',
      ]);
    });
  });

  describe('CANCEL', () => {
    it('of a terminal execution changes nothing and answers cancelled = false with the current status', async () => {
      const ran = await run(`${PROCS}
boom('x') | TRACK AS 'f';
EXECUTION('f') | WAIT;
EXECUTION('f') | CANCEL;
PRINT (EXECUTION('f') | STATUS).cancel_requested;`);
      expect(ran.results.get(7)).toEqual({ execution_id: expect.stringMatching(/^exec-/), status: 'FAILED', cancelled: false });
      expect(ran.prints).toEqual(['false']);
    });

    it('of a RUNNING execution sets cancel_requested and returns once the record is terminal', async () => {
      const ran = await run(`${PROCS}
sleeper(60000) | ON_FAIL said('on_fail', @error) | TRACK AS 'run';
SLEEP(100);
VAR before = EXECUTION('run') | STATUS;
VAR c = EXECUTION('run') | CANCEL;
VAR after = EXECUTION('run') | STATUS;
PRINT before.status || ' ' || c.status || ' ' || c.cancelled || ' ' || after.status || ' ' || after.cancel_requested;
PRINT after.error;`);
      expect(ran.prints).toEqual([
        'RUNNING CANCELLED true CANCELLED true',
        '{"type":"cancelled_error","message":"execution was cancelled","code":"CANCELLED"}',
      ]);
      // Cancellation is not a failure: ON_FAIL does not run; the code after the SLEEP never ran.
      expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | STATS n = COUNT(*)')).toEqual([[0]]);
      const src = ran.executions.find((e) => e.procedure_name === 'sleeper');
      expect(ran.outputOf(src?.execution_id ?? '')).toEqual(['sleeping']);
    });

    it('does not cancel the children of an execution (other than a group\'s branches)', async () => {
      const ran = await run(`${PROCS}
CREATE PROCEDURE parent_job() BEGIN
  sleeper(400) | TRACK AS 'child';
  SLEEP(60000);
END PROCEDURE
parent_job() | TRACK AS 'parent';
SLEEP(100);
EXECUTION('parent') | CANCEL;
VAR child = EXECUTION('child') | WAIT;
PRINT child.status || ' ' || child.result;`);
      expect(ran.prints).toEqual(['COMPLETED slept']);
      expect((await statusOf('parent')).status).toBe('CANCELLED');
    });

    it('cannot be caught: CATCH and FINALLY blocks of the cancelled code do not run', async () => {
      const ran = await run(`
CREATE PROCEDURE guarded() BEGIN
  TRY
    PRINT 'in try';
    SLEEP(60000);
  CATCH
    PRINT 'caught ' || error.type;
  FINALLY
    PRINT 'finally block';
  END TRY
  PRINT 'after try';
END PROCEDURE
guarded() | TRACK AS 'g';
SLEEP(100);
EXECUTION('g') | CANCEL;`);
      expect(ran.outputOf(ran.executions[0].execution_id)).toEqual(['in try']);
      expect((await statusOf('g')).output).toEqual(['in try']);
    });
  });

  describe('RETRY', () => {
    it('re-runs a FAILED execution: a new PENDING record with the stored arguments, pipeline and track name, linked by retry_of', async () => {
      const ran = await run(`${PROCS}
CREATE PROCEDURE flaky(n NUMBER, tag STRING) BEGIN THROW 'attempt ' || n || ' ' || tag; END PROCEDURE
flaky(5, 'x') | ON_DONE said('done', @result) | ON_FAIL said('fail', @error) | FINALLY said('fin', @error) | TIMEOUT 30 | TRACK AS 'flaky';
VAR first = EXECUTION('flaky') | WAIT;
CREATE OR REPLACE PROCEDURE flaky(n NUMBER, tag STRING) BEGIN PRINT 'now works'; RETURN n || tag; END PROCEDURE
EXECUTION(first.execution_id) | RETRY;
VAR second = EXECUTION('flaky') | WAIT;
PRINT second.status || ' ' || second.result;`);
      const retried = ran.results.get(9) as Record<string, unknown>;
      const first = await esqlRows('FROM .escript_executions | WHERE kind == "procedure" AND retry_of IS NULL | KEEP execution_id');
      expect(retried).toMatchObject({
        status: 'PENDING', kind: 'procedure', procedure_name: 'flaky', arguments: [5, 'x'], track_name: 'flaky',
        retry_of: first[0].execution_id, parent_id: null, started_at: null,
        pipeline: {
          on_done: [{ handler: 'said', args: [{ value: 'done' }, { binding: 'result' }] }],
          on_fail: [{ handler: 'said', args: [{ value: 'fail' }, { binding: 'error' }] }],
          finally: [{ handler: 'said', args: [{ value: 'fin' }, { binding: 'error' }] }],
          timeout_seconds: 30,
        },
      });
      expect(retried.execution_id).not.toBe(first[0].execution_id);
      expect(retried.root_id).toBe(retried.execution_id);
      expect(ran.prints).toEqual(['COMPLETED 5x']);
      // The retry's pipeline ran again: its ON_DONE and FINALLY, with the retry as their parent.
      expect(await handlerOutputs(ran, `parent_id == "${String(retried.execution_id)}"`)).toEqual([['done 5x'], ['fin null']]);
      expect(await esql(`FROM .escript_executions | WHERE retry_of == "${String(first[0].execution_id)}" | KEEP status, track_name`)).toEqual([
        ['COMPLETED', 'flaky'],
      ]);
    });

    it('re-runs a CANCELLED execution', async () => {
      const ran = await run(`${PROCS}
sleeper(60000) | TRACK AS 'again';
EXECUTION('again') | CANCEL;
CREATE OR REPLACE PROCEDURE sleeper(ms NUMBER) BEGIN RETURN 'fast now'; END PROCEDURE
VAR r = EXECUTION('again') | RETRY;
PRINT (EXECUTION(r.execution_id) | WAIT).result;`);
      expect(ran.prints).toEqual(['fast now']);
    });

    it.each([
      ['a COMPLETED execution', `quick(1) | TRACK AS 't'; EXECUTION('t') | WAIT;`],
      ['a RUNNING execution', `sleeper(60000) | TRACK AS 't'; SLEEP(50);`],
    ])('refuses %s with a validation_error INVALID_ARGUMENT', async (_, setup) => {
      const ran = await run(`${PROCS}
${setup}
TRY EXECUTION('t') | RETRY; CATCH PRINT error.type || ' ' || error.code; END TRY
EXECUTION('t') | CANCEL;`);
      expect(ran.prints).toEqual(['validation_error INVALID_ARGUMENT']);
      expect(await esql('FROM .escript_executions | WHERE retry_of IS NOT NULL | STATS n = COUNT(*)')).toEqual([[0]]);
    });

    it('refuses a single PARALLEL branch, and retries a whole group with its branches and pipeline', async () => {
      const ran = await run(`${PROCS}
CREATE PROCEDURE maybe(v STRING) BEGIN IF v == 'bad' THEN THROW 'bad branch'; END IF; RETURN v; END PROCEDURE
PARALLEL [maybe('ok'), maybe('bad')] | ON_ALL_DONE said('all', @results) | ON_ANY_FAIL said('any', @results) | TRACK AS 'grp';
VAR g = EXECUTION('grp') | WAIT;
DECLARE bad_branch STRING FROM .escript_executions | WHERE procedure_name == 'maybe' AND status == 'FAILED' | KEEP execution_id;
TRY EXECUTION(bad_branch) | RETRY; CATCH PRINT error.type || ' ' || error.code; END TRY
CREATE OR REPLACE PROCEDURE maybe(v STRING) BEGIN RETURN v || '!'; END PROCEDURE
VAR r = EXECUTION('grp') | RETRY;
VAR g2 = EXECUTION(r.execution_id) | WAIT;
PRINT r.kind || ' ' || (r.retry_of == g.execution_id) || ' ' || g2.status || ' ' || g2.result;`);
      expect(ran.prints).toEqual(['validation_error INVALID_ARGUMENT', 'parallel true COMPLETED ["ok!","bad!"]']);
      const retryGroup = await statusOf('grp');
      expect(await esql(`FROM .escript_executions | WHERE parent_id == "${String(retryGroup.execution_id)}" | KEEP kind, procedure_name, status | SORT kind`)).toEqual([
        ['continuation', 'said', 'COMPLETED'], ['procedure', 'maybe', 'COMPLETED'], ['procedure', 'maybe', 'COMPLETED'],
      ]);
    });

    it('retries a continuation alone: it reruns that handler and does not resume its chain', async () => {
      const ran = await run(`${PROCS}
CREATE PROCEDURE fragile(x NUMBER) BEGIN PRINT 'fragile got ' || x; RETURN x / 0; END PROCEDURE
CREATE PROCEDURE next_step(x NUMBER) BEGIN PRINT 'next step'; END PROCEDURE
quick(2) | ON_DONE fragile(@result) | ON_DONE next_step(@result) | FINALLY said('fin', @result) | TRACK AS 'src';
EXECUTION('src') | WAIT;
SLEEP(200);
DECLARE cont STRING FROM .escript_executions | WHERE procedure_name == 'fragile' | KEEP execution_id;
CREATE OR REPLACE PROCEDURE fragile(x NUMBER) BEGIN PRINT 'fixed got ' || x; RETURN x + 1; END PROCEDURE
VAR r = EXECUTION(cont) | RETRY;
VAR w = EXECUTION(r.execution_id) | WAIT;
PRINT r.kind || ' ' || r.pipeline || ' ' || w.status || ' ' || w.result || ' ' || (r.parent_id == (EXECUTION('src') | STATUS).execution_id);`);
      expect(ran.prints).toEqual(['continuation {"phase":"on_done","position":0} COMPLETED 21 true']);
      expect(await esql('FROM .escript_executions | WHERE procedure_name == "next_step" | STATS n = COUNT(*)')).toEqual([[0]]);
      expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | STATS n = COUNT(*) BY procedure_name | SORT procedure_name')).toEqual([
        [2, 'fragile'], [1, 'said'],
      ]);
    });

    it('converts a stored ISO string back for a DATE parameter; an ANY parameter receives the STRING', async () => {
      const ran = await run(`
CREATE PROCEDURE dated(d DATE, a ANY) BEGIN THROW TYPEOF(d) || ' ' || TYPEOF(a); END PROCEDURE
dated(TO_DATE('2026-01-09T10:00:00Z'), TO_DATE('2026-01-09T10:00:00Z')) | TRACK AS 'd';
VAR first = EXECUTION('d') | WAIT;
VAR r = EXECUTION('d') | RETRY;
VAR second = EXECUTION(r.execution_id) | WAIT;
PRINT first.error.message || ' / ' || second.error.message;`);
      expect(ran.prints).toEqual(['DATE DATE / DATE STRING']);
    });

    it('succeeds when the callee was dropped meanwhile, and the new execution fails with UNKNOWN_ROUTINE', async () => {
      const ran = await run(`
CREATE PROCEDURE doomed() BEGIN THROW 'x'; END PROCEDURE
doomed() | TRACK AS 'doomed';
EXECUTION('doomed') | WAIT;
DROP PROCEDURE doomed;
VAR r = EXECUTION('doomed') | RETRY;
VAR w = EXECUTION(r.execution_id) | WAIT;
PRINT r.status || ' ' || w.status || ' ' || w.error.type || ' ' || w.error.code;`);
      expect(ran.prints).toEqual(['PENDING FAILED not_found_error UNKNOWN_ROUTINE']);
    });
  });

  describe('WAIT', () => {
    it.each([
      ['COMPLETED', `quick(4)`],
      ['FAILED', `boom('bad')`],
    ])('returns the record of a %s execution', async (status, call) => {
      const ran = await run(`${PROCS}
${call} | TRACK AS 'w';
EXECUTION('w') | WAIT;`);
      expect(ran.results.get(6)).toMatchObject({ status, track_name: 'w' });
      expect((ran.results.get(6) as Record<string, unknown>).completed_at).not.toBeNull();
    });

    it('returns the record of a CANCELLED execution', async () => {
      const ran = await run(`${PROCS}
sleeper(60000) | TRACK AS 'w';
EXECUTION('w') | CANCEL;
EXECUTION('w') | WAIT;`);
      expect(ran.results.get(7)).toMatchObject({ status: 'CANCELLED', error: { code: 'CANCELLED' } });
    });

    it('does not wait for the continuations', async () => {
      const ran = await run(`${PROCS}
CREATE PROCEDURE slow_handler(r ANY) BEGIN SLEEP(60000); END PROCEDURE
quick(1) | ON_DONE slow_handler(@result) | TRACK AS 'w';
VAR w = EXECUTION('w') | WAIT TIMEOUT 20;
PRINT w.status || ' ' || w.pipeline_done;
SLEEP(100);
DECLARE h STRING FROM .escript_executions | WHERE procedure_name == 'slow_handler' | KEEP execution_id;
EXECUTION(h) | CANCEL;`);
      expect(ran.prints).toEqual(['COMPLETED false']);
    });

    it('times out with timeout_error WAIT_TIMEOUT after about the given time, fractions and SECONDS allowed', async () => {
      const ran = await run(`${PROCS}
sleeper(60000) | TRACK AS 'w';
VAR t0 = NOW();
TRY
  EXECUTION('w') | WAIT TIMEOUT 0.5 SECONDS;
CATCH timeout_error
  PRINT error.code || ' ' || error.message;
END TRY
PRINT DATEDIFF(NOW(), t0, 'MILLISECOND');
EXECUTION('w') | CANCEL;`);
      const id = ran.executions[0]?.execution_id;
      expect(ran.prints[0]).toBe(`WAIT_TIMEOUT execution '${id}' did not finish within 0.5 seconds`);
      const waited = Number(ran.prints[1]);
      expect(waited).toBeGreaterThanOrEqual(450);
      expect(waited).toBeLessThan(10_000);
    });

    it.each([['0'], ['-2'], ["'soon'"], ['NULL']])('rejects WAIT TIMEOUT %s with a validation_error INVALID_ARGUMENT', async (value) => {
      const ran = await run(`${PROCS}
quick(1) | TRACK AS 'w';
TRY EXECUTION('w') | WAIT TIMEOUT ${value}; CATCH PRINT error.type || ' ' || error.code; END TRY`);
      expect(ran.prints).toEqual(['validation_error INVALID_ARGUMENT']);
    });

    it('refuses to wait on the current execution', async () => {
      await run(`
CREATE PROCEDURE self_wait() BEGIN
  TRY EXECUTION('me') | WAIT TIMEOUT 5; CATCH RETURN error.type || ' ' || error.code; END TRY
  RETURN 'waited';
END PROCEDURE
self_wait() | TRACK AS 'me';`);
      expect(await statusOf('me')).toMatchObject({ status: 'COMPLETED', result: 'validation_error INVALID_ARGUMENT' });
    });

    it('notices the terminal state promptly (within 500 ms, with a generous margin here)', async () => {
      const ran = await run(`${PROCS}
sleeper(300) | TRACK AS 'w';
VAR w = EXECUTION('w') | WAIT;
PRINT DATEDIFF(NOW(), w.completed_at, 'MILLISECOND');`);
      const lag = Number(ran.prints[0]);
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(1_500);
    });
  });
});

describe('§13.7 and §13.9 with a concurrency limit (executions beyond it wait PENDING)', () => {
  const saved = process.env.ESCRIPT_MAX_RUNNING_EXECUTIONS;
  afterEach(() => {
    if (saved === undefined) delete process.env.ESCRIPT_MAX_RUNNING_EXECUTIONS;
    else process.env.ESCRIPT_MAX_RUNNING_EXECUTIONS = saved;
  });

  it('counts TIMEOUT from started_at, not from creation: time spent PENDING does not count', async () => {
    process.env.ESCRIPT_MAX_RUNNING_EXECUTIONS = '1'; // read when this test's service starts
    const ran = await run(`${PROCS}
sleeper(60000) | TRACK AS 'blocker';
quick(1) | TIMEOUT 0.3 | TRACK AS 'queued';
SLEEP(800);
VAR waiting = EXECUTION('queued') | STATUS;
PRINT waiting.status || ' ' || (waiting.started_at IS NULL);
EXECUTION('blocker') | CANCEL;
VAR done = EXECUTION('queued') | WAIT TIMEOUT 10;
PRINT done.status || ' ' || done.result;`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['PENDING true', 'COMPLETED 10']);
  });

  it('CANCEL of a queued PENDING execution ends it at once: it never runs, and only FINALLY runs', async () => {
    process.env.ESCRIPT_MAX_RUNNING_EXECUTIONS = '1';
    const ran = await run(`${PROCS}
sleeper(60000) | TRACK AS 'blocker';
quick(1) | ON_FAIL said('on_fail', @error) | FINALLY said('finally', @error) | TRACK AS 'queued';
SLEEP(200);
VAR c = EXECUTION('queued') | CANCEL;
PRINT c.status || ' ' || c.cancelled;
EXECUTION('blocker') | CANCEL;`);
    expect(ran.prints).toEqual(['CANCELLED true']);
    expect(await statusOf('queued')).toMatchObject({
      status: 'CANCELLED', started_at: null, duration_ms: null, output: [], cancel_requested: true,
      error: { type: 'cancelled_error', code: 'CANCELLED' },
    });
    expect(await handlerOutputs(ran, 'procedure_name == "said"')).toEqual([['finally execution was cancelled']]);
  });
});
