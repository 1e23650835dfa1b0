/**
 * The JIT (docs/ARCHITECTURE.md decision 14) against the closure compiler, the reference: the same
 * programs run both ways on a real embedded store must print, return and fail identically (error
 * documents with positions and stacks included), and the programs meant for the JIT must really be
 * compiled by it. Then what only generated code does: suspending and resuming at every kind of
 * point (store functions, routines read mid-run, the 10 ms yield), cancellation, fairness.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEscript } from '../../parse';
import { EscriptError } from '../../errors';
import { invokeStoredRoutine } from '../../run';
import { RecordingAsyncHost, runForEvents, tempStore, type Event } from '../../test-support';
import { valueToJson, type Value } from '../../values';
import { compileStoredSource } from '../routines';
import { jitInternalFailures } from '.';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });
afterEach(() => { delete process.env.ESCRIPT_JIT; });

/** A run's events; CREATE results say "defined" (the second run of a program replaces the first's definitions). */
async function runWith(jit: boolean, source: string, signal?: AbortSignal): Promise<Event[]> {
  process.env.ESCRIPT_JIT = jit ? '1' : '0';
  try {
    const { events } = await runForEvents(store.client, source, undefined, signal);
    return events.map((e) => {
      const v = e.value as Record<string, unknown> | undefined;
      return e.event === 'result' && (v?.result === 'created' || v?.result === 'updated') ? { ...e, value: { ...v, result: 'defined' } } : e;
    });
  } finally {
    delete process.env.ESCRIPT_JIT;
  }
}

/** The stored routines a script defines, and whether the JIT compiled each. */
function jitCoverage(source: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const s of parseEscript(source).script.statements) {
    if (s.kind !== 'CreateRoutineStatement') continue;
    const r = compileStoredSource(s.name.name, s.source);
    out[s.name.name] = !(r instanceof Error) && r.jit !== undefined;
  }
  return out;
}

