/**
 * LANGUAGE.md §13.6 (PARALLEL) with its pipes ON_ALL_DONE, ON_ANY_FAIL, FINALLY, TRACK AS and TIMEOUT,
 * through the service layer on a fresh embedded store per test. The shared conformance cases cover
 * result order, one failing branch and a group timeout; these go further.
 */
import { describe, expect, it } from 'vitest';
import { esql, esqlRows, handlerOutputs, msBetween, run, statusOf, useFreshStore } from './harness';

useFreshStore();


const PROCS = `
CREATE PROCEDURE val(v ANY) BEGIN RETURN v; END PROCEDURE
CREATE PROCEDURE nap(ms NUMBER, v ANY) BEGIN SLEEP(ms); PRINT 'woke ' || v; RETURN v; END PROCEDURE
CREATE PROCEDURE fail_after(ms NUMBER, msg STRING) BEGIN SLEEP(ms); THROW msg; END PROCEDURE
CREATE PROCEDURE said(tag STRING, x ANY) BEGIN PRINT tag || ' ' || x; END PROCEDURE
`;

describe('§13.6 PARALLEL', () => {
  it("writes the group's record and one PENDING record per branch; the statement's value is the group's record", async () => {
    const ran = await run(`${PROCS}
PARALLEL [val(1), val('two')] | TRACK AS 'grp';`);
    expect(ran.error).toBeNull();
    const group = ran.results.get(5) as Record<string, unknown>;
    expect(group).toMatchObject({
      kind: 'parallel', status: 'PENDING', track_name: 'grp', procedure_name: null, arguments: null, parent_id: null,
      pipeline: { branches: [{ procedure_name: 'val', arguments: [1] }, { procedure_name: 'val', arguments: ['two'] }] },
    });
    const branches = await esqlRows(
      `FROM .escript_executions | WHERE parent_id == "${String(group.execution_id)}" | KEEP kind, track_name, root_id, created_at`);
    expect(branches).toHaveLength(2);
    for (const b of branches) {
      expect(b).toMatchObject({ kind: 'procedure', track_name: null, root_id: group.execution_id });
      expect(Date.parse(String(b.created_at))).toBeGreaterThanOrEqual(Date.parse(String(group.created_at)));
    }
  });

  it('gives branches no pipeline, track name or timeout of their own', async () => {
    await run(`${PROCS}
PARALLEL [val(1)] | TIMEOUT 30 | TRACK AS 'g' | FINALLY said('fin', 1);`);
    const rows = await esqlRows('FROM .escript_executions | WHERE kind == "procedure" | KEEP execution_id');
    const branch = await statusOf(String(rows[0].execution_id));
    expect(branch).toMatchObject({ pipeline: null, track_name: null, status: 'COMPLETED', result: 1 });
  });

  it('does the synchronous checks for every branch first: a bad branch raises in the caller and no record is written', async () => {
    const ran = await run(`${PROCS}
TRY
  PARALLEL [val(1), nap('not a number', 2)] | TRACK AS 'never';
CATCH
  PRINT error.type || ' ' || error.code;
END TRY
TRY
  PARALLEL [val(1)] | ON_ALL_DONE said('x') | TRACK AS 'never';
CATCH
  PRINT error.type || ' ' || error.code;
END TRY`);
    expect(ran.prints).toEqual(['type_error ARGUMENT_TYPE', 'validation_error ARITY_MISMATCH']);
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*)')).toEqual([[0]]);
  });

  it('evaluates every branch\'s arguments in order, then the handler arguments in pipeline order, in the caller', async () => {
    const ran = await run(`${PROCS}
CREATE FUNCTION say(x STRING) RETURNS STRING BEGIN PRINT 'eval ' || x; RETURN x; END FUNCTION
PARALLEL [val(say('b1')), nap(0, say('b2'))] | FINALLY said(say('fin'), @results) | ON_ANY_FAIL said(say('any'), @error) | ON_ALL_DONE said(say('all'), @results) | TRACK AS say('track');`);
    expect(ran.prints).toEqual(['eval b1', 'eval b2', 'eval fin', 'eval any', 'eval all', 'eval track']);
    expect(await handlerOutputs(ran)).toEqual([['all ["b1","b2"]'], ['fin ["b1","b2"]']]);
  });

  it('runs the branches concurrently: their running times overlap', async () => {
    await run(`${PROCS}
PARALLEL [nap(300, 'a'), nap(300, 'b')] | TRACK AS 'conc';`);
    const rows = await esqlRows('FROM .escript_executions | WHERE kind == "procedure" | KEEP started_at, completed_at');
    expect(rows).toHaveLength(2);
    const [a, b] = rows;
    // Each started before the other ended.
    expect(msBetween(a.started_at, b.completed_at)).toBeGreaterThan(0);
    expect(msBetween(b.started_at, a.completed_at)).toBeGreaterThan(0);
  });

  it('runs the branches independently: one failing does not stop the others', async () => {
    const ran = await run(`${PROCS}
PARALLEL [fail_after(0, 'early failure'), nap(200, 'slow')] | TRACK AS 'indep';`);
    const slow = ran.executions.find((e) => e.procedure_name === 'nap');
    expect(slow?.status).toBe('COMPLETED');
    expect(ran.outputOf(slow?.execution_id ?? '')).toEqual(['woke slow']);
    expect(await esql('FROM .escript_executions | WHERE kind == "parallel" | KEEP status, error.message')).toEqual([
      ['FAILED', 'early failure'],
    ]);
  });

  it('fails the group with the error of the branch that failed first by completion time, not by declaration', async () => {
    const ran = await run(`${PROCS}
PARALLEL [fail_after(400, 'declared first, fails last'), fail_after(0, 'declared second, fails first'), val('ok')]
  | ON_ANY_FAIL said('any_fail', @error) | TRACK AS 'first-fail';
VAR g = EXECUTION('first-fail') | WAIT;
PRINT g.status || ' / ' || g.error.message;`);
    expect(ran.prints).toEqual(['FAILED / declared second, fails first']);
    expect(await handlerOutputs(ran)).toEqual([['any_fail declared second, fails first']]);
    expect((await statusOf('first-fail')).result).toEqual([null, null, 'ok']);
  });

  // A terminal record's result never changes (§13.7, §13.14.6), so a FAILED group's result (§17.38) must be
  // in the terminal write itself, where WAIT sees it.
  it("sets a FAILED group's result in the terminal transition itself: WAIT returns it", async () => {
    const ran = await run(`${PROCS}
PARALLEL [fail_after(300, 'late failure'), val('ok')] | TRACK AS 'late-fail';
VAR g = EXECUTION('late-fail') | WAIT;
PRINT g.status || ' ' || g.result;`);
    expect(ran.prints).toEqual(['FAILED [null,"ok"]']);
  });

  it('COMPLETES the group when every branch completes, then runs ON_ALL_DONE and FINALLY, not ON_ANY_FAIL', async () => {
    const ran = await run(`${PROCS}
PARALLEL [nap(100, 'a'), val('b')] | FINALLY said('finally', @results) | ON_ANY_FAIL said('any_fail', @results) | ON_ALL_DONE said('all_done', @results) | TRACK AS 'ok';`);
    expect(await handlerOutputs(ran)).toEqual([['all_done ["a","b"]'], ['finally ["a","b"]']]);
    expect((await statusOf('ok'))).toMatchObject({ status: 'COMPLETED', result: ['a', 'b'], error: null, pipeline_done: true });
  });

  it('gives ON_ANY_FAIL partial @results, and @execution is the group record', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE inspect(rs ARRAY, e DOCUMENT, msg STRING) BEGIN
  PRINT rs || ' ' || e.kind || ' ' || e.status || ' ' || e.track_name || ' ' || msg;
END PROCEDURE
PARALLEL [val(1), fail_after(0, 'b broke'), nap(50, 3)] | ON_ANY_FAIL inspect(@results, @execution, @error) | TRACK AS 'partial';`);
    expect(await handlerOutputs(ran)).toEqual([['[1,null,3] parallel FAILED partial b broke']]);
  });

  it('counts a cancelled branch as a failed branch of its group', async () => {
    const ran = await run(`${PROCS}
CREATE PROCEDURE starter() BEGIN
  PARALLEL [nap(60000, 'long'), val('quick')] | ON_ANY_FAIL said('any_fail', @results) | ON_ALL_DONE said('all_done', @results) | TRACK AS 'gc';
END PROCEDURE
VAR gid = starter().execution_id;
DECLARE branch_id STRING FROM .escript_executions | WHERE parent_id == :gid AND procedure_name == 'nap' | KEEP execution_id;
VAR c = EXECUTION(branch_id) | CANCEL;
VAR w = EXECUTION('gc') | WAIT;
PRINT c.status || ' ' || w.status || ' ' || w.error.type || ' ' || w.result;`);
    expect(ran.error).toBeNull();
    expect(ran.prints).toEqual(['CANCELLED FAILED cancelled_error [null,"quick"]']);
    expect(await handlerOutputs(ran)).toEqual([['any_fail [null,"quick"]']]);
  });

  it('CANCEL of a group cancels its unfinished branches, runs only FINALLY, and leaves finished branches as they are', async () => {
    const ran = await run(`${PROCS}
PARALLEL [nap(60000, 'a'), nap(60000, 'b'), val('done')] | ON_ANY_FAIL said('any_fail', @error) | FINALLY said('finally', @error) | TRACK AS 'gcancel';
SLEEP(100);
VAR c = EXECUTION('gcancel') | CANCEL;
PRINT c.status || ' ' || c.cancelled;`);
    expect(ran.prints).toEqual(['CANCELLED true']);
    expect(await esql('FROM .escript_executions | WHERE kind == "procedure" | STATS n = COUNT(*) BY status | SORT status')).toEqual([
      [2, 'CANCELLED'], [1, 'COMPLETED'],
    ]);
    expect(await handlerOutputs(ran)).toEqual([['finally execution was cancelled']]);
  });

  it('on group TIMEOUT cancels the unfinished branches, fails the group with timeout_error and its partial result, in about the given time', async () => {
    const ran = await run(`${PROCS}
PARALLEL [nap(60000, 'slow'), val('fast')] | FINALLY said('finally', @error) | TIMEOUT 0.5 SECONDS | ON_ANY_FAIL said('any_fail', @results) | TRACK AS 'gt';`);
    const group = await statusOf('gt');
    expect(group).toMatchObject({
      status: 'FAILED', result: [null, 'fast'],
      error: { type: 'timeout_error', code: 'EXECUTION_TIMEOUT', message: 'execution exceeded its timeout of 0.5 seconds' },
    });
    const took = msBetween(group.started_at, group.completed_at);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(10_000);
    expect(await esql('FROM .escript_executions | WHERE kind == "procedure" | KEEP status, error.code, error.message | SORT status')).toEqual([
      ['CANCELLED', 'CANCELLED', 'cancelled: parallel group timed out'], ['COMPLETED', null, null],
    ]);
    expect(await handlerOutputs(ran)).toEqual([
      ['any_fail [null,"fast"]'], ['finally execution exceeded its timeout of 0.5 seconds'],
    ]);
  });

  it('accepts every combination of its pipes in any order, and records each in the group pipeline', async () => {
    const pipes = {
      all: "ON_ALL_DONE said('all', @results)", any: "ON_ANY_FAIL said('any', @error)", fin: "FINALLY said('fin', @result)",
      track: "TRACK AS 'pg'", timeout: 'TIMEOUT 30',
    } as const;
    const names = Object.keys(pipes) as (keyof typeof pipes)[];
    const combos: (keyof typeof pipes)[][] = [];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const subset = names.filter((_, i) => mask & (1 << i));
      const shift = mask % subset.length;
      combos.push([...subset.slice(shift), ...subset.slice(0, shift)].reverse());
    }
    const ran = await run(`${PROCS}
${combos.map((c) => `PARALLEL [val(1)] | ${c.map((p) => pipes[p]).join(' | ')};`).join('\n')}`);
    expect(ran.error).toBeNull();
    const handler = (tag: string, binding: string) => [{ handler: 'said', args: [{ value: tag }, { binding }] }];
    combos.forEach((c, i) => {
      // Statements 1–4 are the CREATEs; statement 5 + i is combination i, whose value is the group record.
      expect(ran.results.get(5 + i), c.join(' | ')).toMatchObject({
        kind: 'parallel', track_name: c.includes('track') ? 'pg' : null,
        pipeline: {
          branches: [{ procedure_name: 'val', arguments: [1] }],
          on_all_done: c.includes('all') ? handler('all', 'results') : [],
          on_any_fail: c.includes('any') ? handler('any', 'error') : [],
          finally: c.includes('fin') ? handler('fin', 'result') : [],
          timeout_seconds: c.includes('timeout') ? 30 : null,
        },
      });
    });
  });

  it('allows a PARALLEL without pipes', async () => {
    const ran = await run(`${PROCS}
PARALLEL [val(1), val(2)];`);
    expect(ran.error).toBeNull();
    expect(await esql('FROM .escript_executions | WHERE kind == "parallel" | KEEP status, track_name, pipeline_done')).toEqual([
      ['COMPLETED', null, true],
    ]);
  });

  it('runs inside a procedure running as an execution: the group is that execution\'s child', async () => {
    await run(`${PROCS}
CREATE PROCEDURE outer() BEGIN
  PARALLEL [val(1), val(2)] | ON_ALL_DONE said('all', @results) | TRACK AS 'inner-group';
  VAR g = EXECUTION('inner-group') | WAIT;
  RETURN g.result;
END PROCEDURE
outer() | TRACK AS 'outer';`);
    const outer = await statusOf('outer');
    const group = await statusOf('inner-group');
    expect(outer).toMatchObject({ status: 'COMPLETED', result: [1, 2] });
    expect(group).toMatchObject({ parent_id: outer.execution_id, root_id: outer.execution_id });
    expect(await esql(`FROM .escript_executions | WHERE root_id == "${String(outer.execution_id)}" | STATS n = COUNT(*) BY kind | SORT kind`)).toEqual([
      [1, 'continuation'], [1, 'parallel'], [3, 'procedure'],
    ]);
  });
});
