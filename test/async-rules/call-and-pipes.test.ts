/**
 * LANGUAGE.md §13.1 (executions), §13.2 (the async call) and §13.3 (pipes), through the service layer
 * on a fresh embedded store per test. The shared conformance cases already cover the basic forms; these
 * go further: stored-only callees and handlers, evaluation order, what exists after a failed start, every
 * pipe in every order, inside procedures as well as at top level.
 */
import { describe, expect, it } from 'vitest';
import { esql, handlerOutputs, run, startRun, statusOf, useFreshStore } from './harness';

useFreshStore();

describe('§13.1 Executions', () => {
  it('records each of the three kinds in .escript_executions', async () => {
    const ran = await run(`
CREATE PROCEDURE job() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE h(x ANY) BEGIN RETURN x; END PROCEDURE
job() | ON_DONE h(@result);
PARALLEL [job()];`);
    expect(ran.error).toBeNull();
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*) BY kind | SORT kind')).toEqual([
      [1, 'continuation'], [1, 'parallel'], [2, 'procedure'],
    ]);
  });

  it.each([
    ['a built-in callee', `UPPER('a') | TRACK AS 't';`],
    ['a local function callee', `FUNCTION loc(x NUMBER) RETURNS NUMBER BEGIN RETURN x; END FUNCTION
loc(1) | TRACK AS 't';`],
    ['a built-in handler', `job() | ON_DONE UPPER(@result);`],
    ['a local function handler', `FUNCTION loc(x ANY) RETURNS ANY BEGIN RETURN x; END FUNCTION
job() | FINALLY loc(@result);`],
    ['a built-in branch', `PARALLEL [job(), UPPER('a')];`],
    ['a built-in group handler', `PARALLEL [job()] | ON_ALL_DONE ARRAY_LENGTH(@results);`],
  ])('runs stored code only: %s is a validation_error NOT_STORED and creates no record', async (_, line) => {
    const ran = await run(`CREATE PROCEDURE job() BEGIN RETURN 'x'; END PROCEDURE
TRY
${line}
CATCH
  PRINT error.type || ' ' || error.code;
END TRY`);
    expect(ran.prints).toEqual(['validation_error NOT_STORED']);
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*)')).toEqual([[0]]);
  });

  it('gives each execution its own call stack: the depth limit counts from the execution, not its caller', async () => {
    // The caller is deep in recursion when it starts the execution; the execution itself recurses from zero.
    const ran = await run(`
CREATE FUNCTION down(n NUMBER) RETURNS NUMBER BEGIN IF n == 0 THEN RETURN 0; END IF; RETURN down(n - 1); END FUNCTION
CREATE PROCEDURE deep_start(n NUMBER) BEGIN
  IF n == 0 THEN down(40) | TRACK AS 'from-deep'; RETURN 'started'; END IF;
  RETURN deep_start(n - 1);
END PROCEDURE
PRINT deep_start(40);
VAR w = EXECUTION('from-deep') | WAIT;
PRINT w.status || ' ' || w.result;`);
    expect(ran.prints).toEqual(['started', 'COMPLETED 0']);
  });
});

