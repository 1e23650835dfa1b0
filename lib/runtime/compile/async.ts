/**
 * Async statements and execution operations (LANGUAGE.md §13.2, §13.4, §13.6, §13.8): the
 * runtime does the synchronous steps (resolve, bind, check handlers, evaluate pipe values) and
 * hands a validated spec to the host.
 */
import type { AsyncCallStatement, CallExpr, ExecutionExpr, Handler, ParallelStatement, Pipe } from '../../language/ast';
import { findBuiltin } from '../builtins';
import { EscriptError, fail } from '../errors';
import { HostError, type HandlerSpec } from '../host';
import { renderValue } from '../render';
import { copyValue, typeName, type Value } from '../values';
import { bindArguments } from './calls';
import type { Compiler } from './compiler';
import { asyncExpr, checkpoint, NORMAL, raceAbort, type CExpr, type CStmt, type Frame } from './context';
import { A, owned } from './expressions';
import { cachedRoutine, fetchRoutine, type Routine } from './routines';
import type { Scope } from './scope';

/** Resolves an async callee or handler: stored only (§13.1, §18.25). */
function resolver(name: string, site: number, scope: Scope): (f: Frame) => Promise<Routine> {
  const local = scope.lookup(name);
  const isBuiltin = !!findBuiltin(name) || name.toUpperCase() === 'EXECUTION';
  return async (f) => {
    if (isBuiltin) throw fail.notStored(name, site);
    if (local && local.kind === 'function') throw fail.notStored(name, site);
    let r = cachedRoutine(f.run, name);
    if (r === undefined) r = await fetchRoutine(f.run, name, site);
    if (r === null) throw fail.unknownRoutine(name, site);
    return r;
  };
}

interface CompiledCall {
  name: string;
  resolve: (f: Frame) => Promise<Routine>;
  args: CExpr[];
  site: number;
  argSites: number[];
}
function compileCallee(c: Compiler, call: CallExpr, scope: Scope): CompiledCall {
  const name = call.callee.name, site = call.callee.span.from;
  return { name, resolve: resolver(name, site, scope), args: call.args.map((a) => c.expr(a, scope)), site, argSites: call.args.map((a) => a.span.from) };
}
/** §13.2 step 1, in its order: resolve the callee, evaluate the arguments, bind them. */
async function resolveAndBind(cc: CompiledCall, f: Frame): Promise<Value[]> {
  const r = await cc.resolve(f);
  const vals: Value[] = [];
  for (const a of cc.args) vals.push(owned(a, await A(a)(f)));
  return bindArguments(r, vals, cc.site, cc.argSites);
}

type CompiledPipe =
  | { kind: 'handler'; phase: string; name: string; site: number; resolve: (f: Frame) => Promise<Routine>; args: ({ binding: string } | { e: CExpr })[] }
  | { kind: 'track'; e: CExpr; site: number }
  | { kind: 'timeout'; e: CExpr; site: number };

function compilePipes(c: Compiler, pipes: Pipe[], scope: Scope): CompiledPipe[] {
  return pipes.map((p): CompiledPipe => {
    if (p.kind === 'TrackPipe') return { kind: 'track', e: c.expr(p.name, scope), site: p.name.span.from };
    if (p.kind === 'TimeoutPipe') return { kind: 'timeout', e: c.expr(p.seconds, scope), site: p.seconds.span.from };
    const h: Handler = p.handler;
    return {
      kind: 'handler', phase: p.phase, name: h.name.name, site: h.name.span.from, resolve: resolver(h.name.name, h.name.span.from, scope),
      args: h.args.map((a) => (a.kind === 'Binding' ? { binding: a.binding } : { e: c.expr(a.value, scope) })),
    };
  });
}

interface PipeResult {
  phases: Record<string, HandlerSpec[]>;
  trackName: string | null;
  timeoutSeconds: number | null;
}

