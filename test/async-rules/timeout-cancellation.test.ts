/**
 * LANGUAGE.md §13.9 (TIMEOUT) and §13.10 (cancellation points and fairness), through the service layer on
 * a fresh embedded store per test. Durations are read from the records' timestamps with generous bounds:
 * the spec's promise is "within 1 second", and the assertions allow for a loaded 2-core machine.
 */
import { describe, expect, it } from 'vitest';
import { serveEngine } from '../../lib/embedded/http';
import { currentDataDir, esql, handlerOutputs, msBetween, run, startRun, statusOf, useFreshStore } from './harness';

useFreshStore();

/** The spec's bound (1 s) plus room for a busy machine. */
const PROMPT_MS = 3_000;


describe('§13.9 TIMEOUT', () => {
  it('fails a SLEEP(60000) in about the given time with the timeout_error, then runs ON_FAIL and FINALLY', async () => {
    const ran = await run(`
CREATE PROCEDURE long_sleep() BEGIN PRINT 'sleeping'; SLEEP(60000); PRINT 'never'; END PROCEDURE
CREATE PROCEDURE h(tag STRING, e STRING) BEGIN PRINT tag || ': ' || e; END PROCEDURE
long_sleep() | TIMEOUT 1 | ON_DONE h('done', @error) | ON_FAIL h('fail', @error) | FINALLY h('finally', @error) | TRACK AS 't';`);
    const rec = await statusOf('t');
    expect(rec).toMatchObject({
      status: 'FAILED', output: ['sleeping'], result: null,
      error: { type: 'timeout_error', message: 'execution exceeded its timeout of 1 seconds', code: 'EXECUTION_TIMEOUT' },
    });
    // Counted from started_at: at least the limit, and not much more.
    const took = msBetween(rec.started_at, rec.completed_at);
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(1_000 + PROMPT_MS);
    expect(rec.duration_ms).toBe(took);
    expect(await handlerOutputs(ran)).toEqual([
      ['fail: execution exceeded its timeout of 1 seconds'], ['finally: execution exceeded its timeout of 1 seconds'],
    ]);
  });

  it('covers what the body calls synchronously', async () => {
    await run(`
CREATE PROCEDURE inner_sleep() BEGIN SLEEP(60000); END PROCEDURE
CREATE FUNCTION slow_value() RETURNS NUMBER BEGIN CALL inner_sleep(); RETURN 1; END FUNCTION
CREATE PROCEDURE outer_job() BEGIN PRINT 'calling'; RETURN slow_value(); END PROCEDURE
outer_job() | TIMEOUT 0.3 SECONDS | TRACK AS 'nested';`);
    const rec = await statusOf('nested');
    expect(rec).toMatchObject({ status: 'FAILED', error: { code: 'EXECUTION_TIMEOUT', message: 'execution exceeded its timeout of 0.3 seconds' } });
    expect(msBetween(rec.started_at, rec.completed_at)).toBeLessThan(300 + PROMPT_MS);
  });

  it('does not cover the continuations', async () => {
    const ran = await run(`
CREATE PROCEDURE fast() BEGIN RETURN 'ok'; END PROCEDURE
CREATE PROCEDURE slow_handler(r STRING) BEGIN SLEEP(700); PRINT 'handler finished ' || r; END PROCEDURE
fast() | TIMEOUT 0.2 | ON_DONE slow_handler(@result) | TRACK AS 'src';`);
    expect((await statusOf('src')).status).toBe('COMPLETED');
    expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | KEEP status, error.type')).toEqual([['COMPLETED', null]]);
    expect(await handlerOutputs(ran)).toEqual([['handler finished ok']]);
  });

  it('stops a CPU-bound loop too', async () => {
    await run(`
CREATE PROCEDURE spin() BEGIN WHILE TRUE LOOP END LOOP; END PROCEDURE
spin() | TIMEOUT 0.5 | TRACK AS 'spin';`);
    const rec = await statusOf('spin');
    expect(rec).toMatchObject({ status: 'FAILED', error: { type: 'timeout_error', code: 'EXECUTION_TIMEOUT' } });
    expect(msBetween(rec.started_at, rec.completed_at)).toBeLessThan(500 + PROMPT_MS);
  });

  it('cannot be caught: CATCH and FINALLY blocks of the timed-out code do not run', async () => {
    await run(`
CREATE PROCEDURE guarded() BEGIN
  TRY SLEEP(60000); CATCH PRINT 'caught ' || error.type; FINALLY PRINT 'finally block'; END TRY
  PRINT 'after';
END PROCEDURE
guarded() | TIMEOUT 0.3 | TRACK AS 'g';`);
    expect(await statusOf('g')).toMatchObject({ status: 'FAILED', output: [], error: { type: 'timeout_error' } });
  });

  it('interrupts a WAIT inside the execution', async () => {
    await run(`
CREATE PROCEDURE long_sleep() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE waiter() BEGIN long_sleep() | TRACK AS 'awaited'; EXECUTION('awaited') | WAIT TIMEOUT 50; END PROCEDURE
waiter() | TIMEOUT 0.3 | TRACK AS 'waiter';
EXECUTION('waiter') | WAIT;
EXECUTION('awaited') | CANCEL;`);
    const rec = await statusOf('waiter');
    expect(rec).toMatchObject({ status: 'FAILED', error: { code: 'EXECUTION_TIMEOUT' } });
    expect(msBetween(rec.started_at, rec.completed_at)).toBeLessThan(300 + PROMPT_MS);
  });
});

