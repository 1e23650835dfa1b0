/**
 * `npm run fuzz`: the parser fuzzer of test/fuzz, run longer than in `npm test` and with a random seed.
 *
 *   npm run fuzz                          60 seconds, random seed (printed)
 *   npm run fuzz -- --seed 42 --count 100000
 *   npm run fuzz -- --seconds 600
 *   npm run fuzz -- --seed 42 --case 1234   replay one case: print it and what it breaks
 *
 * The cases run in a worker; when one case runs longer than `HANG_KILL_MS`, the worker is ended and
 * that case is reported as a hang. Exits 1 on any failure, printing the seed, the case, the replay
 * command and the input, and writing each failing input whole to a file in the temp directory.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from '../test/fuzz/corpus';
import { formatFailure, makeCase, runCase, shorten, type FuzzFailure, type FuzzSummary } from '../test/fuzz/engine';
import type { WorkerInput, WorkerMessage } from '../test/fuzz/fuzz-worker';

/** One case running this long is a hang (the in-process property already fails at 2 s). */
const HANG_KILL_MS = 30_000;
/** Without --count or --seconds, a run lasts this long. */
const DEFAULT_SECONDS = 60;

interface Args { seed: number; count: number; seconds: number; replay: number | null }

function parseArgs(argv: string[]): Args {
  const value = (flag: string): number | null => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const n = Number(argv[i + 1]);
    if (!Number.isSafeInteger(n) || n < 0) {
      console.error(`${flag} needs a non-negative integer`);
      process.exit(2);
    }
    return n;
  };
  const count = value('--count');
  const seconds = value('--seconds');
  return {
    seed: value('--seed') ?? randomInt(2 ** 31),
    count: count ?? Infinity,
    seconds: seconds ?? (count === null ? DEFAULT_SECONDS : Infinity),
    replay: value('--case'),
  };
}

/** Writes the whole input next to the report, so long inputs can be replayed as they were. */
function saveInput(f: FuzzFailure): string {
  const file = join(tmpdir(), `escript-fuzz-${f.seed}-${f.index}.txt`);
  writeFileSync(file, f.input);
  return file;
}

function report(failures: FuzzFailure[]): void {
  for (const f of failures.slice(0, 10)) {
    console.log(`\n${formatFailure(f)}\nwhole input: ${saveInput(f)}`);
  }
  if (failures.length > 10) console.log(`\n… and ${failures.length - 10} more failures`);
}

function replay(seed: number, index: number): never {
  const c = makeCase(loadCorpus(), seed, index);
  console.log(`seed ${seed}, case ${index} (${c.kind}, from ${c.origin})\ninput: ${shorten(c.input, 4_000)}`);
  const problems = runCase(c);
  console.log(problems.length ? problems.map((p) => `  - ${p}`).join('\n') : 'all properties hold');
  process.exit(problems.length ? 1 : 0);
}

function summarize(s: FuzzSummary, seed: number): void {
  const kinds = Object.entries(s.byKind).map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(`\nseed ${seed}: ${s.cases} cases in ${(s.elapsedMs / 1000).toFixed(1)} s (${kinds})`);
  console.log(`slowest: case ${s.slowest.index}, ${Math.round(s.slowest.ms)} ms; failures: ${s.failures.length}`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay !== null) replay(args.seed, args.replay);
  const limit = args.count === Infinity ? `${args.seconds} s` : `${args.count} cases`;
  console.log(`fuzzing the parsers with seed ${args.seed} for ${limit} (replay with --seed ${args.seed})`);

  const current = new SharedArrayBuffer(4);
  const input: WorkerInput = {
    options: { seed: args.seed, from: 0, count: args.count, seconds: args.seconds, stopOnFailure: false },
    current,
  };
  // A worker inherits neither tsx's loader nor an `--import` of it (Node 20), so it registers tsx
  // through its API before importing the TypeScript worker module.
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const workerModule = JSON.stringify(new URL('../test/fuzz/fuzz-worker.ts', import.meta.url).href);
  const bootstrap = `import(${tsxApi}).then(({ register }) => { register(); return import(${workerModule}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  const running = new Int32Array(current);
  let last = { index: -1, since: Date.now() };
  const watchdog = setInterval(() => {
    const index = Atomics.load(running, 0);
    if (index !== last.index) {
      last = { index, since: Date.now() };
      return;
    }
    if (Date.now() - last.since < HANG_KILL_MS) return;
    clearInterval(watchdog);
    void worker.terminate();
    const c = makeCase(loadCorpus(), args.seed, index);
    report([{ ...c, seed: args.seed, problems: [`no result after ${HANG_KILL_MS / 1000} s: the parser hangs`] }]);
    process.exit(1);
  }, 1_000);

  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') {
      process.stdout.write(`${process.stdout.isTTY ? '\r' : ''}${message.done} cases, ${message.failures} failures${process.stdout.isTTY ? '' : '\n'}`);
      return;
    }
    clearInterval(watchdog);
    summarize(message.summary, args.seed);
    report(message.summary.failures);
    process.exit(message.summary.failures.length ? 1 : 0);
  });
  worker.on('error', (error) => {
    clearInterval(watchdog);
    console.error(`\nthe fuzzer itself failed (seed ${args.seed}):`, error);
    process.exit(1);
  });
}

main();
