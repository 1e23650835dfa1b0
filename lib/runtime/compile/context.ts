/**
 * The run-time state compiled closures work on (LANGUAGE.md §7.1, §9.6, §13.10): a `Run` per
 * foreground run or execution, and a `Frame` per invocation whose variables live in slots that
 * the compiler resolved by position (STYLE R14).
 */
import type { CallerContext, RuntimeHost } from '../host';
import { EscriptError, fail, type CodeUnit, type StackEntry } from '../errors';
import { runtimeLimits } from '../limits';
import type { TypeSpec } from '../types';
import type { CachedRoutine } from './routines';
import type { Suspension } from './jit/suspend';
import type { Value } from '../values';

/** Completion of a statement (STYLE R15): jumps are small integers, never exceptions. */
export const NORMAL = 0, BREAK = 1, CONTINUE = 2, RETURN = 3;
/** One of NORMAL, BREAK, CONTINUE, RETURN. */
export type Completion = number;

/** What one run (foreground or execution) shares across its invocations. */
export interface Run {
  host: RuntimeHost;
  caller: CallerContext;
  signal: AbortSignal | undefined;
  print(text: string, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): void;
  /** Active invocations, outermost first; depth = length − 1 (§9.6). */
  stack: StackEntry[];
  /** performance.now() at the last yield to the event loop (§13.10). */
  lastYield: number;
  ticks: number;
  /** Stored routines fetched during this run (see routines.ts). */
  routineCache: Map<string, CachedRoutine>;
  /** PRINT lines and characters so far, against the output limits (limits.ts). */
  printedLines: number;
  printedChars: number;
  /** Stack entries of generated invocations, reused by depth (jit/codegen.ts). */
  entryPool: StackEntry[];
  /** Hand-off of a suspension from generated code to its caller (jit/suspend.ts); null otherwise. */
  susp: Suspension | null;
  /** The suspension whose saved invocations are being re-entered (jit/suspend.ts). */
  resuming: Suspension | null;
}

/** PRINT (§7.3) within the run's output limits: past them the PRINT fails with OUTPUT_LIMIT_EXCEEDED. */
export function emit(run: Run, text: string, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', site: number): void {
  const limits = runtimeLimits();
  if (run.printedLines >= limits.maxOutputLines) throw fail.outputLimit(`${limits.maxOutputLines} lines`, site);
  if (run.printedChars + text.length > limits.maxOutputChars) throw fail.outputLimit(`${limits.maxOutputChars} characters`, site);
  run.printedLines++;
  run.printedChars += text.length;
  run.print(text, level);
}

/** One invocation's variables. Slots hold values, local functions and cursors. Also its stack entry (§9.6). */
export class Frame implements StackEntry {
  /** Slot contents; `undefined` means "not declared yet". */
  s: unknown[];
  /** Declared types chosen at run time (VAR, §4.3), by slot; allocated on first use. */
  private types: (TypeSpec | undefined)[] | undefined = undefined;
  /** Where this invocation is calling from now (errors' stack, §8.6). */
  callSite = -1;
  /** The value a RETURN carried. */
  rv: Value = null;
  /** The value of the last value-producing statement (§3.3). */
  sv: Value = null;
  constructor(size: number, readonly up: Frame | null, readonly run: Run, readonly unit: CodeUnit) {
    this.s = new Array(size);
  }
  /** Declared types chosen at run time (VAR, §4.3), by slot. */
  get t(): (TypeSpec | undefined)[] {
    return (this.types ??= []);
  }
}

/** Throws the abort reason when the run was cancelled or timed out (§13.10). */
export function checkpoint(run: Run): void {
  const sig = run.signal;
  if (sig !== undefined && sig.aborted) throw sig.reason;
}

/** True when the run has worked ~8 ms since it last yielded: loops test this cheaply before awaiting maybeYield. */
export function yieldDue(run: Run): boolean {
  return performance.now() - run.lastYield >= 8;
}

/** Yields to the event loop when ~8 ms of continuous work has passed (§13.10), then re-checks cancellation. */
export async function maybeYield(run: Run): Promise<void> {
  const now = performance.now();
  if (now - run.lastYield < 8) return;
  await new Promise<void>((r) => setImmediate(r));
  run.lastYield = performance.now();
  checkpoint(run);
}

/** True when an error may be caught by CATCH: a user-level error and not the run's own abort. */
export function catchable(run: Run, e: unknown): e is EscriptError {
  if (!(e instanceof EscriptError)) return false;
  const sig = run.signal;
  return !(sig !== undefined && sig.aborted && sig.reason === e);
}

/** Locates an error raised in `unit` (first boundary that sees it wins). */
export function locate(e: unknown, f: Frame): void {
  if (e instanceof EscriptError && !e.located) e.locate(f.unit, f.run.stack);
}

/** A compiled expression: `ev` returns a Value, or a Promise when `isAsync`. */
export interface CExpr {
  ev: (f: Frame) => unknown;
  isAsync: boolean;
  /** True when the result shares no mutable part with any variable, so storing it needs no copy (§4.5). */
  fresh: boolean;
}

/** A compiled statement. */
export interface CStmt {
  run: (f: Frame) => Completion | Promise<Completion>;
  isAsync: boolean;
  /** The statement kind produces a value (§3.3) and writes it to `frame.sv`. */
  hasValue: boolean;
}

/** Makes a compiled statement. */
export const stmt = (run: (f: Frame) => Completion | Promise<Completion>, isAsync: boolean, hasValue = false): CStmt => ({ run, isAsync, hasValue });

/** Makes a synchronous expression. */
export function syncExpr(ev: (f: Frame) => Value, fresh = true): CExpr {
  return { ev, isAsync: false, fresh };
}
/**
 * Makes a "maybe-async" expression: statically asynchronous, but it returns a plain value when
 * nothing on its path actually awaited (cached stored-routine calls), so recursion does not pay
 * for a promise per node. Every consumer of an asynchronous closure accepts both.
 */
export function mpExpr(ev: (f: Frame) => Value | Promise<Value>, fresh = true): CExpr {
  return { ev, isAsync: true, fresh };
}
/** Makes an asynchronous expression. */
export function asyncExpr(ev: (f: Frame) => Promise<Value>, fresh = true): CExpr {
  return { ev, isAsync: true, fresh };
}

/** Settles like `p`, or rejects with the abort reason as soon as the run is stopped (WAIT, §13.10). */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
