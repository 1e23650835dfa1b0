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

/** Binds `args` into a new frame of `r` and runs it (§9.5, §9.6); synchronous when the body did not await. */
function call(r: Invocable, args: Value[], run: Run, up: Frame | null, site: number, argSites: number[]): Value | Promise<Value> {
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
          // Cached stored routine of the right arity: arguments go straight into the new frame, all of
          // them evaluated before any is bound (§6.10), as on the general path.
          const frame = new Frame(r.nslots, null, f.run, r.unit), s = frame.s;
          for (let i = 0; i < n; i++) { const v = evs[i](f); s[i] = fresh[i] ? v : copyValue(v); }
          for (let i = 0; i < n; i++) {
            const p = r.params[i], v = s[i] as Value, x = p.type.coerce(v);
            if (x === MISMATCH) throw fail.parameterType(p.name, r.name, p.type.text, v, argSites[i]);
            s[i] = x;
          }
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
function builtinCtx(b: Builtin, f: Frame, lookup: (f: Frame, name: string) => Value | undefined, site: number): BuiltinCtx {
  const run = f.run;
  return {
    fn: b.name,
    client: run.host.client,
    signal: run.signal,
    lookupVariable: (n) => lookup(f, n),
    esql: (q, params, fromFunction) => runEsql(run, q, params, (n) => lookup(f, n), site, fromFunction),
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

function compileBuiltinCall(c: Compiler, b: Builtin, node: CallExpr, scope: Scope): CExpr {
  const site = node.callee.span.from, n = node.args.length;
  const { min, max, text } = arityText(b);
  if (n < min || n > max) return syncExpr(() => { throw fail.arity(b.name, text, n, site); });
  const paramOf = (i: number) => b.params[Math.min(i, b.params.length - 1)];
  type Arg = { kind: 'value'; e: CExpr; check: (v: Value) => boolean; any: boolean; optional: boolean; type: string; idx: number }
    | { kind: 'lambda'; make: (f: Frame) => Lambda };
  const args: Arg[] = [];
  for (let i = 0; i < n; i++) {
    const p = paramOf(i), a: Expr = node.args[i];
    const acceptsLambda = p.type.split('|').includes('LAMBDA');
    if (a.kind === 'LambdaExpr') {
      const got = a.params.length;
      if (!acceptsLambda) return syncExpr(() => { throw fail.builtinArgType(b.name, i + 1, typeLabel(p.type), 'LAMBDA', site); });
      if (b.lambdaArity && !b.lambdaArity.includes(got)) {
        return syncExpr(() => { throw fail.lambdaArity(b.name, b.lambdaArity!.join(' or '), got, site); });
      }
      args.push({ kind: 'lambda', make: compileLambda(c, a, scope) });
      continue;
    }
    const onlyLambda = p.type === 'LAMBDA';
    args.push({
      kind: 'value', e: c.expr(a, scope), check: onlyLambda ? () => false : typeCheck(p.type), any: p.type === 'ANY',
      optional: p.optional || p.rest, type: p.type, idx: i + 1,
    });
  }
  const lookup = b.name === 'ESQL_QUERY' ? scopeLookup(scope) : () => undefined;
  // Applies the NULL rule and the type checks; returns undefined when the call yields NULL.
  const prepare = (vals: (Value | Lambda)[]): (Value | Lambda | undefined)[] | null => {
    const out: (Value | Lambda | undefined)[] = new Array(vals.length);
    for (let i = 0; i < vals.length; i++) {
      const a = args[i], v = vals[i];
      if (a.kind === 'lambda') { out[i] = v; continue; }
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
  };
  const fixSite = (e: unknown): unknown => {
    if (isEngineSizeError(e)) return engineSizeError(site);
    if (e instanceof EscriptError && e.site < 0) e.site = site;
    return e;
  };
  const allSync = !b.async && args.every((a) => a.kind === 'lambda' || !a.e.isAsync);
  if (allSync) {
    return syncExpr((f) => {
      const vals: (Value | Lambda)[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        vals[i] = a.kind === 'lambda' ? a.make(f) : (a.e.ev(f) as Value);
      }
      const ready = prepare(vals);
      if (ready === null) return null;
      try {
        return checkSize(b.impl(builtinCtx(b, f, lookup, site), ...ready) as Value, site);
      } catch (e) {
        throw fixSite(e);
      }
    }, false);
  }
  return asyncExpr(async (f) => {
    const vals: (Value | Lambda)[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      vals[i] = a.kind === 'lambda' ? a.make(f) : await A(a.e)(f);
    }
    const ready = prepare(vals);
    if (ready === null) return null;
    if (b.async) checkpoint(f.run);
    try {
      return checkSize(await b.impl(builtinCtx(b, f, lookup, site), ...ready), site);
    } catch (e) {
      // A request aborted by CANCEL/TIMEOUT fails with the client's own error: report the stop instead (§13.10).
      checkpoint(f.run);
      throw fixSite(e);
    }
  }, false);
}
