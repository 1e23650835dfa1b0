/**
 * LANGUAGE.md §13.11 (output of executions), §13.12 (ids and lineage) and §13.14 (ordering guarantees),
 * through the service layer on a fresh embedded store per test; lineage is queried with ES|QL as users do.
 */
import { describe, expect, it } from 'vitest';
import { esql, esqlRows, run, statusOf, useFreshStore } from './harness';

useFreshStore();

describe('§13.11 Output of executions', () => {
  it("keeps an execution's PRINT lines with it, never in the foreground run that started it", async () => {
    const ran = await run(`
CREATE PROCEDURE helper(x STRING) BEGIN PRINT 'helper ' || x; END PROCEDURE
CREATE PROCEDURE job() BEGIN PRINT 'job line'; CALL helper('called synchronously'); PRINT 'warned', WARN; END PROCEDURE
PRINT 'foreground 1';
job() | TRACK AS 'job';
PRINT 'foreground 2';`);
    expect(ran.prints).toEqual(['foreground 1', 'foreground 2']);
    const id = ran.executions[0].execution_id;
    expect(ran.outputOf(id)).toEqual(['job line', 'helper called synchronously', 'warned']);
    // Streamed live to the run, tagged with the execution's id and the line's level.
    expect(ran.events.filter((e) => e.event === 'print' && e.execution_id === id).map((e) => e.event === 'print' && e.level))
      .toEqual(['INFO', 'INFO', 'WARN']);
    expect((await statusOf('job')).output).toEqual(['job line', 'helper called synchronously', 'warned']);
  });

  it('stores the last 100 lines, in program order, and streams every line live', async () => {
    const ran = await run(`
CREATE PROCEDURE chatty() BEGIN FOR i IN 1..150 LOOP PRINT 'line ' || i; END LOOP; END PROCEDURE
chatty() | TRACK AS 'chatty';`);
    const expected = Array.from({ length: 150 }, (_, i) => `line ${i + 1}`);
    expect((await statusOf('chatty')).output).toEqual(expected.slice(50));
    expect(ran.outputOf(ran.executions[0].execution_id)).toEqual(expected);
  });

  it('cuts a stored line to its first 2,000 characters (code points), with no marker', async () => {
    await run(`
CREATE PROCEDURE wide() BEGIN
  PRINT RPAD('', 2500, 'a');
  PRINT RPAD('', 2001, '😀');
  PRINT RPAD('', 2000, 'b');
END PROCEDURE
wide() | TRACK AS 'wide';`);
    expect((await statusOf('wide')).output).toEqual(['a'.repeat(2000), '😀'.repeat(2000), 'b'.repeat(2000)]);
  });

  it('keeps the output of each continuation and branch in its own record; a group has none', async () => {
    await run(`
CREATE PROCEDURE b(n NUMBER) BEGIN PRINT 'branch ' || n; RETURN n; END PROCEDURE
CREATE PROCEDURE h(rs ARRAY) BEGIN PRINT 'handler ' || rs; END PROCEDURE
PARALLEL [b(1), b(2)] | ON_ALL_DONE h(@results) | TRACK AS 'g';`);
    const rows = await esqlRows('FROM .escript_executions | SORT kind | KEEP execution_id, kind');
    const outputs = await Promise.all(rows.map(async (r) => [r.kind, (await statusOf(String(r.execution_id))).output]));
    expect(outputs).toEqual(expect.arrayContaining([
      ['continuation', ['handler [1,2]']], ['parallel', []], ['procedure', ['branch 1']], ['procedure', ['branch 2']],
    ]));
    expect(outputs).toHaveLength(4);
  });

  it('writes the output of a failed execution up to the failure', async () => {
    await run(`
CREATE PROCEDURE partial() BEGIN PRINT 'one'; PRINT 'two'; VAR x = 1 / 0; PRINT 'three'; END PROCEDURE
partial() | TRACK AS 'partial';`);
    expect(await statusOf('partial')).toMatchObject({ status: 'FAILED', output: ['one', 'two'] });
  });
});

