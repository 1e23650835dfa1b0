/**
 * LANGUAGE.md §13.13 (recovery after a restart), the failure rule `interrupted`: a named node's process is
 * killed with SIGKILL while its execution sleeps; the next process of that node fails the record at
 * start-up and runs its ON_FAIL and FINALLY chains. The killed process is a real `bin/escript run`, since
 * only a separate process can die; the restarted node is this process's service layer on the same store.
 * (The 1,000-execution crash test and lease expiry by other nodes are covered elsewhere.)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { continuationRecords, currentDataDir, esqlRows, run, statusOf, useFreshStore } from './harness';

useFreshStore();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NODE = 'async-rules-recovery-node';
/** How long the restarted node may take to recover and run the handlers (start-up recovery is immediate). */
const RECOVERY_DEADLINE_MS = 15_000;

const savedNodeName = process.env.ESCRIPT_NODE_NAME;
afterEach(() => {
  if (savedNodeName === undefined) delete process.env.ESCRIPT_NODE_NAME;
  else process.env.ESCRIPT_NODE_NAME = savedNodeName;
});

type Event = Record<string, unknown>;

/** Runs `file` with `escript run --json` as node NODE and SIGKILLs it once `ready` holds for its events so far. */
function runAndKill(file: string, ready: (events: Event[]) => boolean): Promise<void> {
  const child = spawn(join(ROOT, 'bin/escript'), ['run', '--json', '--data', currentDataDir(), file], {
    cwd: ROOT, env: { ...process.env, ELASTICSEARCH_URL: '', ESCRIPT_NODE_NAME: NODE },
  });
  let buffered = '';
  let stderr = '';
  const events: Event[] = [];
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      events.push(...lines.map((l) => JSON.parse(l) as Event));
      if (ready(events)) child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`escript exited ${code}: ${stderr}`))));
  });
}

async function until<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  const deadline = Date.now() + RECOVERY_DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('§13.13 Recovery after a restart', () => {
  it("fails a killed node's running execution as interrupted when the node starts again, then runs ON_FAIL and FINALLY", async () => {
    const file = join(currentDataDir(), 'victim.es');
    writeFileSync(file, `
CREATE PROCEDURE sleeper() BEGIN PRINT 'sleeping'; SLEEP(60000); PRINT 'never'; END PROCEDURE
CREATE PROCEDURE h(tag STRING, e STRING) BEGIN PRINT tag || ': ' || e; END PROCEDURE
sleeper() | ON_DONE h('done', @error) | ON_FAIL h('fail', @error) | FINALLY h('finally', @error) | TRACK AS 'victim';
`);
    await runAndKill(file, (events) => events.some((e) => e.event === 'print' && e.text === 'sleeping' && e.execution_id !== null));

    process.env.ESCRIPT_NODE_NAME = NODE; // this process is the same node, restarted
    await run('PRINT 1;'); // starts the service (and its start-up recovery)
    const victim = await until(async () => {
      const rec = await statusOf('victim');
      return rec.status === 'FAILED' && rec.pipeline_done === true ? rec : null;
    }, 'the interrupted record and its pipeline');
    const message = `execution interrupted: node '${NODE}' stopped`;
    expect(victim).toMatchObject({ error: { type: 'interrupted', message, code: 'INTERRUPTED' }, result: null });
    const records = await continuationRecords();
    expect(records.map((r) => [r.status, r.output])).toEqual([
      ['COMPLETED', [`fail: ${message}`]], ['COMPLETED', [`finally: ${message}`]],
    ]);
  }, 60_000);

  it('fails an interrupted group\'s unfinished branches the same way, then runs ON_ANY_FAIL with the finished results and FINALLY', async () => {
    const file = join(currentDataDir(), 'group.es');
    writeFileSync(file, `
CREATE PROCEDURE slow() BEGIN PRINT 'slow branch'; SLEEP(60000); RETURN 'never'; END PROCEDURE
CREATE PROCEDURE fast() BEGIN RETURN 'fast'; END PROCEDURE
CREATE PROCEDURE h(tag STRING, x ANY) BEGIN PRINT tag || ': ' || x; END PROCEDURE
PARALLEL [slow(), fast()] | ON_ALL_DONE h('all', @results) | ON_ANY_FAIL h('any', @results) | FINALLY h('fin', @error) | TRACK AS 'grp';
`);
    // Killed once the slow branch runs and the fast one has ended, so only the slow one is unfinished.
    await runAndKill(file, (events) => events.some((e) => e.event === 'print' && e.text === 'slow branch')
      && events.some((e) => e.event === 'execution' && e.procedure_name === 'fast' && e.status === 'COMPLETED'));

    process.env.ESCRIPT_NODE_NAME = NODE;
    await run('PRINT 1;');
    const group = await until(async () => {
      const rec = await statusOf('grp');
      return rec.status === 'FAILED' && rec.pipeline_done === true ? rec : null;
    }, 'the interrupted group and its pipeline');
    const message = `execution interrupted: node '${NODE}' stopped`;
    expect(group.error).toEqual({ type: 'interrupted', message, code: 'INTERRUPTED' });
    const branches = await esqlRows(`FROM .escript_executions | WHERE parent_id == "${String(group.execution_id)}" AND kind == "procedure" | KEEP procedure_name, status, error.type | SORT procedure_name`);
    expect(branches).toEqual([
      { procedure_name: 'fast', status: 'COMPLETED', 'error.type': null },
      { procedure_name: 'slow', status: 'FAILED', 'error.type': 'interrupted' },
    ]);
    expect((await continuationRecords()).map((r) => [r.procedure_name, r.status, r.output])).toEqual([
      ['h', 'COMPLETED', ['any: [null,"fast"]']], ['h', 'COMPLETED', [`fin: ${message}`]],
    ]);
  }, 60_000);

  it('ends the chain of an interrupted continuation, fails it as interrupted without rerunning it, and runs FINALLY once', async () => {
    const file = join(currentDataDir(), 'chain.es');
    writeFileSync(file, `
CREATE PROCEDURE src() BEGIN RETURN 'source done'; END PROCEDURE
CREATE PROCEDURE slow_handler(r STRING) BEGIN PRINT 'handling ' || r; SLEEP(60000); END PROCEDURE
CREATE PROCEDURE next_handler(r STRING) BEGIN PRINT 'next'; END PROCEDURE
CREATE PROCEDURE fin(r STRING) BEGIN PRINT 'finally ' || r; END PROCEDURE
src() | ON_DONE slow_handler(@result) | ON_DONE next_handler(@result) | FINALLY fin(@result) | TRACK AS 'chained';
`);
    await runAndKill(file, (events) => events.some((e) => e.event === 'print' && e.text === 'handling source done'));

    process.env.ESCRIPT_NODE_NAME = NODE;
    await run('PRINT 1;');
    const source = await until(async () => {
      const rec = await statusOf('chained');
      return rec.pipeline_done === true ? rec : null;
    }, "the source's pipeline to finish");
    expect(source).toMatchObject({ status: 'COMPLETED', result: 'source done', error: null });
    // The interrupted handler's output is whatever its last heartbeat stored (§13.11), so it is not compared.
    expect((await continuationRecords()).map((r) => [r.procedure_name, r.status, (r.error as { type?: string } | null)?.type ?? null])).toEqual([
      ['slow_handler', 'FAILED', 'interrupted'], ['fin', 'COMPLETED', null],
    ]);
    const fin = (await continuationRecords('procedure_name == "fin"'))[0];
    expect(fin.output).toEqual(['finally source done']);
  }, 60_000);
});