const programs: [string, string][] = [
  ['recursion with an IF and RETURN', `
CREATE OR REPLACE FUNCTION jfib(n NUMBER) RETURNS NUMBER AS
BEGIN
  IF n < 2 THEN RETURN n; END IF;
  RETURN jfib(n - 1) + jfib(n - 2);
END FUNCTION;
PRINT jfib(15);`],
  ['every loop form, with EXIT, CONTINUE, WHEN, STEP and counting down', `
CREATE OR REPLACE PROCEDURE jloops(n NUMBER)
BEGIN
  DECLARE out ARRAY = [];
  FOR i IN n..1 LOOP SET out = ARRAY_APPEND(out, i); END LOOP;
  FOR i IN 1..10 STEP 3 LOOP
    IF i == 4 THEN CONTINUE; END IF;
    SET out = ARRAY_APPEND(out, i * 100);
  END LOOP;
  VAR k = 0;
  WHILE k < 100 LOOP
    SET k = k + 1;
    IF k % 2 == 0 THEN CONTINUE; END IF;
    EXIT WHEN k > 7;
  END LOOP;
  LOOP
    SET k = k + 10;
    IF k > 50 THEN EXIT; END IF;
  END LOOP;
  FOR x IN [1, 2, 3] LOOP
    FOR y IN ['a', 'b'] LOOP
      IF y == 'b' AND x == 2 THEN EXIT; END IF;
      SET out = ARRAY_APPEND(out, x || y);
    END LOOP;
  END LOOP;
  FOR x IN NULL LOOP PRINT 'never'; END LOOP;
  RETURN { "out": out, "k": k };
END PROCEDURE;
CALL jloops(3);`],
  ['calls inside loops, conditions and arguments, with values kept across them', `
CREATE OR REPLACE FUNCTION jsq(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x * x; END FUNCTION;
CREATE OR REPLACE FUNCTION jsum(n NUMBER) RETURNS NUMBER AS
BEGIN
  DECLARE s NUMBER = 0;
  FOR i IN 1..n LOOP
    IF jsq(i) > 10 THEN
      SET s = s + jsq(jsq(i) - i);
    ELSEIF jsq(i) == 4 THEN
      SET s = s + 1000;
    ELSE
      SET s = s - jsq(i);
    END IF;
    WHILE jsq(s) < 0 LOOP SET s = 0; END LOOP;
  END LOOP;
  RETURN s + jsq(2) * jsq(3);
END FUNCTION;
PRINT jsum(6);
PRINT [jsq(2), jsq(3)] || {"a": jsq(4)} || "\${jsq(5)}-\${jsq(6)}";`],
  ['declarations, types, value semantics and operators', `
CREATE OR REPLACE PROCEDURE jvals()
BEGIN
  VAR a = [1, {"x": 2}];
  VAR b = a;
  SET b = ARRAY_APPEND(b, 3);
  CONST c = 'const';
  DECLARE d DOCUMENT = {"k": [10, 20], "n": NULL};
  DECLARE e NUMBER;
  DECLARE f INT = 4.0;
  VAR g = NULL;
  SET g = 'now a string';
  PRINT a; PRINT b; PRINT c; PRINT d.k[1]; PRINT d['k'][0]; PRINT d.n; PRINT e; PRINT f; PRINT g;
  PRINT 1 IN (2, 1) AND NOT (3 IN [4]) OR FALSE;
  PRINT d.n ?? 'dflt'; PRINT d.n IS NULL; PRINT d.k IS NOT NULL;
  PRINT TRUE ? 'y' : 'n'; PRINT -(3 - 5) / 4 % 3; PRINT 'a' < 'b'; PRINT 2 != 2.0; PRINT [1, [2]] == [1, [2]];
  PRINT UPPER(SUBSTR('héllo wörld', 2, 4)) || LENGTH('😀x');
  RETURN a;
END PROCEDURE;
CALL jvals();`],
  ['implicit results of the last statement', `
CREATE OR REPLACE FUNCTION jimp(x NUMBER) RETURNS NUMBER AS BEGIN x * 2; END FUNCTION;
CREATE OR REPLACE PROCEDURE jnone() BEGIN VAR z = 1; END PROCEDURE;
CREATE OR REPLACE PROCEDURE jlastcall() BEGIN jimp(21); END PROCEDURE;
PRINT jimp(4); PRINT jnone(); PRINT jlastcall();`],
  ['a division by zero three calls deep: positions and stack', `
CREATE OR REPLACE FUNCTION jd3(x NUMBER) RETURNS NUMBER AS
BEGIN
  RETURN 10 / x;
END FUNCTION;
CREATE OR REPLACE FUNCTION jd2(x NUMBER) RETURNS NUMBER AS
BEGIN
  FOR i IN 1..3 LOOP
    PRINT jd3(x - i + 2);
  END LOOP;
  RETURN 0;
END FUNCTION;
CREATE OR REPLACE PROCEDURE jd1() BEGIN PRINT 'start'; RETURN jd2(2); END PROCEDURE;
CALL jd1();`],
  ['type errors: assignment, parameter, explicit and implicit return', `
CREATE OR REPLACE FUNCTION jt(x NUMBER) RETURNS STRING AS BEGIN IF x > 0 THEN RETURN x; END IF; x; END FUNCTION;
CREATE OR REPLACE PROCEDURE jta() BEGIN DECLARE s STRING = 'a'; SET s = 5; END PROCEDURE;
CREATE OR REPLACE PROCEDURE jtp() BEGIN PRINT jt('str'); END PROCEDURE;
CREATE OR REPLACE PROCEDURE jtr() BEGIN PRINT jt(1); END PROCEDURE;
CREATE OR REPLACE PROCEDURE jti() BEGIN PRINT jt(-1); END PROCEDURE;
CALL jta();`],
  ['a parameter type error at the call site', `
CREATE OR REPLACE FUNCTION jt2(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x; END FUNCTION;
CREATE OR REPLACE PROCEDURE jtp2() BEGIN PRINT 'before'; PRINT jt2('str'); END PROCEDURE;
CALL jtp2();`],
  ['an explicit return of the wrong type', `
CREATE OR REPLACE FUNCTION jt3(x NUMBER) RETURNS STRING AS BEGIN IF x > 0 THEN RETURN x; END IF; x; END FUNCTION;
CREATE OR REPLACE PROCEDURE jtr3() BEGIN PRINT jt3(1); END PROCEDURE;
CALL jtr3();`],
  ['an implicit result of the wrong type fails at the call site', `
CREATE OR REPLACE FUNCTION jt4(x NUMBER) RETURNS STRING AS BEGIN IF x > 0 THEN RETURN 'p'; END IF; x; END FUNCTION;
CREATE OR REPLACE PROCEDURE jti4() BEGIN PRINT jt4(1); PRINT jt4(-1); END PROCEDURE;
CALL jti4();`],
  ['redeclaration, read-only names and undeclared variables', `
CREATE OR REPLACE PROCEDURE jdecl(which NUMBER)
BEGIN
  IF which == 1 THEN VAR q = 1; VAR q = 2; END IF;
  IF which == 2 THEN CONST r = 1; SET r = 2; END IF;
  IF which == 3 THEN FOR i IN 1..2 LOOP SET i = 3; END LOOP; END IF;
  IF which == 4 THEN PRINT nope; END IF;
  IF which == 5 THEN DECLARE which NUMBER = 1; END IF;
  RETURN 'ok';
END PROCEDURE;
PRINT jdecl(0); PRINT jdecl(5); CALL jdecl(1);`],
  ['read-only and undeclared', `
CREATE OR REPLACE PROCEDURE jdecl2(which NUMBER)
BEGIN
  IF which == 2 THEN CONST r = 1; SET r = 2; END IF;
  IF which == 4 THEN PRINT nope; END IF;
END PROCEDURE;
CALL jdecl2(2);`],
  ['undeclared in an expression', `
CREATE OR REPLACE PROCEDURE jdecl3() BEGIN PRINT 1 + nope; END PROCEDURE;
CALL jdecl3();`],
  ['THROW with and without a code, and a document', `
CREATE OR REPLACE PROCEDURE jthrow(k NUMBER)
BEGIN
  IF k == 1 THEN THROW 'plain'; END IF;
  IF k == 2 THEN THROW {"type": "validation_error", "code": "MINE", "message": 'doc'}; END IF;
  THROW 'coded' WITH CODE 'C' || k;
END PROCEDURE;
CREATE OR REPLACE PROCEDURE jcatch()
BEGIN
  FOR k IN 1..3 LOOP
    TRY CALL jthrow(k); CATCH PRINT error.type || ' ' || error.code || ' ' || error.message || ' ' || error.stack; END TRY
  END LOOP;
END PROCEDURE;
CALL jcatch();`],
  ['unknown routines, wrong arity and depth', `
CREATE OR REPLACE FUNCTION jdeep(n NUMBER) RETURNS NUMBER AS BEGIN RETURN jdeep(n + 1); END FUNCTION;
CREATE OR REPLACE PROCEDURE jbad(k NUMBER)
BEGIN
  IF k == 1 THEN RETURN jmissing(1); END IF;
  IF k == 2 THEN RETURN jdeep(1, 2); END IF;
  RETURN jdeep(1);
END PROCEDURE;
CREATE OR REPLACE PROCEDURE jbads()
BEGIN
  FOR k IN 1..3 LOOP
    TRY CALL jbad(k); CATCH PRINT error.code || ' ' || error.message || ' ' || error.line || ':' || error.column; END TRY
  END LOOP;
END PROCEDURE;
CALL jbads();`],
  ['store functions inside generated code, in loops and nested calls', `
CREATE OR REPLACE FUNCTION jput(i NUMBER) RETURNS STRING AS
BEGIN
  VAR r = INDEX_DOCUMENT('jit-docs', 'd' || i, {"i": i, "sq": i * i});
  RETURN r.result;
END FUNCTION;
CREATE OR REPLACE PROCEDURE jstore(n NUMBER)
BEGIN
  DECLARE got ARRAY = [];
  FOR i IN 1..n LOOP
    SET got = ARRAY_APPEND(got, jput(i) || ':' || GET_DOCUMENT('jit-docs', 'd' || i)._source.sq);
  END LOOP;
  RETURN got;
END PROCEDURE;
CALL jstore(4);`],
  ['a callee defined after the caller was compiled, and redefined between calls', `
CREATE OR REPLACE FUNCTION jlate(x NUMBER) RETURNS NUMBER AS BEGIN RETURN jlater(x) + 1; END FUNCTION;
CREATE OR REPLACE FUNCTION jlater(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x * 10; END FUNCTION;
PRINT jlate(1);
CREATE OR REPLACE FUNCTION jlater(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x * 100; END FUNCTION;
PRINT jlate(1);`],
  ['generated code calling the closure path and back', `
CREATE OR REPLACE FUNCTION jleaf(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x + 1; END FUNCTION;
CREATE OR REPLACE FUNCTION jmid(x NUMBER) RETURNS NUMBER AS
BEGIN
  TRY RETURN jleaf(x) * 2; CATCH RETURN -1; END TRY
END FUNCTION;
CREATE OR REPLACE FUNCTION jtop(n NUMBER) RETURNS NUMBER AS
BEGIN
  DECLARE s NUMBER = 0;
  FOR i IN 1..n LOOP SET s = s + jmid(i); END LOOP;
  RETURN s;
END FUNCTION;
PRINT jtop(5);`],
  ['TRY: typed and catch-all CATCH, FINALLY on every way out, errors in CATCH, nesting, waiting inside', `
CREATE OR REPLACE FUNCTION jfail(k NUMBER) RETURNS NUMBER AS
BEGIN
  SLEEP(0);
  IF k == 1 THEN RETURN 1 / 0; END IF;
  IF k == 2 THEN THROW {"type": "validation_error", "code": "V", "message": 'bad'}; END IF;
  RETURN k;
END FUNCTION;
CREATE OR REPLACE FUNCTION jtry(k NUMBER) RETURNS STRING AS
BEGIN
  DECLARE log STRING = '';
  FOR i IN 1..3 LOOP
    TRY
      SET log = log || 'b' || i;
      IF i == 2 AND k == 5 THEN EXIT; END IF;
      IF i == 1 AND k == 6 THEN CONTINUE; END IF;
      IF k == 7 THEN RETURN log || '/returned'; END IF;
      SET log = log || '=' || jfail(k);
    CATCH division_error
      SET log = log || ' div:' || error.code || '@' || error.line;
      IF k == 1 AND i == 3 THEN SET log = log || jfail(2); END IF;
    CATCH validation_error
      SET log = log || ' val:' || error.message;
    FINALLY
      SET log = log || ' fin' || i;
    END TRY
  END LOOP;
  TRY
    TRY
      SET log = log || jfail(k);
    FINALLY
      SET log = log || ' inner-fin';
    END TRY
  CATCH
    SET log = log || ' outer:' || error.code;
  END TRY
  RETURN log;
END FUNCTION;
CREATE OR REPLACE PROCEDURE jtrys()
BEGIN
  FOR k IN 0..7 LOOP
    TRY PRINT k || ': ' || jtry(k); CATCH PRINT k || ' escaped: ' || error.code || ' ' || error.message || ' ' || error.stack; END TRY
  END LOOP;
END PROCEDURE;
CALL jtrys();`],
  ['SET with a path: documents, arrays, NULL roots, typed roots and their errors', `
CREATE OR REPLACE FUNCTION jidx(i NUMBER) RETURNS NUMBER AS BEGIN SLEEP(0); RETURN i; END FUNCTION;
CREATE OR REPLACE PROCEDURE jpaths(k NUMBER)
BEGIN
  VAR d = {"a": {"b": [1, 2, {"c": 3}]}};
  SET d.a.b[jidx(2)].c = d.a.b[0] + 10;
  SET d['x'] = [jidx(7)];
  SET d.x[1] = 'appended';
  DECLARE n DOCUMENT;
  SET n.p.q = 'made';
  DECLARE typed ARRAY OF NUMBER = [1, 2];
  SET typed[0] = 5;
  VAR keep = d;
  SET keep.a = NULL;
  PRINT d; PRINT n; PRINT typed; PRINT keep;
  IF k == 1 THEN SET typed[1] = 'no'; END IF;
  IF k == 2 THEN SET typed[5] = 1; END IF;
  IF k == 3 THEN DECLARE z ARRAY; SET z[0] = 1; END IF;
  IF k == 4 THEN SET d.a.b[0].c = 1; END IF;
END PROCEDURE;
CREATE OR REPLACE PROCEDURE jpathall()
BEGIN
  FOR k IN 0..4 LOOP
    TRY CALL jpaths(k); CATCH PRINT error.code || ' ' || error.message || ' ' || error.line || ':' || error.column; END TRY
  END LOOP;
END PROCEDURE;
CALL jpathall();`],
  ['SWITCH: lists of values, DEFAULT, BREAK leaving the enclosing loop, calls in bodies', `
CREATE OR REPLACE FUNCTION jsw(x ANY) RETURNS STRING AS
BEGIN
  DECLARE out STRING = '';
  FOR i IN 1..4 LOOP
    SWITCH x
      CASE 1, 2: SET out = out || 'small' || i;
      CASE 'a': SET out = out || 'letter' || jsq2(i); BREAK;
      CASE [1]: SET out = out || 'array';
      DEFAULT: SET out = out || 'other';
    END SWITCH
  END LOOP;
  SWITCH out CASE 'none': RETURN 'no'; END SWITCH
  RETURN out;
END FUNCTION;
CREATE OR REPLACE FUNCTION jsq2(x NUMBER) RETURNS NUMBER AS BEGIN RETURN x * x; END FUNCTION;
PRINT jsw(1); PRINT jsw('a'); PRINT jsw([1]); PRINT jsw(NULL); PRINT jsw({"k": 1});`],
];

