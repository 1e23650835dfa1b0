/**
 * Real processes for the cluster and durability tests: `escript es-serve` as a child on a free port, and
 * `escript run|query` as a user runs them, with the environment given (for example ELASTICSEARCH_URL).
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ESCRIPT = path.join(ROOT, 'bin/escript');
const LISTENING = /^escript es-serve: listening on (http:\/\/127\.0\.0\.1:\d+) \(data (.+)\)$/m;

/** A running `escript es-serve`. */
export interface EsServe {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, resolving once the process has exited (SIGKILL if it has not within `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `escript es-serve --port 0 --data dataDir ...extraArgs` and resolves with its URL. */
export function startEsServe(dataDir: string, extraArgs: string[] = []): Promise<EsServe> {
  const child = spawn(ESCRIPT, ['es-serve', '--port', '0', '--data', dataDir, ...extraArgs], {
    env: { ...process.env, ELASTICSEARCH_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const m = LISTENING.exec(stdout);
      if (m) resolve({ url: m[1], child, stderr: () => stderr, stop });
    });
    child.once('exit', (code) => reject(new Error(`es-serve exited with ${code} before listening: ${stderr}`)));
  });
}

/** What a finished CLI run left. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `escript ...args` to completion without blocking this process's event loop (a test may serve
 * HTTP in-process meanwhile). `env` is added to this process's environment.
 */
export function escript(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(ESCRIPT, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}
