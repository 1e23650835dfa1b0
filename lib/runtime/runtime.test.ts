/**
 * Script tests of the runtime's own contract: async statements handed to the AsyncHost (§13.2,
 * §13.6, §13.8), invokeStoredRoutine, cancellation (§13.10), value semantics of the in-place
 * append, result numbering (§18.1–§18.2) and stacks (§8.1). Real parser, real embedded store.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EscriptError } from './errors';
import { HostError } from './host';
import { invokeStoredRoutine, runScript } from './run';
import { RecordingAsyncHost, runForEvents, tempStore } from './test-support';
import { DateValue, valueToJson, type Value } from './values';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });
beforeEach(async () => {
  await store.client.deleteByQuery({ index: '.escript_procedures', query: { match_all: {} }, refresh: true }).catch(() => undefined);
});

const prints = (events: Record<string, unknown>[]) => events.filter((e) => e.event === 'print').map((e) => e.text);
const errorOf = (events: Record<string, unknown>[]) => {
  const e = events.find((x) => x.event === 'error')?.error as Record<string, unknown> | undefined;
  return e ? `${e.type} ${e.code} ${e.message}` : null;
};
const DEFS = `
CREATE PROCEDURE work(n NUMBER, label STRING) BEGIN RETURN n; END PROCEDURE
CREATE PROCEDURE handler(r ANY) BEGIN PRINT r; END PROCEDURE
CREATE FUNCTION two(a ANY, b ANY) RETURNS ANY BEGIN RETURN a; END FUNCTION
`;

describe('async statements (§13.2)', () => {
  it('binds, checks and hands a validated call to the host; the value is the host record', async () => {
    const host = new RecordingAsyncHost();
    const { events } = await runForEvents(store.client, `${DEFS}
VAR x = 20;
work(x + 1, 'a' || 'b') | ON_DONE handler(@result) | ON_FAIL two(@error, {"k": x}) | FINALLY handler(@execution)
  | TRACK AS 'job-' || x | TIMEOUT 1.5 SECONDS;`, host);
    expect(errorOf(events)).toBeNull();
    expect(host.calls).toHaveLength(1);
    const { spec, caller } = host.calls[0] as { spec: Record<string, unknown>; caller: unknown };
    expect(caller).toEqual({ runId: 'run-test', executionId: null });
    expect(spec.procedure).toBe('work');
    expect(spec.arguments).toEqual([21, 'ab']);
    expect(spec.onDone).toEqual([{ handler: 'handler', args: [{ binding: 'result' }] }]);
    expect(JSON.stringify(valueToJson((spec.onFail as { args: { value?: Value }[] }[])[0].args[1].value ?? null))).toBe('{"k":20}');
    expect(spec.finally).toEqual([{ handler: 'handler', args: [{ binding: 'execution' }] }]);
    expect(spec.trackName).toBe('job-20');
    expect(spec.timeoutSeconds).toBe(1.5);
    expect(events.at(-1)).toMatchObject({ event: 'result', statement: 5, value: { status: 'PENDING', procedure_name: 'work' } });
  });

  it.each([
    ["UPPER('x') | TRACK AS 't';", "validation_error NOT_STORED 'UPPER' is not a stored procedure or function"],
    ["FUNCTION loc() BEGIN RETURN 1; END FUNCTION loc() | TRACK AS 't';", "validation_error NOT_STORED 'loc' is not a stored procedure or function"],
    ["nope() | TRACK AS 't';", "not_found_error UNKNOWN_ROUTINE no procedure or function named 'nope'"],
    ["work(1) | TRACK AS 't';", "validation_error ARITY_MISMATCH 'work' expects 2 arguments, got 1"],
    ["work('x', 'y') | TRACK AS 't';", "type_error ARGUMENT_TYPE parameter 'n' of 'work' is declared NUMBER but the value is STRING"],
    ["work(1, 'a') | ON_DONE handler();", "validation_error ARITY_MISMATCH 'handler' expects 1 arguments, got 0"],
    ["work(1, 'a') | ON_DONE missing(@result);", "not_found_error UNKNOWN_ROUTINE no procedure or function named 'missing'"],
    ["work(1, 'a') | TRACK AS '';", 'validation_error INVALID_ARGUMENT'],
    ["work(1, 'a') | TIMEOUT 0;", 'validation_error INVALID_ARGUMENT'],
    ["work(1, 'a') | TIMEOUT 'x';", 'validation_error INVALID_ARGUMENT'],
  ])('%s fails in the caller and starts nothing', async (stmt, expected) => {
    const host = new RecordingAsyncHost();
    const { events } = await runForEvents(store.client, `${DEFS}\n${stmt}`, host);
    expect(errorOf(events)?.startsWith(expected)).toBe(true);
    expect(host.calls).toHaveLength(0);
  });

  it('PARALLEL binds every branch and passes the group pipes', async () => {
    const host = new RecordingAsyncHost();
    const { events } = await runForEvents(store.client, `${DEFS}
PARALLEL [work(1, 'a'), work(2, 'b')] | ON_ALL_DONE handler(@results) | ON_ANY_FAIL handler(@error) | TRACK AS 'g';`, host);
    expect(errorOf(events)).toBeNull();
    const spec = host.calls[0].spec as Record<string, unknown>;
    expect(host.calls[0].kind).toBe('parallel');
    expect(spec.branches).toEqual([{ procedure: 'work', arguments: [1, 'a'] }, { procedure: 'work', arguments: [2, 'b'] }]);
    expect(spec.onAllDone).toEqual([{ handler: 'handler', args: [{ binding: 'results' }] }]);
    expect(spec.onAnyFail).toEqual([{ handler: 'handler', args: [{ binding: 'error' }] }]);
    expect(spec.trackName).toBe('g');
  });

  it('EXECUTION(e) | op goes to the host; a non-STRING target is a type_error at the keyword', async () => {
    const host = new RecordingAsyncHost();
    const { events } = await runForEvents(store.client, `VAR r = EXECUTION('t1') | WAIT TIMEOUT 2 SECONDS;
PRINT r.status;
EXECUTION(42) | STATUS;`, host);
    expect(host.calls[0].spec).toEqual({ op: 'WAIT', target: 't1', wait: 2 });
    expect(prints(events)).toEqual(['COMPLETED']);
    expect(events.at(-1)).toMatchObject({
      event: 'error', statement: 3,
      error: { type: 'type_error', code: 'ARGUMENT_TYPE', message: 'EXECUTION: argument 1 must be STRING, got NUMBER', line: 3, column: 1 },
    });
  });

  it('a HostError becomes a catchable runtime error at the EXECUTION keyword', async () => {
    class FailingHost extends RecordingAsyncHost {
      override async operate(): Promise<Value> {
        throw new HostError('timeout_error', 'WAIT_TIMEOUT', "execution 'x' did not finish within 1 seconds");
      }
    }
    const { events } = await runForEvents(store.client, `TRY
  VAR r = EXECUTION('x') | WAIT TIMEOUT 1;
CATCH timeout_error
  PRINT error.code || ' ' || error.message || ' ' || error.line || ':' || error.column;
END TRY`, new FailingHost());
    expect(prints(events)).toEqual(["WAIT_TIMEOUT execution 'x' did not finish within 1 seconds 2:11"]);
  });

  it("a procedure whose body is `EXECUTION('t') | STATUS;` returns the record (§3.3)", async () => {
    const { events } = await runForEvents(store.client, `CREATE PROCEDURE check_status() BEGIN EXECUTION('basic-test') | STATUS; END PROCEDURE
CALL check_status();`);
    expect(events.at(-1)).toMatchObject({ event: 'result', statement: 2, value: { execution_id: 'basic-test', status: 'COMPLETED' } });
  });
});

describe('invokeStoredRoutine (§13)', () => {
  const opts = (printed: string[] = [], signal?: AbortSignal) => ({
    host: { client: store.client, async: new RecordingAsyncHost() }, caller: { runId: 'r1', executionId: 'exec-00000000000000aa' },
    signal, onPrint: (t: string) => printed.push(t),
  });

  it('runs the stored definition with converted arguments and returns its result', async () => {
    await runForEvents(store.client, `CREATE FUNCTION later(d DATE, n INT) RETURNS DATE BEGIN PRINT 'in later'; RETURN DATE_ADD(d, n); END FUNCTION`);
    const printed: string[] = [];
    const r = await invokeStoredRoutine('later', ['2026-01-09', 2], opts(printed));
    expect(r).toBeInstanceOf(DateValue);
    expect((r as DateValue).ms).toBe(Date.UTC(2026, 0, 11));
    expect(printed).toEqual(['in later']);
  });

  it.each([
    ['nope', [], 'not_found_error UNKNOWN_ROUTINE'],
    ['UPPER', ['x'], 'not_found_error UNKNOWN_ROUTINE'],
    ['boom', [], 'division_error DIVISION_BY_ZERO'],
    ['takes_num', ['x'], 'type_error ARGUMENT_TYPE'],
    ['takes_num', [], 'validation_error ARITY_MISMATCH'],
  ] as [string, Value[], string][])('%s fails with %s', async (name, args, expected) => {
    await runForEvents(store.client, `CREATE PROCEDURE boom() BEGIN
  RETURN 1 / 0;
END PROCEDURE
CREATE PROCEDURE takes_num(n NUMBER) BEGIN RETURN n; END PROCEDURE`);
    const err = await invokeStoredRoutine(name, args, opts()).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(EscriptError);
    const e = err as EscriptError;
    expect(`${e.type} ${e.code}`).toBe(expected);
    if (name === 'boom') expect(e.toDocument()).toMatchObject({ line: 2, column: 12, procedure: 'boom', stack: ['boom:2:12'] });
  });
});

describe('cancellation (§13.10)', () => {
  it('stops a busy loop at a cancellation point with signal.reason; FINALLY does not run', async () => {
    const ac = new AbortController();
    const reason = new EscriptError('cancelled_error', 'CANCELLED', 'execution was cancelled');
    setTimeout(() => ac.abort(reason), 50);
    const printed: string[] = [];
    const p = runScript(`TRY WHILE TRUE LOOP VAR x = 1; END LOOP; CATCH PRINT 'caught'; FINALLY PRINT 'finally'; END TRY`, {
      host: { client: store.client, async: new RecordingAsyncHost() }, caller: { runId: 'r', executionId: 'e' }, signal: ac.signal,
      onPrint: (t) => printed.push(t),
    });
    await expect(p).rejects.toBe(reason);
    expect(printed).toEqual([]);
  });

  it('interrupts SLEEP', async () => {
    const ac = new AbortController();
    const reason = new Error('timeout');
    setTimeout(() => ac.abort(reason), 20);
    const p = runScript(`SLEEP(60000);`, {
      host: { client: store.client, async: new RecordingAsyncHost() }, caller: { runId: 'r', executionId: 'e' }, signal: ac.signal,
      onPrint: () => {},
    });
    await expect(p).rejects.toBe(reason);
  });
});

describe('values, results and errors', () => {
  it('appending in place never changes another variable (§4.5)', async () => {
    const { events } = await runForEvents(store.client, `VAR a = [1]; VAR b = a; SET a = ARRAY_APPEND(a, 2);
VAR d = {"list": [1]}; VAR l = d.list; SET l = ARRAY_APPEND(l, 9);
FOR x IN a LOOP SET a = ARRAY_APPEND(a, x); END LOOP
PRINT b || ' ' || a || ' ' || d || ' ' || l;`);
    expect(prints(events)).toEqual(['[1] [1,2,1,2] {"list":[1]} [1,9]']);
  });

  it('numbers top-level statements including empty ones and reports values by line (§18.1, §18.2)', async () => {
    const { events, outcome } = await runForEvents(store.client, `;\nPRINT 1;\n  1 + 1;\nIF TRUE THEN 5; END IF;\nUPPER('x')`);
    expect(events.filter((e) => e.event === 'result')).toEqual([
      { event: 'result', statement: 3, line: 3, value: 2 },
      { event: 'result', statement: 5, line: 5, value: 'X' },
    ]);
    expect(outcome).toMatchObject({ kind: 'ran', result: 'X' });
  });

  it('reports syntax errors without running anything (§3.5)', async () => {
    const { outcome, events } = await runForEvents(store.client, `PRINT 'ran';\nVAR = 1;\nPRINT 1 +;`);
    expect(outcome.kind).toBe('syntax');
    expect(prints(events)).toEqual([]);
    expect(events.map((e) => (e.error as { line: number }).line)).toEqual([2, 3]);
  });

  it('builds stacks innermost first with call sites of outer frames (§8.1, §18.11)', async () => {
    const { events } = await runForEvents(store.client, `CREATE PROCEDURE inner_p() BEGIN
  THROW 'deep';
END PROCEDURE
CREATE PROCEDURE outer_p() BEGIN CALL inner_p(); END PROCEDURE
TRY
  outer_p();
CATCH
  PRINT error.stack;
  PRINT error.procedure;
END TRY`);
    expect(prints(events)).toEqual(['["inner_p:2:3","outer_p:1:39","<script>:6:3"]', 'inner_p']);
  });

  it('a top-level RETURN ends the run with its value', async () => {
    const { events, outcome } = await runForEvents(store.client, `PRINT 'a'; RETURN {"done": TRUE}; PRINT 'b';`);
    expect(prints(events)).toEqual(['a']);
    expect(events.at(-1)).toEqual({ event: 'result', statement: 2, line: 1, value: { done: true } });
    expect(outcome).toMatchObject({ kind: 'ran', error: null });
  });

  it('ES|QL parameters come from variables and rows convert per §10.3', async () => {
    const { events } = await runForEvents(store.client, `VAR n = 5; VAR d = TO_DATE('2026-01-09');
VAR rows = (ROW a = ?n, b = 'x', c = :n -- comment
  | EVAL dd = TO_DATETIME(?d));
PRINT rows;
PRINT TYPEOF(rows[0].dd);
PRINT ESQL_QUERY('ROW v = ?n', {"n": 'from params'});`);
    expect(errorOf(events)).toBeNull();
    expect(prints(events)).toEqual([
      '[{"a":5,"b":"x","c":5,"dd":"2026-01-09T00:00:00.000Z"}]', 'DATE', '[{"v":"from params"}]',
    ]);
  });

  it('evaluates every argument of a stored routine call before binding any, on the cached path too (§6.10)', async () => {
    const { events } = await runForEvents(store.client, `CREATE OR REPLACE FUNCTION two(a NUMBER, b NUMBER) RETURNS NUMBER AS
BEGIN RETURN a + b; END FUNCTION;
PRINT two(1, 2);
TRY
  PRINT two('x', 1 / 0);
CATCH error
  PRINT error.code || ' ' || error.column;
END TRY;
PRINT two('x', 2);`);
    expect(prints(events)).toEqual(['3', 'DIVISION_BY_ZERO 20']);
    expect(errorOf(events)).toBe("type_error ARGUMENT_TYPE parameter 'a' of 'two' is declared NUMBER but the value is STRING");
  });
});
