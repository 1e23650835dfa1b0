/**
 * Calls (LANGUAGE.md §6.10, §9.5, §9.6): built-ins through the catalogue's dispatcher, local
 * functions through the scope chain, stored routines looked up at call time.
 */
import type { CallExpr, Expr, LambdaExpr } from '../../language/ast';
import { findBuiltin, type Builtin, type BuiltinCtx, type Lambda } from '../builtins';
import { EscriptError, fail } from '../errors';
import { checkSize, engineSizeError, isEngineSizeError } from '../limits';
import { MISMATCH, type TypeSpec } from '../types';
import { copyValue, DateValue, type Value } from '../values';
import type { Compiler } from './compiler';
import { asyncExpr, checkpoint, Frame, locate, maybeYield, mpExpr, RETURN, syncExpr, type CExpr, type CStmt, type Run } from './context';
import { runEsql } from './esql';
import { A, owned } from './expressions';
import { cachedRoutine, fetchRoutine, siteRoutineCache } from './routines';
import { drive, slowCall, SUSPEND, takeSuspension, type JitFn } from './jit';
import { frameGetter, Scope, type VarInfo } from './scope';

/** Something callable with bound parameters: a stored routine or a local function. */
export interface Invocable {
  name: string;
  params: { name: string; type: TypeSpec }[];
  returns: TypeSpec | null;
  body: CStmt;
  nslots: number;
  unit: Frame['unit'];
  /** The body's last top-level statement produces a value (§3.3). */
  lastHasValue: boolean;
  /** The body compiled to JavaScript (jit/), for stored routines it covers. */
  jit?: JitFn;
}

/** A local function as stored in its slot: the compiled function plus the frame it was declared in. */
export interface LocalFunctionValue {
  fn: Invocable;
  frame: Frame;
}

const MAX_DEPTH = 256;

/** Checks arity and binds arguments with §4.4 conversions; errors at the call / argument sites. */
export function bindArguments(r: Invocable, args: Value[], site: number, argSites: number[]): Value[] {
  const out: Value[] = new Array(args.length);
  bindInto(r, args, out, site, argSites);
  return out;
}

/** bindArguments writing straight into `slots` (a new frame's), so a call allocates no extra array. */
function bindInto(r: Invocable, args: Value[], slots: unknown[], site: number, argSites: number[]): void {
  const params = r.params;
  if (args.length !== params.length) throw fail.arity(r.name, params.length, args.length, site);
  for (let i = 0; i < args.length; i++) {
    const p = params[i];
    const v = p.type.coerce(args[i]);
    if (v === MISMATCH) throw fail.parameterType(p.name, r.name, p.type.text, args[i], argSites[i] ?? site);
    slots[i] = v;
  }
}

/** Evaluates the arguments of a call into `slots` (owned, §4.5), then binds them with the §4.4 checks. */
function evaluateAndBind(r: Invocable, evs: ((f: Frame) => Value)[], fresh: boolean[], argSites: number[], f: Frame, slots: unknown[]): void {
  const n = evs.length;
  for (let i = 0; i < n; i++) { const v = evs[i](f); slots[i] = fresh[i] ? v : copyValue(v); }
  for (let i = 0; i < n; i++) {
    const p = r.params[i], v = slots[i] as Value, x = p.type.coerce(v);
    if (x === MISMATCH) throw fail.parameterType(p.name, r.name, p.type.text, v, argSites[i]);
    slots[i] = x;
  }
}

/** Binds `args` into a new frame of `r` and runs it (§9.5, §9.6); synchronous when the body did not await. */
function call(r: Invocable, args: Value[], run: Run, up: Frame | null, site: number, argSites: number[]): Value | Promise<Value> {
  if (r.jit !== undefined) return enterJit(r.jit, run, site, bindArguments(r, args, site, argSites));
  const frame = new Frame(r.nslots, up, run, r.unit);
  bindInto(r, args, frame.s, site, argSites);
  return enter(r, frame, site);
}

/** Depth check (§9.6), cancellation point and the yield rule (§13.10), then the body. */
function enter(r: Invocable, frame: Frame, site: number): Value | Promise<Value> {
  const run = frame.run;
  if (run.stack.length > MAX_DEPTH) throw fail.callDepth(r.name, site);
  checkpoint(run);
  if ((++run.ticks & 1023) === 0 && performance.now() - run.lastYield >= 8) {
    return maybeYield(run).then(() => runFrame(r, frame, site));
  }
  return runFrame(r, frame, site);
}

/** Runs a generated routine on bound arguments; its own prologue makes the checks of `enter`. */
function enterJit(jit: JitFn, run: Run, site: number, args: Value[]): Value | Promise<Value> {
  const stack = run.stack;
  stack[stack.length - 1].callSite = site;
  const v = jit(run, null, site, ...args);
  return v === SUSPEND ? drive(run, takeSuspension(run)) : v;
}