describe('§13.12 Ids and lineage', () => {
  it('gives every execution an id of exec- and 16 lower-case hex digits', async () => {
    await run(`
CREATE PROCEDURE p() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE h(x ANY) BEGIN RETURN x; END PROCEDURE
p() | ON_DONE h(@result);
PARALLEL [p(), p()] | FINALLY h(@results);`);
    const ids = (await esql('FROM .escript_executions | KEEP execution_id')).map((r) => r[0]);
    expect(ids).toHaveLength(6);
    for (const id of ids) expect(id).toMatch(/^exec-[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(6);
  });

  it('links a whole tree to its root: async calls inside executions, continuations, groups, branches and retries', async () => {
    await run(`
CREATE PROCEDURE leaf(n NUMBER) BEGIN RETURN n; END PROCEDURE
CREATE PROCEDURE fails() BEGIN THROW 'x'; END PROCEDURE
CREATE PROCEDURE on_mid(r ANY) BEGIN
  PARALLEL [leaf(1), leaf(2)] | TRACK AS 'G';
  EXECUTION('G') | WAIT;
END PROCEDURE
CREATE PROCEDURE mid() BEGIN RETURN 'mid'; END PROCEDURE
CREATE PROCEDURE top_job() BEGIN
  mid() | ON_DONE on_mid(@result) | TRACK AS 'B';
  fails() | TRACK AS 'D';
  EXECUTION('B') | WAIT;
  EXECUTION('D') | WAIT;
END PROCEDURE
top_job() | TRACK AS 'A';
EXECUTION('A') | WAIT;
EXECUTION('D') | RETRY;`);
    const rows = await esqlRows(
      'FROM .escript_executions | KEEP execution_id, kind, track_name, procedure_name, parent_id, root_id, retry_of');
    const byId = new Map(rows.map((r) => [r.execution_id, r]));
    const one = (pred: (r: Record<string, unknown>) => boolean) => {
      const found = rows.filter(pred);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const a = one((r) => r.track_name === 'A');
    const b = one((r) => r.track_name === 'B');
    const c = one((r) => r.procedure_name === 'on_mid');
    const g = one((r) => r.track_name === 'G');
    const d = one((r) => r.track_name === 'D' && r.retry_of === null);
    const retry = one((r) => r.track_name === 'D' && r.retry_of !== null);
    const branches = rows.filter((r) => r.procedure_name === 'leaf');
    expect(a.parent_id).toBeNull();
    expect(b.parent_id).toBe(a.execution_id); // started by an async statement inside A
    expect(c).toMatchObject({ kind: 'continuation', parent_id: b.execution_id }); // a continuation's parent is its source
    expect(g.parent_id).toBe(c.execution_id); // a PARALLEL inside a continuation
    expect(branches.map((x) => x.parent_id)).toEqual([g.execution_id, g.execution_id]);
    expect(retry).toMatchObject({ parent_id: d.parent_id, retry_of: d.execution_id }); // a retry copies parent_id
    expect(d.parent_id).toBe(a.execution_id);
    // Everything shares A's root, and every parent exists.
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*) BY root_id')).toEqual([[rows.length, a.execution_id]]);
    for (const r of rows) if (r.parent_id !== null) expect(byId.has(r.parent_id)).toBe(true);
    expect(rows).toHaveLength(8);
  });

  it('gives executions started by a foreground run, even through a synchronous CALL, no parent and their own root', async () => {
    await run(`
CREATE PROCEDURE p() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE starter() BEGIN p() | TRACK AS 'from-call'; END PROCEDURE
CALL starter();
p() | TRACK AS 'from-top';`);
    expect(await esql('FROM .escript_executions | EVAL own_root = root_id == execution_id | KEEP track_name, parent_id, own_root | SORT track_name')).toEqual([
      ['from-call', null, true], ['from-top', null, true],
    ]);
  });
});

describe('§13.14 Ordering', () => {
  it("writes a group's record before its branches', and the branches in declaration order", async () => {
    await run(`
CREATE PROCEDURE b1() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE b2() BEGIN RETURN 2; END PROCEDURE
CREATE PROCEDURE b3() BEGIN RETURN 3; END PROCEDURE
CREATE PROCEDURE b4() BEGIN RETURN 4; END PROCEDURE
PARALLEL [b1(), b2(), b3(), b4()] | TRACK AS 'order';`);
    const rows = await esqlRows('FROM .escript_executions | KEEP kind, procedure_name, created_at');
    const at = (name: string | null) => Date.parse(String(rows.find((r) => r.procedure_name === name)?.created_at));
    const sequence = [null, 'b1', 'b2', 'b3', 'b4'].map(at);
    expect(sequence.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < sequence.length; i++) expect(sequence[i]).toBeGreaterThanOrEqual(sequence[i - 1]);
  });

  it('starts handlers only after their source is terminal', async () => {
    await run(`
CREATE PROCEDURE src() BEGIN SLEEP(50); RETURN 1; END PROCEDURE
CREATE PROCEDURE h(e DOCUMENT) BEGIN RETURN e.status; END PROCEDURE
src() | ON_DONE h(@execution) | FINALLY h(@execution) | TRACK AS 'src';`);
    const source = await statusOf('src');
    const conts = await esqlRows('FROM .escript_executions | WHERE kind == "continuation" | KEEP execution_id, started_at');
    expect(conts).toHaveLength(2);
    for (const c of conts) {
      expect(Date.parse(String(c.started_at))).toBeGreaterThanOrEqual(Date.parse(String(source.completed_at)));
      expect((await statusOf(String(c.execution_id))).result).toBe('COMPLETED');
    }
  });
});
