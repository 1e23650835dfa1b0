/**
 * §9.5 "a call always runs the latest definition", across processes (docs/ARCHITECTURE.md decision 13):
 * a script looping in this process over a stored function sees the definition that another process
 * (the CLI) replaces while the loop runs, without restarting.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../../lib/elasticsearch';
import { renderValue, runScript } from '../../lib/runtime';
import { RecordingAsyncHost } from '../../lib/runtime/test-support';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'escript-fresh-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const definition = (value: number) => {
  const file = join(dataDir, `define-${value}.es`);
  writeFileSync(file, `CREATE OR REPLACE FUNCTION current_version() RETURNS NUMBER AS\nBEGIN\n  RETURN ${value};\nEND FUNCTION;\n`);
  return file;
};
const cli = { cwd: ROOT, env: { ...process.env, ELASTICSEARCH_URL: '' } };

describe('stored definitions replaced by another process', () => {
  it('are picked up by a running loop in this process', async () => {
    const first = spawnSync(join(ROOT, 'bin/escript'), ['run', '--data', dataDir, definition(1)], { ...cli, encoding: 'utf8' });
    expect(first.stderr).toBe('');

    const client = await createClient({ dataDir });
    try {
      await ensureSystemIndices(client);
      const loop = runScript(
        'VAR calls = 0;\nWHILE current_version() == 1 AND calls < 2000 LOOP\n  SET calls = calls + 1;\n  SLEEP(10);\nEND LOOP;\nRETURN {"version": current_version(), "calls": calls};\n',
        { host: { client, async: new RecordingAsyncHost() }, caller: { runId: 'fresh', executionId: null }, onPrint: () => undefined },
      );
      // The loop is already calling version 1 when the other process replaces the function.
      const replaced = await new Promise<number | null>((done) => {
        spawn(join(ROOT, 'bin/escript'), ['run', '--data', dataDir, definition(2)], { ...cli, stdio: 'ignore' }).on('exit', done);
      });
      expect(replaced).toBe(0);
      const outcome = await loop;
      expect(outcome.kind === 'ran' && outcome.error).toBe(null);
      const result = outcome.kind === 'ran' ? outcome.result : null;
      expect(renderValue(result)).toMatch(/^\{"version":2,"calls":\d+\}$/);
      const calls = result instanceof Map ? Number(result.get('calls')) : -1;
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThan(2000);
    } finally {
      await client.close();
    }
  });
});