// Calls from generated code that its fast path does not cover: a routine not read yet in this run
// (or stale), an unknown one, a wrong arity, or a callee on the closure path.
slowCall.call = (run, name, site, argSites, vals, cached) => {
  if (cached === null) throw fail.unknownRoutine(name, site);
  if (cached !== undefined) return call(cached, vals, run, null, site, argSites);
  return fetchRoutine(run, name, site).then((r) => {
    if (r === null) throw fail.unknownRoutine(name, site);
    return call(r, vals, run, null, site, argSites);
  });
};

function runFrame(r: Invocable, frame: Frame, site: number): Value | Promise<Value> {
  const stack = frame.run.stack;
  stack[stack.length - 1].callSite = site;
  // The frame is its own stack entry (unit + callSite): no allocation per call for the stack.
  stack.push(frame);
  let c;
  try {
    c = r.body.run(frame);
  } catch (e) {
    locate(e, frame);
    stack.pop();
    throw e;
  }
  if (c instanceof Promise) {
    return c.then(
      (cc) => { stack.pop(); return finishInvoke(r, frame, cc, site); },
      (e: unknown) => { locate(e, frame); stack.pop(); throw e; },
    );
  }
  stack.pop();
  return finishInvoke(r, frame, c, site);
}

function finishInvoke(r: Invocable, frame: Frame, c: number, site: number): Value {
  if (c === RETURN) return frame.rv;
  // An implicit result may be a variable of an enclosing scope (local functions): copy it (§4.5).
  const result = r.lastHasValue ? copyValue(frame.sv) : null;
  if (r.returns) {
    // An implicit result is checked at the call site (§18.11).
    const v = r.returns.coerce(result);
    if (v === MISMATCH) throw fail.returnType(r.name, r.returns.text, result, site);
    return v;
  }
  return result;
}

/** Compiles `name(args)`: built-in, else local function, else stored routine (§6.10). */
export function compileCall(c: Compiler, node: CallExpr, scope: Scope): CExpr {
  const name = node.callee.name, site = node.callee.span.from;
  const b = findBuiltin(name);
  if (b) return compileBuiltinCall(c, b, node, scope);
  const args = node.args.map((a) => c.expr(a, scope));
  const argSites = node.args.map((a) => a.span.from);
  const local = scope.lookup(name);
  const localInfo = local && local.kind === 'function' ? local : null;
  const getLocal = localInfo ? frameGetter(scope.fn, localInfo) : null;
  const callWith = async (f: Frame, vals: Value[]): Promise<Value> => {
    const run = f.run;
    if (localInfo) {
      const lf = getLocal!(f).s[localInfo.slot] as LocalFunctionValue | undefined;
      if (lf !== undefined) return call(lf.fn, vals, run, lf.frame, site, argSites);
    }
    let r = cachedRoutine(run, name);
    if (r === undefined) r = await fetchRoutine(run, name, site);
    if (r === null) throw fail.unknownRoutine(name, site);
    return call(r, vals, run, null, site, argSites);
  };
  if (args.every((a) => !a.isAsync)) {
    // Arguments are synchronous: evaluate them without an extra async frame and hand back
    // the callee's promise directly (recursion-heavy code pays one promise per call, not three).
    const evs = args.map((a) => a.ev as (f: Frame) => Value), fresh = args.map((a) => a.fresh);
    const n = evs.length, cached = siteRoutineCache(name);
    return mpExpr((f) => {
      if (!localInfo) {
        const r = cached(f.run);
        if (r && r.params.length === n) {
          // Cached stored routine of the right arity: arguments go straight into the new frame (or
          // the generated routine's argument list), all of them evaluated before any is bound (§6.10),
          // as on the general path.
          const jit = r.jit;
          if (jit !== undefined) {
            const vals: Value[] = new Array(n);
            evaluateAndBind(r, evs, fresh, argSites, f, vals);
            return enterJit(jit, f.run, site, vals);
          }
          const frame = new Frame(r.nslots, null, f.run, r.unit);
          evaluateAndBind(r, evs, fresh, argSites, f, frame.s);
          return enter(r, frame, site);
        }
      }
      const vals: Value[] = new Array(n);
      for (let i = 0; i < n; i++) { const v = evs[i](f); vals[i] = fresh[i] ? v : copyValue(v); }
      return callWith(f, vals);
    }, false);
  }
  return asyncExpr(async (f) => {
    const run = f.run;
    checkpoint(run);
    const vals: Value[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      vals[i] = owned(a, a.isAsync ? await (a.ev(f) as Promise<Value>) : (a.ev(f) as Value));
    }
    return callWith(f, vals);
  }, false);
}

