/**
 * Entry points of the runtime: a whole script (LANGUAGE.md §1, §3.3, §3.5) and a stored routine
 * run for an execution (§13).
 */
import { lineColumn } from '../language';
import { engineSizeError, isEngineSizeError } from './limits';
import { parseEscript } from './parse';
import { EscriptError, fail, type CodeUnit, type ErrorDocument } from './errors';
import type { CallerContext, RuntimeHost } from './host';
import { Compiler } from './compile/compiler';
import { Frame, locate, NORMAL, RETURN, type Completion, type Run } from './compile/context';
import { bindArguments } from './compile/calls';
import { cachedRoutine, fetchRoutine, type CachedRoutine } from './compile/routines';
import { Scope } from './compile/scope';
import { drive, SUSPEND, takeSuspension, type JitFn } from './compile/jit';
import { preDeclareFunctions } from './compile/statements';
import type { Value } from './values';

/** Options of a run. */
export interface RunOptions {
  host: RuntimeHost;
  caller: CallerContext;
  /** Aborted by lib/executions on CANCEL/TIMEOUT: the run stops at its next cancellation point (§13.10) by throwing `signal.reason` unchanged; CATCH and FINALLY never intercept it. */
  signal?: AbortSignal;
  onPrint(text: string, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): void;
  /** Top-level statement values (§3.3, §18.1): 1-based index among top-level statements (§18.2), line of its first token. */
  onResult?(statement: number, line: number, value: Value): void;
  /**
   * What the run remembers of stored definitions (decision 13), when several runs may share it: the
   * scheduler passes one for all its executions, so each execution does not read its callee again
   * within the same 100 ms. Entries keep the same freshness rules; a new map per run when absent.
   */
  routineCache?: Map<string, CachedRoutine>;
}

/** What a script run produced. */
export type ScriptOutcome =
  | { kind: 'syntax'; errors: ErrorDocument[] }
  | { kind: 'ran'; result: Value; error: ErrorDocument | null; errorStatement: number | null };

function newRun(opts: RunOptions): Run {
  return {
    host: opts.host, caller: opts.caller, signal: opts.signal, print: (t, l) => opts.onPrint(t, l),
    stack: [], lastYield: performance.now(), ticks: 0, routineCache: opts.routineCache ?? new Map(), printedLines: 0, printedChars: 0,
    entryPool: [], susp: null, resuming: null,
  };
}

function isAbort(opts: RunOptions, e: unknown): boolean {
  return !!opts.signal?.aborted && e === opts.signal.reason;
}

// Parsed scripts by source text: running the same script again (the IDE's Run, a benchmark) skips
// the parse, which costs more than running a short script. ASTs are never mutated after lowering.
const parsedScripts = new Map<string, ReturnType<typeof parseEscript>>();
const PARSED_SCRIPTS_KEPT = 32;

function parseCached(source: string): ReturnType<typeof parseEscript> {
  const hit = parsedScripts.get(source);
  if (hit) {
    parsedScripts.delete(source);
    parsedScripts.set(source, hit);
    return hit;
  }
  const parsed = parseEscript(source);
  if (parsedScripts.size >= PARSED_SCRIPTS_KEPT) parsedScripts.delete(parsedScripts.keys().next().value!);
  parsedScripts.set(source, parsed);
  return parsed;
}