describe('§13.10 Cancellation points and fairness', () => {
  it('CANCEL of WHILE TRUE LOOP … END LOOP takes effect promptly while the HTTP API keeps answering', async () => {
    const server = await serveEngine({ dataDir: currentDataDir(), port: 0 });
    try {
      const started = await startRun(`
CREATE PROCEDURE spin() BEGIN PRINT 'spinning'; WHILE TRUE LOOP END LOOP; END PROCEDURE
spin() | TRACK AS 'spin';`);
      expect(started.error).toBeNull();
      // While the loop spins in this very process, the loopback HTTP door and the service's own client answer.
      let sawRunning = false;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${server.url}/_query`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'FROM .escript_executions | WHERE track_name == "spin" | KEEP status' }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { values: string[][] };
        sawRunning ||= body.values[0]?.[0] === 'RUNNING';
        expect(await esql('FROM .escript_executions | STATS n = COUNT(*)')).toEqual([[1]]);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(sawRunning).toBe(true);
      const cancelled = await run(`
VAR t0 = NOW();
VAR c = EXECUTION('spin') | CANCEL;
PRINT c.status || ' ' || c.cancelled;
PRINT DATEDIFF((EXECUTION('spin') | STATUS).completed_at, t0, 'MILLISECOND');`);
      expect(cancelled.prints[0]).toBe('CANCELLED true');
      expect(Number(cancelled.prints[1])).toBeLessThan(PROMPT_MS);
      expect((await statusOf('spin')).output).toEqual(['spinning']);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['an empty loop', `LOOP END LOOP;`],
    ['a loop of statements', `DECLARE i NUMBER = 0; LOOP SET i = i + 1; END LOOP;`],
    ['a loop of calls', `DECLARE i NUMBER = 0; LOOP SET i = twice(i) % 1000; END LOOP;`],
    ['a FOR over a huge range', `FOR i IN 1..1000000000000 LOOP END LOOP;`],
    ['unbounded recursion of a stored function', `VAR x = forever(1);`],
    ['a loop of ES|QL queries', `LOOP DECLARE n NUMBER FROM .escript_executions | STATS c = COUNT(*); END LOOP;`],
    ['a SLEEP', `SLEEP(60000);`],
    ['a WAIT', `EXECUTION('other') | WAIT TIMEOUT 50;`],
  ])('stops at a cancellation point: %s', async (_, body) => {
    const ran = await run(`
CREATE FUNCTION twice(x NUMBER) RETURNS NUMBER BEGIN RETURN x * 2 + 1; END FUNCTION
CREATE FUNCTION forever(x NUMBER) RETURNS NUMBER BEGIN SLEEP(0); RETURN forever(x); END FUNCTION
CREATE PROCEDURE other_job() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE busy() BEGIN PRINT 'busy'; ${body} PRINT 'never'; END PROCEDURE
other_job() | TRACK AS 'other';
busy() | TRACK AS 'busy';
SLEEP(100);
VAR t0 = NOW();
VAR c = EXECUTION('busy') | CANCEL;
PRINT c.status;
PRINT DATEDIFF((EXECUTION('busy') | STATUS).completed_at, t0, 'MILLISECOND');
EXECUTION('other') | CANCEL;`);
    expect(ran.error).toBeNull();
    expect(ran.prints[0]).toBe('CANCELLED');
    expect(Number(ran.prints[1])).toBeLessThan(PROMPT_MS);
    expect((await statusOf('busy')).output).toEqual(['busy']);
  });

  it('lets foreground runs and other executions progress while an execution computes', async () => {
    await startRun(`
CREATE PROCEDURE spin() BEGIN WHILE TRUE LOOP END LOOP; END PROCEDURE
CREATE PROCEDURE quick(n NUMBER) BEGIN RETURN n + 1; END PROCEDURE
spin() | TRACK AS 'spin';`);
    const meanwhile = await run(`
VAR total = 0;
FOR i IN 1..2000 LOOP SET total = total + i; END LOOP;
PRINT total;
quick(1) | TRACK AS 'quick';
VAR w = EXECUTION('quick') | WAIT TIMEOUT 10;
PRINT w.status || ' ' || w.result || ' ' || (EXECUTION('spin') | STATUS).status;
EXECUTION('spin') | CANCEL;`);
    expect(meanwhile.error).toBeNull();
    expect(meanwhile.prints).toEqual(['2001000', 'COMPLETED 2 RUNNING']);
  });

  it('unwinds at once: nothing the stopped run would do afterwards is recorded', async () => {
    const ran = await run(`
CREATE PROCEDURE writer() BEGIN
  INDEX_DOCUMENT('cancel-log', {"step": "before"}, 'before');
  PRINT 'wrote before';
  SLEEP(60000);
  INDEX_DOCUMENT('cancel-log', {"step": "after"}, 'after');
  PRINT 'after';
END PROCEDURE
writer() | TRACK AS 'writer';
SLEEP(200);
EXECUTION('writer') | CANCEL;
SLEEP(100);
PRINT GET_DOCUMENT('cancel-log', 'after') ?? 'no after';`);
    expect(ran.error).toBeNull();
    // Whether the earlier write stays is not guaranteed (§13.14); the later one must never happen.
    expect(ran.prints).toEqual(['no after']);
    expect((await statusOf('writer')).output).toEqual(['wrote before']);
  });
});