// ---------------------------------------------------------------------------------------------
// Built-ins

function typeLabel(t: string): string {
  return t.split('|').join(' or ');
}

function typeCheck(t: string): (v: Value) => boolean {
  const alts = t.split('|').filter((x) => x !== 'LAMBDA');
  const checks = alts.map((a): ((v: Value) => boolean) => {
    switch (a) {
      case 'STRING': return (v) => typeof v === 'string';
      case 'NUMBER': return (v) => typeof v === 'number';
      case 'INT': return (v) => typeof v === 'number' && Number.isInteger(v);
      case 'BOOLEAN': return (v) => typeof v === 'boolean';
      case 'DATE': return (v) => v instanceof DateValue;
      case 'DOCUMENT': return (v) => v instanceof Map;
      case 'ARRAY': return (v) => Array.isArray(v);
      default: return () => true;
    }
  });
  return checks.length === 1 ? checks[0] : (v) => checks.some((ch) => ch(v));
}

/** Compiles a lambda argument into a factory of `Lambda`s bound to the current frame. */
function compileLambda(c: Compiler, node: LambdaExpr, scope: Scope): (f: Frame) => Lambda {
  // Lambda parameters live in the enclosing invocation's frame: lambdas run synchronously
  // inside the built-in call and cannot escape it (§4.1), so their slots are never shared.
  const inner = new Scope(scope, scope.fn);
  const slots = node.params.map((p) => inner.declare(p.name, 'var', null).slot);
  const body = c.expr(node.body, inner);
  const arity = node.params.length;
  return (f) => ({
    lambda: true,
    arity,
    call: (args: Value[]) => {
      for (let i = 0; i < slots.length; i++) f.s[slots[i]] = args[i] ?? null;
      return body.ev(f) as Value | Promise<Value>;
    },
  });
}

function arityText(b: Builtin): { min: number; max: number; text: string } {
  const min = b.params.filter((p) => !p.optional && !p.rest).length;
  const rest = b.params.some((p) => p.rest);
  const max = rest ? Infinity : b.params.length;
  return { min, max, text: rest ? `${min} or more` : min === max ? String(min) : `${min} to ${max}` };
}

/** The context a built-in implementation receives. */
function builtinCtx(b: Builtin, run: Run, lookupVariable: (name: string) => Value | undefined, site: number): BuiltinCtx {
  return {
    fn: b.name,
    client: run.host.client,
    signal: run.signal,
    lookupVariable,
    esql: (q, params, fromFunction) => runEsql(run, q, params, lookupVariable, site, fromFunction),
    envAllowed: () => false,
  };
}

/** All variables visible from `scope`, for ESQL_QUERY parameters (§10.2 step 4). */
export function scopeLookup(scope: Scope): (f: Frame, name: string) => Value | undefined {
  const cache = new Map<string, ((f: Frame) => Frame) | null>();
  return (f, name) => {
    const info: VarInfo | undefined = scope.lookup(name);
    if (!info || info.kind === 'function' || info.kind === 'cursor') return undefined;
    let g = cache.get(name);
    if (g === undefined) { g = frameGetter(scope.fn, info); cache.set(name, g); }
    const v = g!(f).s[info.slot];
    return v === undefined ? undefined : (v as Value);
  };
}

/** How one argument position of a built-in call is checked (§12: the NULL rule and declared types). */
interface ValueArgCheck { check: (v: Value) => boolean; any: boolean; optional: boolean; type: string; idx: number }

function valueArgCheck(b: Builtin, i: number): ValueArgCheck {
  const p = b.params[Math.min(i, b.params.length - 1)];
  return { check: p.type === 'LAMBDA' ? () => false : typeCheck(p.type), any: p.type === 'ANY', optional: p.optional || p.rest, type: p.type, idx: i + 1 };
}

/**
 * Applies the NULL rule and the type checks to evaluated arguments (lambda positions are `null` in
 * `checks` and pass through); returns null when the call yields NULL.
 */
function prepareArgs(b: Builtin, checks: (ValueArgCheck | null)[], vals: (Value | Lambda)[], site: number): (Value | Lambda | undefined)[] | null {
  const out: (Value | Lambda | undefined)[] = new Array(vals.length);
  for (let i = 0; i < vals.length; i++) {
    const a = checks[i], v = vals[i];
    if (a === null) { out[i] = v; continue; }
    const x = v as Value;
    if (x === null && !a.any) {
      if (a.optional) { out[i] = undefined; continue; }
      if (b.nullRaises) throw fail.dataNullArgument(b.name, a.idx, site);
      return null;
    }
    if (!a.check(x)) throw fail.builtinArgType(b.name, a.idx, typeLabel(a.type), x, site);
    out[i] = x;
  }
  // Trailing omitted optionals are dropped so implementation defaults apply.
  let len = out.length;
  while (len > 0 && out[len - 1] === undefined) len--;
  out.length = len;
  return out;
}

