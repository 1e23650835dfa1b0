/**
 * LANGUAGE.md §13.4 (handler arguments and the bindings) and §13.5 (continuations), through the
 * service layer on a fresh embedded store per test. What a user sees: the handlers' own output lines,
 * and the continuation records queried with ES|QL.
 */
import { describe, expect, it } from 'vitest';
import { continuationRecords, esql, esqlRows, handlerOutputs, run, statusOf, useFreshStore } from './harness';

useFreshStore();


describe('§13.4 Handler arguments', () => {
  it('captures an ordinary argument as a copy when the async statement runs', async () => {
    const ran = await run(`
CREATE PROCEDURE job() BEGIN SLEEP(20); RETURN 1; END PROCEDURE
CREATE PROCEDURE display(d DOCUMENT, n NUMBER) BEGIN PRINT d || ' ' || n; END PROCEDURE
VAR d = {"a": 1};
VAR n = 1;
job() | ON_DONE display(d, n) | TRACK AS 'copy';
SET d.a = 2;
SET n = 2;
PRINT d || ' ' || n;`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['{"a":2} 2']);
    expect(await handlerOutputs(ran)).toEqual([['{"a":1} 1']]);
  });

  it("@result starts as the source's result and is NULL when the source did not complete", async () => {
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN {"v": 7}; END PROCEDURE
CREATE PROCEDURE bad() BEGIN THROW 'no'; END PROCEDURE
CREATE PROCEDURE display(tag STRING, r ANY) BEGIN PRINT tag || ' ' || (r ?? 'NULL'); END PROCEDURE
ok() | ON_DONE display('done', @result) | TRACK AS 'a';
EXECUTION('a') | WAIT;
SLEEP(50);
bad() | ON_FAIL display('fail', @result) | FINALLY display('finally', @result);`);
    expect(ran.error).toBeNull();
    expect((await handlerOutputs(ran)).flat().sort()).toEqual(['done {"v":7}', 'fail NULL', 'finally NULL']);
  });

  it('@result is replaced by each non-NULL handler result, through the FINALLY chain too', async () => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE add(x NUMBER, k NUMBER) BEGIN PRINT 'add ' || k || ' to ' || x; RETURN x + k; END PROCEDURE
CREATE PROCEDURE nothing(x NUMBER) BEGIN PRINT 'nothing sees ' || x; END PROCEDURE
src() | ON_DONE add(@result, 10) | FINALLY add(@result, 100) | FINALLY nothing(@result) | FINALLY add(@result, 1000);`);
    expect(await handlerOutputs(ran)).toEqual([['add 10 to 1'], ['add 100 to 11'], ['nothing sees 111'], ['add 1000 to 111']]);
  });

  it('@result of an ON_FAIL handler carries into FINALLY', async () => {
    const ran = await run(`
CREATE PROCEDURE bad() BEGIN THROW 'broken'; END PROCEDURE
CREATE PROCEDURE fallback(e STRING) BEGIN RETURN 'fallback for ' || e; END PROCEDURE
CREATE PROCEDURE fin(r STRING) BEGIN PRINT r; END PROCEDURE
bad() | FINALLY fin(@result) | ON_FAIL fallback(@error);`);
    expect(await handlerOutputs(ran)).toEqual([[], ['fallback for broken']]);
  });

  it.each([
    ['COMPLETED', `RETURN 1;`, 'NULL'],
    ['FAILED', `THROW 'the message' WITH CODE 'MY_CODE';`, 'STRING the message'],
  ])("@error is the message of a %s source as a STRING (NULL when it did not fail)", async (_, body, expected) => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN ${body} END PROCEDURE
CREATE PROCEDURE fin(e ANY) BEGIN PRINT e IS NULL ? 'NULL' : TYPEOF(e) || ' ' || e; END PROCEDURE
src() | FINALLY fin(@error);`);
    expect(await handlerOutputs(ran)).toEqual([[expected]]);
  });

  it('@error is the cancellation message for a CANCELLED source', async () => {
    const ran = await run(`
CREATE PROCEDURE sleeper() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE fin(e STRING) BEGIN PRINT e; END PROCEDURE
sleeper() | FINALLY fin(@error) | TRACK AS 's';
EXECUTION('s') | CANCEL;`);
    expect(await handlerOutputs(ran)).toEqual([['execution was cancelled']]);
  });

  it("@execution is the source's record as it is when the handler starts: terminal, pipeline not yet done, dates as DATEs", async () => {
    const ran = await run(`
CREATE PROCEDURE src(n NUMBER) BEGIN PRINT 'src line'; RETURN n * 2; END PROCEDURE
CREATE PROCEDURE inspect(e DOCUMENT) BEGIN
  PRINT e.kind || ' ' || e.procedure_name || ' ' || e.status || ' ' || e.result || ' ' || e.track_name;
  PRINT e.arguments || ' ' || e.output;
  PRINT e.pipeline_done || ' ' || TYPEOF(e.completed_at) || ' ' || TYPEOF(e.started_at) || ' ' || TYPEOF(e.duration_ms);
  RETURN e.execution_id;
END PROCEDURE
src(21) | ON_DONE inspect(@execution) | TRACK AS 'inspected';`);
    const source = await statusOf('inspected');
    expect(await handlerOutputs(ran)).toEqual([[
      'procedure src COMPLETED 42 inspected', '[21] ["src line"]', 'false DATE DATE NUMBER',
    ]]);
    expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | KEEP procedure_name, status')).toEqual([['inspect', 'COMPLETED']]);
    const cont = await esqlRows('FROM .escript_executions | WHERE kind == "continuation" | KEEP execution_id');
    expect((await statusOf(String(cont[0].execution_id))).result).toBe(source.execution_id);
  });

  it('binds handler parameters as CALL does: a type mismatch fails that continuation with a type_error, and FINALLY still runs', async () => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN RETURN 'text, not a number'; END PROCEDURE
CREATE PROCEDURE wants_number(x NUMBER) BEGIN PRINT 'never'; END PROCEDURE
CREATE PROCEDURE later(x ANY) BEGIN PRINT 'never either'; END PROCEDURE
CREATE PROCEDURE fin(x STRING) BEGIN PRINT 'finally ' || x; END PROCEDURE
src() | ON_DONE wants_number(@result) | ON_DONE later(@result) | FINALLY fin(@result);`);
    expect((await continuationRecords()).map((r) => [r.procedure_name, r.status, (r.error as { type?: string } | null)?.type ?? null])).toEqual([
      ['wants_number', 'FAILED', 'type_error'],
      ['fin', 'COMPLETED', null],
    ]);
    expect((await handlerOutputs(ran)).flat()).toEqual(['finally text, not a number']);
  });

  it('hands DATE values to handlers as DATEs when the pipeline runs normally, and stores them as ISO strings (§18.18)', async () => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN RETURN TO_DATE('2026-01-09T10:00:00Z'); END PROCEDURE
CREATE PROCEDURE h(d ANY, fixed ANY) BEGIN PRINT TYPEOF(d) || ' ' || TYPEOF(fixed); END PROCEDURE
src() | ON_DONE h(@result, TO_DATE('2020-01-01T00:00:00Z'));`);
    expect(await handlerOutputs(ran)).toEqual([['DATE DATE']]);
    const cont = await esqlRows('FROM .escript_executions | WHERE kind == "continuation" | KEEP execution_id');
    expect((await statusOf(String(cont[0].execution_id))).arguments).toEqual(['2026-01-09T10:00:00.000Z', '2020-01-01T00:00:00.000Z']);
  });
});

describe('§13.5 Continuations', () => {
  it('runs the handlers of a chain one at a time: each starts after the previous one ended, FINALLY after the phase chain', async () => {
    await run(`
CREATE PROCEDURE src() BEGIN SLEEP(30); RETURN 1; END PROCEDURE
CREATE PROCEDURE step(tag STRING) BEGIN SLEEP(30); PRINT tag; END PROCEDURE
src() | FINALLY step('f1') | ON_DONE step('d1') | ON_DONE step('d2') | FINALLY step('f2') | TRACK AS 'chain';`);
    const source = await statusOf('chain');
    const records = await continuationRecords();
    expect(records).toHaveLength(4);
    expect(records.map((r) => [r.arguments, r.pipeline])).toEqual([
      [['d1'], { phase: 'on_done', position: 0 }],
      [['d2'], { phase: 'on_done', position: 1 }],
      [['f1'], { phase: 'finally', position: 0 }],
      [['f2'], { phase: 'finally', position: 1 }],
    ]);
    let previousEnd = Date.parse(String(source.completed_at));
    for (const r of records) {
      expect(Date.parse(String(r.started_at))).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = Date.parse(String(r.completed_at));
    }
  });

  it('runs no phase chain for a CANCELLED source, only FINALLY', async () => {
    const ran = await run(`
CREATE PROCEDURE sleeper() BEGIN SLEEP(60000); END PROCEDURE
CREATE PROCEDURE h(tag STRING) BEGIN PRINT tag; END PROCEDURE
sleeper() | ON_DONE h('done') | ON_FAIL h('fail') | FINALLY h('finally') | TRACK AS 'x';
EXECUTION('x') | CANCEL;`);
    expect(await handlerOutputs(ran)).toEqual([['finally']]);
    expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | KEEP procedure_name')).toEqual([['h']]);
  });

  it('a failing ON_FAIL handler skips the rest of its chain, and FINALLY still runs', async () => {
    const ran = await run(`
CREATE PROCEDURE bad() BEGIN THROW 'first'; END PROCEDURE
CREATE PROCEDURE worse(e STRING) BEGIN PRINT 'worse got ' || e; THROW 'second'; END PROCEDURE
CREATE PROCEDURE skipped(e STRING) BEGIN PRINT 'skipped'; END PROCEDURE
CREATE PROCEDURE fin(e STRING) BEGIN PRINT 'finally ' || e; END PROCEDURE
bad() | ON_FAIL worse(@error) | ON_FAIL skipped(@error) | FINALLY fin(@error);`);
    expect(await handlerOutputs(ran)).toEqual([['worse got first'], ['finally first']]);
    expect(await esql('FROM .escript_executions | WHERE procedure_name == "skipped" | STATS n = COUNT(*)')).toEqual([[0]]);
  });

  it('a failing FINALLY handler skips the later FINALLY handlers', async () => {
    const ran = await run(`
CREATE PROCEDURE ok() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE breaks(x NUMBER) BEGIN PRINT 'breaks'; RETURN x / 0; END PROCEDURE
CREATE PROCEDURE after_break(x NUMBER) BEGIN PRINT 'after'; END PROCEDURE
ok() | FINALLY breaks(@result) | FINALLY after_break(@result);`);
    expect(await handlerOutputs(ran)).toEqual([['breaks']]);
    expect(await esql('FROM .escript_executions | WHERE kind == "continuation" | KEEP procedure_name, status, error.code')).toEqual([
      ['breaks', 'FAILED', 'DIVISION_BY_ZERO'],
    ]);
  });

  it('gives each handler run its own continuation record: parent = source, no track name, no timeout, bound arguments', async () => {
    await run(`
CREATE PROCEDURE src(n NUMBER) BEGIN RETURN n + 1; END PROCEDURE
CREATE PROCEDURE h(r NUMBER, label STRING, e STRING) BEGIN RETURN label || r; END PROCEDURE
src(1) | ON_DONE h(@result, 'r=', @error) | TIMEOUT 30 | TRACK AS 'parent';`);
    const source = await statusOf('parent');
    const rows = await esqlRows('FROM .escript_executions | WHERE kind == "continuation" | KEEP execution_id');
    const cont = await statusOf(String(rows[0].execution_id));
    expect(cont).toMatchObject({
      kind: 'continuation', procedure_name: 'h', track_name: null, arguments: [2, 'r=', null], status: 'COMPLETED',
      parent_id: source.execution_id, root_id: source.execution_id, retry_of: null,
      pipeline: { phase: 'on_done', position: 0 }, result: 'r=2', pipeline_done: true,
    });
  });

  it("never changes the source's record: only pipeline_done moves to true once the pipeline ends", async () => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN PRINT 'source output'; RETURN 'source result'; END PROCEDURE
CREATE PROCEDURE h(r STRING) BEGIN PRINT 'handler output'; RETURN 'handler result'; END PROCEDURE
CREATE PROCEDURE peek(e DOCUMENT) BEGIN RETURN e; END PROCEDURE
src() | ON_DONE peek(@execution) | ON_DONE h(@result) | TRACK AS 'src';`);
    expect(ran.error).toBeNull();
    const after = await statusOf('src');
    const peekRow = await esqlRows('FROM .escript_executions | WHERE procedure_name == "peek" | KEEP execution_id');
    const seenByHandler = (await statusOf(String(peekRow[0].execution_id))).result as Record<string, unknown>;
    expect(seenByHandler.pipeline_done).toBe(false);
    expect(after.pipeline_done).toBe(true);
    for (const field of ['status', 'result', 'error', 'output', 'completed_at', 'duration_ms', 'started_at']) {
      expect(after[field], field).toEqual(seenByHandler[field]);
    }
    expect(after).toMatchObject({ status: 'COMPLETED', result: 'source result', output: ['source output'] });
  });

  it('marks a source without handlers pipeline_done at once when it ends', async () => {
    const ran = await run(`
CREATE PROCEDURE src() BEGIN RETURN 1; END PROCEDURE
src() | TRACK AS 'plain';
VAR w = EXECUTION('plain') | WAIT;
PRINT w.status || ' ' || w.pipeline_done;`);
    expect(ran.prints).toEqual(['COMPLETED true']);
  });

  it('runs the pipeline of an async call made inside an execution, with lineage to it', async () => {
    const ran = await run(`
CREATE PROCEDURE leaf() BEGIN RETURN 'leaf'; END PROCEDURE
CREATE PROCEDURE h(r STRING) BEGIN PRINT 'handled ' || r; END PROCEDURE
CREATE PROCEDURE outer() BEGIN leaf() | ON_DONE h(@result) | FINALLY h('fin'); RETURN 'outer'; END PROCEDURE
outer() | TRACK AS 'outer';`);
    expect((await handlerOutputs(ran)).flat()).toEqual(['handled leaf', 'handled fin']);
    const outerId = (await statusOf('outer')).execution_id;
    const rows = await esqlRows(`FROM .escript_executions | WHERE root_id == "${String(outerId)}" | STATS n = COUNT(*) BY kind | SORT kind`);
    expect(rows).toEqual([{ n: 2, kind: 'continuation' }, { n: 2, kind: 'procedure' }]);
  });
});