describe('the JIT runs programs exactly as the closure compiler does', () => {
  it.each(programs)('%s', async (_name, source) => {
    const closure = await runWith(false, source);
    const jit = await runWith(true, source);
    expect(jit).toEqual(closure);
    // Not vacuous: the program parsed and ran its last statement (a print, a result or a runtime error).
    expect(closure.some((e) => e.event === 'error' && e.statement === 0)).toBe(false);
    expect(closure.some((e) => e.event === 'print' || e.event === 'error' || (e.event === 'result' && (e.value as Record<string, unknown> | null)?.result !== 'defined'))).toBe(true);
  });

  it('compiles every routine of these programs', () => {
    for (const [, source] of programs) {
      process.env.ESCRIPT_JIT = '1';
      const coverage = jitCoverage(source);
      for (const [name, compiled] of Object.entries(coverage)) expect({ name, compiled }).toEqual({ name, compiled: true });
    }
    expect(jitInternalFailures()).toEqual([]);
  });

  it('compiles the four benchmark programs', () => {
    const dir = path.join(import.meta.dirname, '../../../../../shared/bench/es');
    process.env.ESCRIPT_JIT = '1';
    for (const f of ['fib', 'loop_sum', 'strings', 'docs']) {
      expect(jitCoverage(fs.readFileSync(path.join(dir, `${f}.es`), 'utf8'))).toEqual({ [f]: true });
    }
  });
});