describe('§13.2 The async call', () => {
  it('returns before the procedure finishes: the run ends while the execution is still going', async () => {
    const started = await startRun(`
CREATE PROCEDURE long_job() BEGIN PRINT 'working'; SLEEP(60000); RETURN 'never'; END PROCEDURE
PRINT 'before';
long_job() | TRACK AS 'long';
PRINT 'after';`);
    // runScript resolved although the body sleeps for a minute: the statement did not wait for it.
    expect(started.prints).toEqual(['before', 'after']);
    expect(started.results.get(3)).toMatchObject({ status: 'PENDING', track_name: 'long', started_at: null });
    expect(['PENDING', 'RUNNING']).toContain((await statusOf('long')).status);
    const stopped = await run(`EXECUTION('long') | CANCEL;`);
    expect(stopped.results.get(1)).toMatchObject({ status: 'CANCELLED', cancelled: true });
  });

  it('returns at once inside a procedure too, and the procedure goes on with its next statement', async () => {
    const started = await startRun(`
CREATE PROCEDURE long_job() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE starter() BEGIN
  long_job() | TRACK AS 'inner-long';
  PRINT 'starter continues';
  RETURN (EXECUTION('inner-long') | STATUS).procedure_name;
END PROCEDURE
PRINT starter();`);
    expect(started.error).toBeNull();
    expect(started.prints).toEqual(['starter continues', 'long_job']);
    expect(['PENDING', 'RUNNING']).toContain((await statusOf('inner-long')).status);
    await run(`EXECUTION('inner-long') | CANCEL;`);
  });

  it('evaluates the arguments, then the handler arguments in pipeline order, all in the caller before the record exists', async () => {
    const ran = await run(`
CREATE FUNCTION say(x STRING) RETURNS STRING BEGIN PRINT 'eval ' || x; RETURN x; END FUNCTION
CREATE PROCEDURE job(a STRING, b STRING) BEGIN RETURN a || b; END PROCEDURE
CREATE PROCEDURE h(x ANY, y ANY) BEGIN RETURN NULL; END PROCEDURE
job(say('arg1'), say('arg2')) | FINALLY h(@result, say('finally')) | ON_DONE h(say('done1'), say('done2')) | ON_FAIL h(@error, say('fail')) | TRACK AS say('name');`);
    expect(ran.prints).toEqual([
      'eval arg1', 'eval arg2', 'eval finally', 'eval done1', 'eval done2', 'eval fail', 'eval name',
    ]);
    // The expressions ran once, in the caller: none of their lines is in an execution's output.
    const outputs = ran.executions.flatMap((e) => ran.outputOf(e.execution_id));
    expect(outputs).toEqual([]);
    expect(await esql('FROM .escript_executions | WHERE kind == "procedure" | KEEP track_name, status')).toEqual([['name', 'COMPLETED']]);
  });

  it.each([
    ['a handler argument that fails to evaluate', `job(1) | ON_DONE h(1 / 0);`, 'division_error DIVISION_BY_ZERO'],
    ['an argument that fails to evaluate', `job(1 / 0) | TRACK AS 't';`, 'division_error DIVISION_BY_ZERO'],
    ['a handler of the wrong arity', `job(1) | FINALLY h();`, 'validation_error ARITY_MISMATCH'],
    ['an unknown handler in a later pipe', `job(1) | ON_DONE h(@result) | FINALLY gone(@result);`, 'not_found_error UNKNOWN_ROUTINE'],
    ['a TRACK AS of 257 characters', `job(1) | TRACK AS RPAD('', 257, 'x');`, 'validation_error INVALID_ARGUMENT'],
    ['a TRACK AS that is not a STRING', `job(1) | TRACK AS 42;`, 'validation_error INVALID_ARGUMENT'],
    ['a NULL TRACK AS', `job(1) | TRACK AS NULL;`, 'validation_error INVALID_ARGUMENT'],
    ['a negative TIMEOUT', `job(1) | TIMEOUT -1;`, 'validation_error INVALID_ARGUMENT'],
    ['a TIMEOUT that is not a NUMBER', `job(1) | TIMEOUT '5';`, 'validation_error INVALID_ARGUMENT'],
  ])('raises %s in the caller, and no execution exists', async (_, line, expected) => {
    const ran = await run(`
CREATE PROCEDURE job(n NUMBER) BEGIN RETURN n; END PROCEDURE
CREATE PROCEDURE h(x ANY) BEGIN RETURN x; END PROCEDURE
TRY
${line}
CATCH
  PRINT error.type || ' ' || error.code;
END TRY
PRINT 'caller goes on';`);
    expect(ran.prints).toEqual([expected, 'caller goes on']);
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*)')).toEqual([[0]]);
  });

  it('accepts a TRACK AS of exactly 256 characters, counted in code points', async () => {
    const ran = await run(`
CREATE PROCEDURE job() BEGIN RETURN 1; END PROCEDURE
job() | TRACK AS RPAD('', 256, 'x');
job() | TRACK AS RPAD('', 256, '😀');
TRY job() | TRACK AS RPAD('', 257, '😀'); CATCH PRINT error.code; END TRY`);
    expect(ran.error).toBeNull();
    expect(ran.results.get(2)).toMatchObject({ track_name: 'x'.repeat(256) });
    expect(ran.results.get(3)).toMatchObject({ track_name: '😀'.repeat(256) });
    expect(ran.prints).toEqual(['INVALID_ARGUMENT']);
  });

  it('raises an uncaught start error at the async statement, stopping the run there', async () => {
    const ran = await run(`
CREATE PROCEDURE job(n NUMBER) BEGIN RETURN n; END PROCEDURE
PRINT 'one';
job('not a number') | TRACK AS 'bad';
PRINT 'never';`);
    expect(ran.exit).toBe(1);
    expect(ran.prints).toEqual(['one']);
    expect(ran.error).toMatchObject({ type: 'type_error', code: 'ARGUMENT_TYPE', line: 4 });
  });

  it('writes the PENDING record before the statement completes: the next statement finds it with ES|QL', async () => {
    const ran = await run(`
CREATE PROCEDURE job() BEGIN SLEEP(50); RETURN 1; END PROCEDURE
job() | TRACK AS 'findable';
FROM .escript_executions | WHERE track_name == 'findable' | KEEP track_name, procedure_name, kind;`);
    expect(ran.results.get(3)).toEqual([{ track_name: 'findable', procedure_name: 'job', kind: 'procedure' }]);
  });

  it("keeps the procedure's failure away from the caller: the run ends normally and the record is FAILED", async () => {
    const ran = await run(`
CREATE PROCEDURE boom() BEGIN PRINT 'boom runs'; THROW 'exploded' WITH CODE 'BOOM'; END PROCEDURE
boom() | TRACK AS 'boom';
PRINT 'caller unaffected';`);
    expect(ran.exit).toBe(0);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['caller unaffected']);
    expect(ran.executions).toMatchObject([{ procedure_name: 'boom', status: 'FAILED' }]);
    expect(ran.outputOf(ran.executions[0].execution_id)).toEqual(['boom runs']);
    expect(await esql('FROM .escript_executions | KEEP status, error.type, error.code, error.message')).toEqual([
      ['FAILED', 'error', 'BOOM', 'exploded'],
    ]);
  });

  it("ends COMPLETED with the procedure's result, with started_at and completed_at set in order", async () => {
    const ran = await run(`
CREATE PROCEDURE job(n NUMBER) BEGIN RETURN {"double": n * 2, "list": [n]}; END PROCEDURE
job(21) | TRACK AS 'done';`);
    expect(ran.error).toBeNull();
    const rec = await statusOf('done');
    expect(rec).toMatchObject({ status: 'COMPLETED', result: { double: 42, list: [21] }, error: null, pipeline_done: true });
    const created = Date.parse(String(rec.created_at));
    const started = Date.parse(String(rec.started_at));
    const completed = Date.parse(String(rec.completed_at));
    expect(started).toBeGreaterThanOrEqual(created);
    expect(completed).toBeGreaterThanOrEqual(started);
    expect(rec.duration_ms).toBe(completed - started);
  });

  it('without a pipe, the same call is an ordinary synchronous call and makes no record', async () => {
    const ran = await run(`
CREATE PROCEDURE job(n NUMBER) BEGIN PRINT 'in job'; RETURN n + 1; END PROCEDURE
job(1);
CALL job(2);`);
    expect(ran.prints).toEqual(['in job', 'in job']);
    expect(ran.results.get(2)).toBe(2);
    expect(ran.results.get(3)).toBe(3);
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*)')).toEqual([[0]]);
  });

  it('binds arguments with the checks of CALL: declared types convert as they do for a call', async () => {
    const ran = await run(`
CREATE PROCEDURE job(d DATE, n INT) BEGIN RETURN TYPEOF(d) || ' ' || n; END PROCEDURE
CREATE PROCEDURE starter() BEGIN job('2026-01-09T10:00:00Z', 3) | TRACK AS 'typed'; END PROCEDURE
VAR rec = starter();
PRINT rec.arguments;
PRINT (EXECUTION('typed') | WAIT).result;`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['["2026-01-09T10:00:00.000Z",3]', 'DATE 3']);
  });
});

