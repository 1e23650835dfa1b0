/**
 * Suspension of JIT-compiled code (LANGUAGE.md §13.10, docs/ARCHITECTURE.md decision 14).
 *
 * Generated routines are plain synchronous JavaScript functions, so that a call costs what a
 * JavaScript call costs. When one must wait (the 10 ms yield, a routine read from the store, a
 * store function, a callee still on the closure path that returned a promise), it does not await:
 * it creates a `Suspension` holding the promise, saves its own state (resume label and locals) into
 * it, and returns `SUSPEND`. Each generated caller on the way out does the same, innermost first.
 * The first caller that is not generated code hands the suspension to `drive`, which awaits the
 * promise and re-enters the saved invocations outermost first; each jumps to its resume label, and
 * the innermost receives the awaited value (or error) at the point where it stopped.
 */
import { fail } from '../../errors';
import type { Value } from '../../values';
import { checkpoint, maybeYield, type Run } from '../context';

/** Returned by generated code that suspended; the suspension is in `run.susp`. */
export const SUSPEND: unique symbol = Symbol('suspend');

/**
 * A generated routine: a call is `(run, null, site, ...args)`; a saved invocation is resumed by the
 * function in its first slot, `(run, saved, saved[3])`. `site` is the caller's call site (errors at the call, §8.6).
 */
export type JitFn = (run: Run, saved: SavedFrame | null, site: number, ...args: Value[]) => Value | typeof SUSPEND;

/** One suspended invocation: `[fn, resume label, resumes a call site, site, stack entry, …locals]`. */
export type SavedFrame = [JitFn, number, boolean, number, ...unknown[]];

/** What a suspended chain of generated invocations waits for. */
export class Suspension {
  /** Saved invocations, innermost first. */
  readonly frames: SavedFrame[] = [];
  value: Value = null;
  failed = false;
  error: unknown = undefined;
  constructor(readonly pending: Promise<unknown>) {}
}

/** Suspends on `p` (its value is the value of the call being made): returns SUSPEND. */
export function suspendOn(run: Run, p: Promise<unknown>): typeof SUSPEND {
  run.susp = new Suspension(p);
  return SUSPEND;
}

/** Suspends for the yield rule (§13.10): the caller saves a label that continues after the check. */
export function suspendToYield(run: Run): Suspension {
  const s = new Suspension(maybeYield(run));
  run.susp = s;
  return s;
}

/** True when the run has worked ~8 ms since it last yielded. */
export function yieldIsDue(run: Run): boolean {
  return performance.now() - run.lastYield >= 8;
}

/** Takes the suspension a generated callee just returned with. */
export function takeSuspension(run: Run): Suspension {
  const s = run.susp;
  if (s === null) throw new Error('internal error: SUSPEND without a suspension');
  run.susp = null;
  return s;
}

/**
 * Awaits a suspension and resumes its chain, again and again, until the outermost generated
 * invocation returns a value (or throws).
 */
export async function drive(run: Run, first: Suspension): Promise<Value> {
  let s = first;
  for (;;) {
    try {
      s.value = (await s.pending) as Value;
    } catch (e) {
      s.failed = true;
      s.error = e;
    }
    const v = resumeChain(run, s);
    if (v !== SUSPEND) return v;
    s = takeSuspension(run);
  }
}

function resumeChain(run: Run, s: Suspension): Value | typeof SUSPEND {
  run.resuming = s;
  return resumeNext(run);
}

/**
 * Called by a resumed invocation at the call site where it stopped: re-enters the next inner saved
 * invocation, or, past the innermost, delivers the awaited value or throws its error.
 */
export function resumeNext(run: Run): Value | typeof SUSPEND {
  const s = run.resuming;
  if (s === null) throw new Error('internal error: nothing to resume');
  const fr = s.frames.pop();
  if (fr === undefined) {
    run.resuming = null;
    if (s.failed) throw s.error;
    return s.value;
  }
  if (!fr[2]) {
    // The innermost invocation stopped to yield: it continues after its check, unless the wait failed
    // (the run was stopped, §13.10), which unwinds from there.
    run.resuming = null;
    if (s.failed) {
      run.stack.pop();
      throw s.error;
    }
  }
  return fr[0](run, fr, fr[3]);
}

/** The checks a generated invocation makes before it starts (§9.6 depth, §13.10 cancellation). */
export function depthExceeded(name: string, site: number): never {
  throw fail.callDepth(name, site);
}

export { checkpoint };