describe('executions run generated code the same way (invokeStoredRoutine, §13)', () => {
  async function invokeWith(jit: boolean, name: string, args: Value[]): Promise<unknown> {
    process.env.ESCRIPT_JIT = jit ? '1' : '0';
    try {
      const prints: string[] = [];
      const result = await invokeStoredRoutine(name, args, {
        host: { client: store.client, async: new RecordingAsyncHost() }, caller: { runId: 'run-test', executionId: 'exec-0000000000000001' },
        onPrint: (t) => prints.push(t),
      });
      return { prints, result: valueToJson(result) };
    } catch (e) {
      return { error: e instanceof EscriptError ? e.toDocument() : String(e) };
    } finally {
      delete process.env.ESCRIPT_JIT;
    }
  }

  it('returns, fails in the body, fails on its implicit result and rejects bad arguments identically', async () => {
    await runWith(false, `
CREATE OR REPLACE PROCEDURE jx(n NUMBER) BEGIN PRINT 'n=' || n; SLEEP(1); IF n > 0 THEN RETURN 10 / (n - 1); END IF; END PROCEDURE;
CREATE OR REPLACE FUNCTION jxf(n NUMBER) RETURNS STRING AS BEGIN n; END FUNCTION;`);
    process.env.ESCRIPT_JIT = '1';
    expect(jitCoverage("CREATE OR REPLACE PROCEDURE jx(n NUMBER) BEGIN PRINT 'n=' || n; SLEEP(1); IF n > 0 THEN RETURN 10 / (n - 1); END IF; END PROCEDURE;")).toEqual({ jx: true });
    const cases: [string, Value[]][] = [['jx', [3]], ['jx', [0]], ['jx', [1]], ['jx', ['x']], ['jx', []], ['jxf', [2]], ['nothere', []]];
    for (const [name, args] of cases) {
      expect({ name, args, out: await invokeWith(true, name, args) }).toEqual({ name, args, out: await invokeWith(false, name, args) });
    }
    expect(await invokeWith(true, 'jx', [1])).toMatchObject({ error: { code: 'DIVISION_BY_ZERO', line: 1, procedure: 'jx' } });
  });
});