/** Parses, checks and runs a whole script in a fresh script scope (§1). Never throws for user errors. */
export async function runScript(source: string, opts: RunOptions): Promise<ScriptOutcome> {
  const { script, diagnostics } = parseCached(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    return {
      kind: 'syntax',
      errors: errors.map((d) => {
        const { line, column } = lineColumn(source, d.span.from);
        return { type: 'syntax_error', code: 'SYNTAX_ERROR', message: d.message, line, column, procedure: null, stack: [`<script>:${line}:${column}`] };
      }),
    };
  }
  const unit: CodeUnit = { routine: null, frameName: '<script>', source };
  const c = new Compiler(unit);
  const fn = c.newFn(null, null, null);
  const scope = new Scope(null, fn);
  preDeclareFunctions(script.statements, scope);
  const compiled = script.statements.map((s, i) => ({
    index: i + 1, node: s, stmt: s.kind === 'EmptyStatement' ? null : c.stmt(s, scope),
  }));
  const run = newRun(opts);
  run.stack.push({ unit, callSite: -1 });
  const frame = new Frame(fn.nslots, null, run, unit);
  let result: Value = null;
  for (const { index, node, stmt } of compiled) {
    if (!stmt) { result = null; continue; }
    try {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const r: Completion = stmt.isAsync ? await stmt.run(frame) : (stmt.run(frame) as Completion);
      const line = () => lineColumn(source, node.span.from).line;
      if (r === RETURN) {
        opts.onResult?.(index, line(), frame.rv);
        return { kind: 'ran', result: frame.rv, error: null, errorStatement: null };
      }
      if (stmt.hasValue) {
        result = frame.sv;
        opts.onResult?.(index, line(), frame.sv);
      } else result = null;
      if (r !== NORMAL) result = null;
    } catch (thrown) {
      // The engine's own size errors (a value past every explicit check) are reported like VALUE_TOO_LARGE.
      const e = isEngineSizeError(thrown) ? engineSizeError(node.span.from) : thrown;
      if (isAbort(opts, e) || !(e instanceof EscriptError)) throw e;
      locate(e, frame);
      return { kind: 'ran', result: null, error: e.toDocument(), errorStatement: index };
    }
  }
  return { kind: 'ran', result, error: null, errorStatement: null };
}

/**
 * Runs a stored procedure/function by name for an execution (§13): resolved now from the store, or
 * from `opts.routineCache` when that holds a read of the last 100 ms (built-ins and local functions
 * are not accepted), arguments bound with the §9.5/§4.4 checks, run at depth 0 on a new call stack. Throws EscriptError on failure, or `signal.reason` when aborted.
 */
export async function invokeStoredRoutine(name: string, args: Value[], opts: RunOptions): Promise<Value> {
  const run = newRun(opts);
  // A shared `routineCache` may already hold a fresh read (decision 13); otherwise read it now.
  const cached = cachedRoutine(run, name);
  const routine = cached !== undefined ? cached
    : await fetchRoutine(run, name, -1).catch((e: unknown) => { throw placeAtStart(e, name); });
  if (!routine) throw placeAtStart(fail.unknownRoutine(name, -1), name);
  let bound: Value[];
  try {
    bound = bindArguments(routine, args, -1, []);
  } catch (e) {
    throw placeAtStart(e, name);
  }
  if (routine.jit !== undefined) return runGenerated(routine.jit, name, bound, run, opts);
  run.stack.push({ unit: routine.unit, callSite: -1 });
  const frame = new Frame(routine.nslots, null, run, routine.unit);
  for (let i = 0; i < bound.length; i++) frame.s[i] = bound[i];
  let c: Completion;
  try {
    if (opts.signal?.aborted) throw opts.signal.reason;
    c = routine.body.isAsync ? await routine.body.run(frame) : (routine.body.run(frame) as Completion);
  } catch (e) {
    if (!isAbort(opts, e)) locate(e, frame);
    throw e;
  }
  if (c === RETURN) return frame.rv;
  const result = routine.lastHasValue ? frame.sv : null;
  if (routine.returns) {
    const v = routine.returns.coerce(result);
    if (typeof v === 'symbol') throw placeAtStart(fail.returnType(name, routine.returns.text, result, -1), name);
    return v;
  }
  return result;
}

/** invokeStoredRoutine for a routine the JIT compiled: the generated code places its own errors, as the body's closures do. */
async function runGenerated(jit: JitFn, name: string, args: Value[], run: Run, opts: RunOptions): Promise<Value> {
  try {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const v = jit(run, null, -1, ...args);
    return v === SUSPEND ? await drive(run, takeSuspension(run)) : v;
  } catch (e) {
    throw isAbort(opts, e) ? e : placeAtStart(e, name);
  }
}

function placeAtStart(e: unknown, name: string): unknown {
  if (e instanceof EscriptError && !e.located) e.at(1, 1, name, [`${name}:1:1`]);
  return e;
}
