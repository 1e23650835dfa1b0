/**
 * Child processes of the real CLI (`bin/escript`) for the executions tests: start one, read its lines
 * as they come, wait for a line, kill it, and read the shared embedded store from this process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import type { ExecutionRecord } from '../../lib/executions';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ESCRIPT = join(ROOT, 'bin/escript');

/** A running `escript` process. */
export interface EscriptProcess {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line containing `text` (rejects if the process ends first). */
  line: (text: string) => Promise<string>;
  /** Resolves when the process has ended and its output is read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of a child: embedded store, no configured node name, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELASTICSEARCH_URL: '', ...extra };
  if (!('ESCRIPT_NODE_NAME' in extra)) delete env.ESCRIPT_NODE_NAME;
  return env;
}

/** Starts `escript args…` with `env`. */
export function startEscript(args: string[], env: NodeJS.ProcessEnv): EscriptProcess {
  const child = spawn(ESCRIPT, args, { cwd: ROOT, env });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const watchers: { text: string; found: (line: string) => void; lost: (e: Error) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of watchers.filter((w) => line.includes(w.text))) {
        watchers.splice(watchers.indexOf(w), 1);
        w.found(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => {
      for (const w of watchers.splice(0)) w.lost(new Error(`escript ended (${code ?? signal}) before printing '${w.text}': ${stderr}`));
      done({ code, signal });
    }));
  const line = (text: string) => {
    const seen = lines.find((l) => l.includes(text));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((found, lost) => watchers.push({ text, found, lost }));
  };
  return { child, lines, stderr: () => stderr, line, exited };
}

/** A fresh directory for one test's data and scripts, removed by `cleanup`. */
export function workspace(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    dataDir: join(dir, 'data'),
    /** Writes a script file and returns its path. */
    script(name: string, source: string): string {
      const file = join(dir, name);
      writeFileSync(file, source);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every execution record in the store, by id. */
export async function allRecords(client: Client): Promise<Map<string, ExecutionRecord>> {
  const response = await client.search<ExecutionRecord>({ index: '.escript_executions', size: 10_000, query: { match_all: {} } });
  return new Map(response.hits.hits.map((h) => [h._id!, h._source!]));
}