describe('suspending generated code', () => {
  it('yields to other work during a long computation and still computes the exact result (§13.10)', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const events = await runWith(true, `
CREATE OR REPLACE FUNCTION jfib2(n NUMBER) RETURNS NUMBER AS
BEGIN
  IF n < 2 THEN RETURN n; END IF;
  RETURN jfib2(n - 1) + jfib2(n - 2);
END FUNCTION;
CREATE OR REPLACE FUNCTION jspin(n NUMBER) RETURNS NUMBER AS
BEGIN
  DECLARE s NUMBER = 0;
  FOR i IN 1..n LOOP SET s = s + i % 3; END LOOP;
  RETURN s;
END FUNCTION;
PRINT jfib2(27);
PRINT jspin(20000000);`);
    clearInterval(timer);
    expect(events.filter((e) => e.event === 'print').map((e) => e.text)).toEqual(['196418', '20000001']);
    expect(events.some((e) => e.event === 'error')).toBe(false);
    // The interval could only run while the routines yielded: several times, over a long computation.
    expect(ticks).toBeGreaterThan(3);
  });

  it('stops a generated endless loop when the run is cancelled, unwinding without running CATCH', async () => {
    const ac = new AbortController();
    const reason = new Error('stopped by the test');
    setTimeout(() => ac.abort(reason), 50);
    const run = runWith(true, `
CREATE OR REPLACE PROCEDURE jforever() BEGIN VAR n = 0; WHILE TRUE LOOP SET n = n + 1; END LOOP; END PROCEDURE;
CREATE OR REPLACE PROCEDURE jwrap() BEGIN TRY CALL jforever(); CATCH PRINT 'caught'; END TRY END PROCEDURE;
CALL jwrap();`, ac.signal);
    await expect(run).rejects.toBe(reason);
  });

  it('resumes a deep chain whose innermost call waits for the store, many times over', async () => {
    const events = await runWith(true, `
CREATE OR REPLACE FUNCTION jwait(n NUMBER) RETURNS NUMBER AS
BEGIN
  IF n == 0 THEN SLEEP(1); RETURN 0; END IF;
  VAR before = n * 2;
  VAR below = jwait(n - 1);
  RETURN before + below;
END FUNCTION;
CREATE OR REPLACE FUNCTION jwaits(k NUMBER) RETURNS NUMBER AS
BEGIN
  DECLARE s NUMBER = 0;
  FOR i IN 1..k LOOP SET s = s + jwait(i); END LOOP;
  RETURN s;
END FUNCTION;
PRINT jwaits(20);`);
    // jwait(i) = i(i+1); the sum over 1..20 is 3080.
    expect(events.filter((e) => e.event !== 'result')).toEqual([{ event: 'print', text: '3080', level: 'INFO' }]);
  });

  it('reports an error raised after a resumption with the stack of the whole chain', async () => {
    const source = `
CREATE OR REPLACE FUNCTION jlow(n NUMBER) RETURNS NUMBER AS
BEGIN
  SLEEP(1);
  RETURN 1 / n;
END FUNCTION;
CREATE OR REPLACE FUNCTION jhigh(n NUMBER) RETURNS NUMBER AS
BEGIN
  RETURN jlow(n - 3) + 1;
END FUNCTION;
PRINT jhigh(3);`;
    const jit = await runWith(true, source);
    expect(jit).toEqual(await runWith(false, source));
    expect(jit[2]).toMatchObject({ event: 'error', error: { code: 'DIVISION_BY_ZERO', procedure: 'jlow', stack: ['jlow:4:12', 'jhigh:3:10', '<script>:11:7'] } });
  });
});