/** The pipes of a single async call, each as it appears in source and in the record's pipeline (§14.2). */
const PIPES = {
  on_done: "ON_DONE h('d')",
  on_fail: "ON_FAIL h('f')",
  finally: "FINALLY h('z')",
  track: "TRACK AS 'tracked'",
  timeout: 'TIMEOUT 30',
} as const;
type PipeName = keyof typeof PIPES;
const PIPE_NAMES = Object.keys(PIPES) as PipeName[];

/** Every non-empty subset of the pipes, each in a different rotation of source order. */
function pipeCombinations(): PipeName[][] {
  const out: PipeName[][] = [];
  for (let mask = 1; mask < 1 << PIPE_NAMES.length; mask++) {
    const subset = PIPE_NAMES.filter((_, i) => mask & (1 << i));
    const shift = mask % subset.length;
    out.push([...subset.slice(shift), ...subset.slice(0, shift)].reverse());
  }
  return out;
}

describe('§13.3 Pipes', () => {
  it('accepts every combination of the pipes in any order, and records each in the pipeline', async () => {
    const combos = pipeCombinations();
    const lines = combos.map((pipes) => `ok() | ${pipes.map((p) => PIPES[p]).join(' | ')};`);
    // Starting 31 executions of a fast procedure: only the shapes of the PENDING records matter here.
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE h(tag STRING) BEGIN RETURN NULL; END PROCEDURE
${lines.join('\n')}`);
    expect(ran.error).toBeNull();
    // Statements 1 and 2 are the CREATEs; statement 3 + i is combination i, whose value is its record (§3.3).
    const records = combos.map((_, i) => ran.results.get(3 + i));
    combos.forEach((pipes, i) => {
      const handlers = (name: PipeName, tag: string) =>
        pipes.includes(name) ? [{ handler: 'h', args: [{ value: tag }] }] : [];
      expect(records[i], pipes.join(' | ')).toMatchObject({
        track_name: pipes.includes('track') ? 'tracked' : null,
        pipeline: {
          on_done: handlers('on_done', 'd'), on_fail: handlers('on_fail', 'f'), finally: handlers('finally', 'z'),
          timeout_seconds: pipes.includes('timeout') ? 30 : null,
        },
      });
    });
  });

  it('ON_DONE runs when the execution COMPLETED, and ON_FAIL does not', async () => {
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN 'fine'; END PROCEDURE
CREATE PROCEDURE said(what STRING, x ANY) BEGIN PRINT what || ' ' || x; END PROCEDURE
ok() | ON_FAIL said('on_fail', @error) | ON_DONE said('on_done', @result);`);
    const handlers = ran.executions.filter((e) => e.kind === 'continuation');
    expect(handlers).toHaveLength(1);
    expect(ran.outputOf(handlers[0].execution_id)).toEqual(['on_done fine']);
  });

  it('ON_FAIL runs when the execution FAILED, and ON_DONE does not', async () => {
    const ran = await run(`
CREATE PROCEDURE bad() BEGIN THROW 'nope'; END PROCEDURE
CREATE PROCEDURE said(what STRING, x ANY) BEGIN PRINT what || ' ' || x; END PROCEDURE
bad() | ON_DONE said('on_done', @result) | ON_FAIL said('on_fail', @error);`);
    const handlers = ran.executions.filter((e) => e.kind === 'continuation');
    expect(handlers).toHaveLength(1);
    expect(ran.outputOf(handlers[0].execution_id)).toEqual(['on_fail nope']);
  });

  it.each([
    ['COMPLETED', `RETURN 1;`],
    ['FAILED', `THROW 'x';`],
  ])('FINALLY runs after the chain when the execution is %s', async (status, body) => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN ${body} END PROCEDURE
CREATE PROCEDURE said(what STRING) BEGIN PRINT what; END PROCEDURE
src() | FINALLY said('finally') | ON_DONE said('on_done') | ON_FAIL said('on_fail') | TRACK AS 'src';`);
    expect(ran.executions.find((e) => e.kind === 'procedure')?.status).toBe(status);
    const chainHandler = status === 'COMPLETED' ? 'on_done' : 'on_fail';
    expect(await handlerOutputs(ran)).toEqual([[chainHandler], ['finally']]);
  });

  it('FINALLY runs when the execution was CANCELLED, and no phase chain does', async () => {
    const ran = await run(`
CREATE PROCEDURE sleeper() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE said(what STRING, e STRING) BEGIN PRINT what || ': ' || e; END PROCEDURE
sleeper() | ON_DONE said('on_done', @error) | ON_FAIL said('on_fail', @error) | FINALLY said('finally', @error) | TRACK AS 'c';
EXECUTION('c') | CANCEL;`);
    const handlers = ran.executions.filter((e) => e.kind === 'continuation');
    expect(handlers.map((h) => ran.outputOf(h.execution_id))).toEqual([['finally: execution was cancelled']]);
  });

  it('FINALLY runs for an execution cancelled while PENDING, which never started', async () => {
    // The CANCEL is the very next statement of the same synchronous procedure, so it reaches a record that
    // may still be PENDING; either way the execution ends CANCELLED and FINALLY runs.
    const ran = await run(`
CREATE PROCEDURE sleeper() BEGIN PRINT 'started'; SLEEP(60000); END PROCEDURE
CREATE PROCEDURE said(what STRING) BEGIN PRINT what; END PROCEDURE
CREATE PROCEDURE start_and_cancel() BEGIN
  sleeper() | FINALLY said('finally') | TRACK AS 'p';
  RETURN EXECUTION('p') | CANCEL;
END PROCEDURE
VAR c = start_and_cancel();
PRINT c.status || ' ' || c.cancelled;`);
    expect(ran.prints).toEqual(['CANCELLED true']);
    const cont = ran.executions.find((e) => e.kind === 'continuation');
    expect(cont && ran.outputOf(cont.execution_id)).toEqual(['finally']);
  });

  it('takes TRACK AS and TIMEOUT as expressions, with fractional seconds and the optional SECONDS word', async () => {
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN 1; END PROCEDURE
VAR base = 'nightly';
ok() | TRACK AS base || '-' || 2 | TIMEOUT 1.5 SECONDS;
ok() | TIMEOUT 0.25 * 2;`);
    expect(ran.error).toBeNull();
    expect(ran.results.get(3)).toMatchObject({ track_name: 'nightly-2', pipeline: { timeout_seconds: 1.5 } });
    expect(ran.results.get(4)).toMatchObject({ track_name: null, pipeline: { timeout_seconds: 0.5 } });
  });

  it('repeats handler pipes as chains, in declaration order', async () => {
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE said(what STRING) BEGIN PRINT what; END PROCEDURE
ok() | FINALLY said('f1') | ON_DONE said('d1') | FINALLY said('f2') | ON_DONE said('d2') | ON_FAIL said('x1') | ON_FAIL said('x2');`);
    expect((ran.results.get(3) as { pipeline: unknown }).pipeline).toEqual({
      on_done: [{ handler: 'said', args: [{ value: 'd1' }] }, { handler: 'said', args: [{ value: 'd2' }] }],
      on_fail: [{ handler: 'said', args: [{ value: 'x1' }] }, { handler: 'said', args: [{ value: 'x2' }] }],
      finally: [{ handler: 'said', args: [{ value: 'f1' }] }, { handler: 'said', args: [{ value: 'f2' }] }],
      timeout_seconds: null,
    });
    expect(await handlerOutputs(ran)).toEqual([['d1'], ['d2'], ['f1'], ['f2']]);
  });

  it.each([
    ['TIMEOUT twice', `ok() | TIMEOUT 1 | TIMEOUT 2;`],
    ['TRACK AS twice on PARALLEL', `PARALLEL [ok()] | TRACK AS 'a' | TRACK AS 'b';`],
    ['TIMEOUT twice on PARALLEL', `PARALLEL [ok()] | TIMEOUT 1 | TIMEOUT 2;`],
    ['ON_ANY_FAIL on a single call', `ok() | ON_ANY_FAIL h(@error);`],
    ['ON_FAIL on PARALLEL', `PARALLEL [ok()] | ON_FAIL h(@error);`],
  ])('rejects %s as a syntax error, and nothing runs', async (_, line) => {
    const ran = await run(`CREATE PROCEDURE ok() BEGIN RETURN 1; END PROCEDURE
${line}`);
    expect(ran.exit).toBe(2);
    expect(ran.events).toMatchObject([{ event: 'error', statement: 0, error: { type: 'syntax_error', line: 2 } }]);
  });
});
