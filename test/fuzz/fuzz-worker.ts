/**
 * Runs the fuzzer off the main thread for scripts/fuzz.ts. A parse that never returns cannot be
 * interrupted from inside its own thread, so the worker publishes the index of the case it is in
 * through shared memory and the main thread ends the worker when that index stops moving.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus';
import { runFuzz, type FuzzRunOptions, type FuzzSummary } from './engine';

/** What scripts/fuzz.ts passes in. */
export interface WorkerInput {
  options: Pick<FuzzRunOptions, 'seed' | 'from' | 'count' | 'seconds' | 'stopOnFailure'>;
  /** Slot 0: the case being run. */
  current: SharedArrayBuffer;
}

/** What the worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; done: number; failures: number }
  | { type: 'done'; summary: FuzzSummary };

const input = workerData as WorkerInput;
const current = new Int32Array(input.current);
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

const summary = runFuzz(loadCorpus(), {
  ...input.options,
  onCase: (index) => Atomics.store(current, 0, index),
  onProgress: (done, failures) => post({ type: 'progress', done, failures }),
});
post({ type: 'done', summary });