/** §13.2 step 2: handlers resolved and arity-checked, values evaluated, TRACK AS / TIMEOUT validated. */
async function evaluatePipes(pipes: CompiledPipe[], f: Frame): Promise<PipeResult> {
  const out: PipeResult = { phases: {}, trackName: null, timeoutSeconds: null };
  for (const p of pipes) {
    if (p.kind === 'handler') {
      const r = await p.resolve(f);
      if (r.params.length !== p.args.length) throw fail.arity(p.name, r.params.length, p.args.length, p.site);
      const args: HandlerSpec['args'] = [];
      for (const a of p.args) {
        if ('binding' in a) args.push({ binding: a.binding as 'result' });
        else args.push({ value: copyValue(await A(a.e)(f)) });
      }
      (out.phases[p.phase] ??= []).push({ handler: p.name, args });
    } else if (p.kind === 'track') {
      const v = await A(p.e)(f);
      if (typeof v !== 'string' || v.length === 0 || Array.from(v).length > 256) {
        throw fail.invalidArgument(`TRACK AS needs a non-empty STRING of at most 256 characters, got ${typeof v === 'string' ? `'${v.slice(0, 40)}'` : typeName(v)}`, p.site);
      }
      out.trackName = v;
    } else {
      const v = await A(p.e)(f);
      if (typeof v !== 'number' || !(v > 0)) throw fail.invalidArgument(`TIMEOUT needs a NUMBER greater than 0, got ${typeof v === 'number' ? String(v) : typeName(v)}`, p.site);
      out.timeoutSeconds = v;
    }
  }
  return out;
}

/** A host failure as a runtime error at the statement's site (§8.6, §18.11); HostError keeps type, code and message. */
function hostSite(e: unknown, site: number): unknown {
  if (e instanceof HostError) return new EscriptError(e.type, e.code, e.message, site);
  if (e instanceof EscriptError && e.site < 0) e.site = site;
  return e;
}

/** `p(args) | pipe …;` (§13.2). */
export function compileAsyncCall(c: Compiler, node: AsyncCallStatement, scope: Scope): CStmt {
  const callee = compileCallee(c, node.call, scope);
  const pipes = compilePipes(c, node.pipes, scope);
  return {
    run: async (f) => {
      checkpoint(f.run);
      const args = await resolveAndBind(callee, f);
      const p = await evaluatePipes(pipes, f);
      try {
        f.sv = await f.run.host.async.startCall({
          procedure: callee.name, arguments: args,
          onDone: p.phases.ON_DONE ?? [], onFail: p.phases.ON_FAIL ?? [], finally: p.phases.FINALLY ?? [],
          trackName: p.trackName, timeoutSeconds: p.timeoutSeconds,
        }, f.run.caller);
      } catch (e) {
        throw hostSite(e, callee.site);
      }
      return NORMAL;
    },
    isAsync: true, hasValue: true,
  };
}

/** `PARALLEL [p1(…), …] | ppipe …;` (§13.6). */
export function compileParallel(c: Compiler, node: ParallelStatement, scope: Scope): CStmt {
  const branches = node.branches.map((b) => compileCallee(c, b, scope));
  const pipes = compilePipes(c, node.pipes, scope);
  return {
    run: async (f) => {
      checkpoint(f.run);
      const bs: { procedure: string; arguments: Value[] }[] = [];
      for (const b of branches) bs.push({ procedure: b.name, arguments: await resolveAndBind(b, f) });
      const p = await evaluatePipes(pipes, f);
      try {
        f.sv = await f.run.host.async.startParallel({
          branches: bs, onAllDone: p.phases.ON_ALL_DONE ?? [], onAnyFail: p.phases.ON_ANY_FAIL ?? [], finally: p.phases.FINALLY ?? [],
          trackName: p.trackName, timeoutSeconds: p.timeoutSeconds,
        }, f.run.caller);
      } catch (e) {
        throw hostSite(e, node.keywordSpan.from);
      }
      return NORMAL;
    },
    isAsync: true, hasValue: true,
  };
}

/** `EXECUTION(e) | op` (§13.8, §18.30). */
export function compileExecutionExpr(c: Compiler, node: ExecutionExpr, scope: Scope): CExpr {
  const target = c.expr(node.target, scope), site = node.keywordSpan.from;
  const wait = node.waitTimeout ? c.expr(node.waitTimeout, scope) : null;
  return asyncExpr(async (f) => {
    checkpoint(f.run);
    const t = await A(target)(f);
    if (typeof t !== 'string') throw fail.builtinArgType('EXECUTION', 1, 'STRING', t, site);
    let seconds: number | undefined;
    if (wait) {
      const w = await A(wait)(f);
      if (typeof w !== 'number' || !(w > 0)) {
        throw fail.invalidArgument(`WAIT TIMEOUT needs a NUMBER greater than 0, got ${typeof w === 'number' ? renderValue(w) : typeName(w)}`, site);
      }
      seconds = w;
    }
    try {
      return await raceAbort(f.run.host.async.operate(node.op, t, f.run.caller, seconds), f.run.signal);
    } catch (e) {
      checkpoint(f.run);
      throw hostSite(e, site);
    }
  });
}
