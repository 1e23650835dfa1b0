/**
 * LANGUAGE.md §13.8 CANCEL of an execution owned by another process on the same store: the owner notices
 * the request and stops (issue 5: within a second), and CANCEL returns once the record is terminal. The
 * owner is a real `bin/escript run --json`, spinning in `WHILE TRUE LOOP END LOOP`; the canceller is this
 * process's service layer on the same data directory.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { currentDataDir, run, statusOf, useFreshStore } from './harness';

useFreshStore();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The promise is one second; this allows for a loaded 2-core machine. */
const PROMPT_MS = 3_000;

describe('§13.8 CANCEL across processes', () => {
  it("stops a CPU-bound execution running in another process, and that process's run ends", async () => {
    const file = join(currentDataDir(), 'spin.es');
    writeFileSync(file, `
CREATE PROCEDURE spin() BEGIN PRINT 'spinning'; WHILE TRUE LOOP END LOOP; END PROCEDURE
spin() | TRACK AS 'remote';
`);
    const child = spawn(join(ROOT, 'bin/escript'), ['run', '--json', '--data', currentDataDir(), file], {
      cwd: ROOT, env: { ...process.env, ELASTICSEARCH_URL: '', ESCRIPT_NODE_NAME: 'async-rules-owner' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await new Promise<void>((ready, fail) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('"text":"spinning"')) ready();
        });
        child.on('exit', (code) => fail(new Error(`escript exited ${code} before spinning: ${stderr}`)));
      });
      const cancelled = await run(`
VAR t0 = NOW();
VAR c = EXECUTION('remote') | CANCEL;
PRINT c.status || ' ' || c.cancelled;
PRINT DATEDIFF((EXECUTION('remote') | STATUS).completed_at, t0, 'MILLISECOND');`);
      expect(cancelled.error).toBeNull();
      expect(cancelled.prints[0]).toBe('CANCELLED true');
      expect(Number(cancelled.prints[1])).toBeLessThan(PROMPT_MS);
      expect(await exited).toBe(0);
      const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(events.filter((e) => e.event === 'execution')).toMatchObject([
        { procedure_name: 'spin', track_name: 'remote', status: 'CANCELLED' },
      ]);
      expect(await statusOf('remote')).toMatchObject({
        status: 'CANCELLED', node: 'async-rules-owner', cancel_requested: true, output: ['spinning'],
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