function fixBuiltinError(e: unknown, site: number): unknown {
  if (isEngineSizeError(e)) return engineSizeError(site);
  if (e instanceof EscriptError && e.site < 0) e.site = site;
  return e;
}

/** Calls a built-in's implementation on prepared arguments: size limits, error sites, and for store functions the stop check (§13.10). */
function applyBuiltin(b: Builtin, ctx: BuiltinCtx, run: Run, ready: (Value | Lambda | undefined)[], site: number): Value | Promise<Value> {
  if (!b.async) {
    try {
      return checkSize(b.impl(ctx, ...ready) as Value, site);
    } catch (e) {
      throw fixBuiltinError(e, site);
    }
  }
  checkpoint(run);
  let out: Value | Promise<Value>;
  try {
    out = b.impl(ctx, ...ready);
  } catch (e) {
    checkpoint(run);
    throw fixBuiltinError(e, site);
  }
  if (!(out instanceof Promise)) return checkSize(out, site);
  // A request aborted by CANCEL/TIMEOUT fails with the client's own error: report the stop instead (§13.10).
  return out.then((v) => checkSize(v, site), (e: unknown) => { checkpoint(run); throw fixBuiltinError(e, site); });
}

const noVariables = (): undefined => undefined;

/**
 * A built-in called with `n` plain value arguments (no lambdas, no variable lookup), for the JIT
 * (jit/): the same checks as a compiled call. Null when this call cannot be made that way (wrong
 * arity, ESQL_QUERY); the result is a Promise only for asynchronous built-ins.
 */
export function builtinInvoker(b: Builtin, n: number, site: number): ((run: Run, vals: Value[]) => Value | Promise<Value>) | null {
  const { min, max } = arityText(b);
  if (n < min || n > max || b.name === 'ESQL_QUERY') return null;
  const checks = Array.from({ length: n }, (_, i) => valueArgCheck(b, i));
  return (run, vals) => {
    const ready = prepareArgs(b, checks, vals, site);
    if (ready === null) return null;
    return applyBuiltin(b, builtinCtx(b, run, noVariables, site), run, ready, site);
  };
}

function compileBuiltinCall(c: Compiler, b: Builtin, node: CallExpr, scope: Scope): CExpr {
  const site = node.callee.span.from, n = node.args.length;
  const { min, max, text } = arityText(b);
  if (n < min || n > max) return syncExpr(() => { throw fail.arity(b.name, text, n, site); });
  type Arg = { kind: 'value'; e: CExpr } | { kind: 'lambda'; make: (f: Frame) => Lambda };
  const args: Arg[] = [];
  const checks: (ValueArgCheck | null)[] = [];
  for (let i = 0; i < n; i++) {
    const p = b.params[Math.min(i, b.params.length - 1)], a: Expr = node.args[i];
    const acceptsLambda = p.type.split('|').includes('LAMBDA');
    if (a.kind === 'LambdaExpr') {
      const got = a.params.length;
      if (!acceptsLambda) return syncExpr(() => { throw fail.builtinArgType(b.name, i + 1, typeLabel(p.type), 'LAMBDA', site); });
      if (b.lambdaArity && !b.lambdaArity.includes(got)) {
        return syncExpr(() => { throw fail.lambdaArity(b.name, b.lambdaArity!.join(' or '), got, site); });
      }
      args.push({ kind: 'lambda', make: compileLambda(c, a, scope) });
      checks.push(null);
      continue;
    }
    args.push({ kind: 'value', e: c.expr(a, scope) });
    checks.push(valueArgCheck(b, i));
  }
  const lookup = b.name === 'ESQL_QUERY' ? scopeLookup(scope) : null;
  const ctxOf = (f: Frame) => builtinCtx(b, f.run, lookup ? (name) => lookup(f, name) : noVariables, site);
  const allSync = !b.async && args.every((a) => a.kind === 'lambda' || !a.e.isAsync);
  if (allSync) {
    return syncExpr((f) => {
      const vals: (Value | Lambda)[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        vals[i] = a.kind === 'lambda' ? a.make(f) : (a.e.ev(f) as Value);
      }
      const ready = prepareArgs(b, checks, vals, site);
      if (ready === null) return null;
      return applyBuiltin(b, ctxOf(f), f.run, ready, site) as Value;
    }, false);
  }
  return asyncExpr(async (f) => {
    const vals: (Value | Lambda)[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      vals[i] = a.kind === 'lambda' ? a.make(f) : await A(a.e)(f);
    }
    const ready = prepareArgs(b, checks, vals, site);
    if (ready === null) return null;
    return applyBuiltin(b, ctxOf(f), f.run, ready, site);
  }, false);
}
