/**
 * Expressions (LANGUAGE.md §6): literals, names, operators, access. Each node compiles to a
 * synchronous closure unless a child is asynchronous.
 */
import { assertNever, type Expr, type IndexExpr, type MemberExpr } from '../../language/ast';
import { fail } from '../errors';
import { BINARY, concat, negate, truthy } from '../operators';
import { renderValue } from '../render';
import { copyValue, valuesEqual, type DocumentValue, type Value } from '../values';
import { compileCall } from './calls';
import type { Compiler } from './compiler';
import { asyncExpr, mpExpr, syncExpr, type CExpr, type Frame } from './context';
import { compileCursorAttribute, compileQueryExpr } from './esql';
import { compileExecutionExpr } from './async';
import { frameGetter, type Scope, type VarInfo } from './scope';

type Ev = (f: Frame) => Value;
type AEv = (f: Frame) => Promise<Value>;
const S = (e: CExpr) => e.ev as Ev;
/** Awaits a child only when it is asynchronous. */
export const A = (e: CExpr): AEv => (e.isAsync ? (e.ev as AEv) : async (f) => e.ev(f) as Value);

/** The value to store for an expression result: copied unless it is fresh (§4.5). */
export function owned(e: CExpr, v: Value): Value {
  return e.fresh ? v : copyValue(v);
}

/** Marks the skipped remainder of a `?.` chain (§6.8). */
const SHORT = Symbol('short') as unknown as Value;

/** Compiles any expression. */
export function compileExpression(c: Compiler, node: Expr, scope: Scope): CExpr {
  switch (node.kind) {
    case 'NumberLiteral': case 'StringLiteral': case 'BooleanLiteral': {
      const v = node.value;
      return syncExpr(() => v);
    }
    case 'NullLiteral': return syncExpr(() => null);
    case 'TemplateString': return compileTemplate(c, node.parts, scope, node.span.from);
    case 'ArrayLiteral': return compileArray(c, node.elements, scope);
    case 'DocumentLiteral': return compileDocument(c, node.entries.map((e) => e.key), node.entries.map((e) => e.value), scope);
    case 'VariableName': return compileVariable(node.name, node.span.from, scope);
    case 'BinaryExpr': return compileBinary(c, node, scope);
    case 'UnaryExpr': {
      const o = c.expr(node.operand, scope), site = node.opSpan.from, op = node.op;
      const apply = op === '-' ? (v: Value) => negate(v, site) : (v: Value) => !truthyOperand(v, site);
      return o.isAsync ? asyncExpr(async (f) => apply(await (o.ev(f) as Promise<Value>))) : syncExpr((f) => apply(S(o)(f)));
    }
    case 'ConditionalExpr': {
      const t = c.expr(node.test, scope), a = c.expr(node.then, scope), b = c.expr(node.else, scope), site = node.test.span.from;
      const fresh = a.fresh && b.fresh;
      if (!t.isAsync && !a.isAsync && !b.isAsync) return syncExpr((f) => (truthy(S(t)(f), site) ? S(a)(f) : S(b)(f)), fresh);
      const at = A(t), aa = A(a), ab = A(b);
      return asyncExpr(async (f) => (truthy(await at(f), site) ? aa(f) : ab(f)), fresh);
    }
    case 'IsNullExpr': {
      const o = c.expr(node.operand, scope), neg = node.negated;
      return o.isAsync ? asyncExpr(async (f) => ((await A(o)(f)) === null) !== neg) : syncExpr((f) => (S(o)(f) === null) !== neg);
    }
    case 'InExpr': return compileIn(c, node, scope);
    case 'MemberExpr': case 'IndexExpr': return compileChain(c, node, scope);
    case 'CallExpr': return compileCall(c, node, scope);
    case 'LambdaExpr': {
      const site = node.span.from;
      return syncExpr(() => { throw fail.lambdaNotAllowed(site); });
    }
    case 'CursorAttribute': return compileCursorAttribute(c, node, scope);
    case 'QueryExpr': return compileQueryExpr(c, node, scope);
    case 'ExecutionExpr': return compileExecutionExpr(c, node, scope);
    default: return assertNever(node);
  }
}

function truthyOperand(v: Value, site: number): boolean {
  return truthy(v, site);
}

/** Reads a variable: slot access resolved now, "not declared yet" checked at run time. */
export function compileVariable(name: string, site: number, scope: Scope): CExpr {
  const info = scope.lookup(name);
  if (!info || info.kind === 'function') return syncExpr(() => { throw fail.undeclared(name, site); });
  if (info.kind === 'cursor') return syncExpr(() => { throw fail.cursorNotValue(name, site); });
  return syncExpr(variableReader(info, scope, name, site), false);
}

/** The raw reader of a declared variable. */
export function variableReader(info: VarInfo, scope: Scope, name: string, site: number): Ev {
  const slot = info.slot, get = frameGetter(scope.fn, info);
  if (info.fn === scope.fn) {
    return (f) => {
      const v = f.s[slot];
      if (v === undefined) throw fail.undeclared(name, site);
      return v as Value;
    };
  }
  return (f) => {
    const v = get(f).s[slot];
    if (v === undefined) throw fail.undeclared(name, site);
    return v as Value;
  };
}

function compileTemplate(c: Compiler, parts: (string | Expr)[], scope: Scope, site: number): CExpr {
  const cs = parts.map((p) => (typeof p === 'string' ? p : c.expr(p, scope)));
  if (cs.every((p) => typeof p === 'string' || !p.isAsync)) {
    return syncExpr((f) => {
      let s = '';
      for (const p of cs) s = concat(s, typeof p === 'string' ? p : renderValue(S(p)(f)), site) as string;
      return s;
    });
  }
  return asyncExpr(async (f) => {
    let s = '';
    for (const p of cs) s = concat(s, typeof p === 'string' ? p : renderValue(await A(p)(f)), site) as string;
    return s;
  });
}

function compileArray(c: Compiler, elements: Expr[], scope: Scope): CExpr {
  const cs = elements.map((e) => c.expr(e, scope));
  if (cs.every((e) => !e.isAsync)) {
    return syncExpr((f) => {
      const out: Value[] = new Array(cs.length);
      for (let i = 0; i < cs.length; i++) out[i] = owned(cs[i], S(cs[i])(f));
      return out;
    });
  }
  return asyncExpr(async (f) => {
    const out: Value[] = [];
    for (const e of cs) out.push(owned(e, await A(e)(f)));
    return out;
  });
}

function compileDocument(c: Compiler, keys: string[], values: Expr[], scope: Scope): CExpr {
  const cs = values.map((e) => c.expr(e, scope));
  if (cs.every((e) => !e.isAsync)) {
    return syncExpr((f) => {
      const out: DocumentValue = new Map();
      for (let i = 0; i < cs.length; i++) out.set(keys[i], owned(cs[i], S(cs[i])(f)));
      return out;
    });
  }
  return asyncExpr(async (f) => {
    const out: DocumentValue = new Map();
    for (let i = 0; i < cs.length; i++) out.set(keys[i], owned(cs[i], await A(cs[i])(f)));
    return out;
  });
}

function compileBinary(c: Compiler, node: Extract<Expr, { kind: 'BinaryExpr' }>, scope: Scope): CExpr {
  const l = c.expr(node.left, scope), r = c.expr(node.right, scope), site = node.opSpan.from;
  const sync = !l.isAsync && !r.isAsync;
  const le = S(l), re = S(r);
  switch (node.op) {
    case 'AND':
      if (sync) return syncExpr((f) => truthy(le(f), site) && truthy(re(f), site));
      return asyncExpr(async (f) => truthy(await A(l)(f), site) && truthy(await A(r)(f), site));
    case 'OR':
      if (sync) return syncExpr((f) => truthy(le(f), site) || truthy(re(f), site));
      return asyncExpr(async (f) => truthy(await A(l)(f), site) || truthy(await A(r)(f), site));
    case '??': {
      const fresh = l.fresh && r.fresh;
      if (sync) return syncExpr((f) => { const v = le(f); return v !== null ? v : re(f); }, fresh);
      return asyncExpr(async (f) => { const v = await A(l)(f); return v !== null ? v : A(r)(f); }, fresh);
    }
  }
  const fn = BINARY[node.op];
  if (sync) {
    // Specialised closures for the hottest operators avoid the indirect call.
    if (node.op === '+') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' && Number.isFinite(a + b) ? a + b : fn(a, b, site); });
    if (node.op === '%') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' && b !== 0 && a % b !== 0 ? a % b : fn(a, b, site); });
    if (node.op === '-') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' && Number.isFinite(a - b) && a !== b ? a - b : fn(a, b, site); });
    if (node.op === '<') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' ? a < b : fn(a, b, site); });
    if (node.op === '<=') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' ? a <= b : fn(a, b, site); });
    if (node.op === '>') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' ? a > b : fn(a, b, site); });
    if (node.op === '>=') return syncExpr((f) => { const a = le(f), b = re(f); return typeof a === 'number' && typeof b === 'number' ? a >= b : fn(a, b, site); });
    return syncExpr((f) => fn(le(f), re(f), site));
  }
  const lv = l.ev, rv = r.ev;
  return mpExpr((f) => {
    const a = lv(f) as Value | Promise<Value>;
    if (a instanceof Promise) {
      return a.then((av) => { const b = rv(f) as Value | Promise<Value>; return b instanceof Promise ? b.then((bv) => fn(av, bv, site)) : fn(av, b, site); });
    }
    const b = rv(f) as Value | Promise<Value>;
    return b instanceof Promise ? b.then((bv) => fn(a, bv, site)) : fn(a, b, site);
  });
}

function compileIn(c: Compiler, node: Extract<Expr, { kind: 'InExpr' }>, scope: Scope): CExpr {
  const o = c.expr(node.operand, scope), neg = node.negated, site = node.opSpan.from;
  if (node.list) {
    const items = node.list.map((e) => c.expr(e, scope));
    if (!o.isAsync && items.every((e) => !e.isAsync)) {
      return syncExpr((f) => {
        const x = S(o)(f);
        for (const e of items) if (valuesEqual(x, S(e)(f))) return !neg;
        return neg;
      });
    }
    return asyncExpr(async (f) => {
      const x = await A(o)(f);
      for (const e of items) if (valuesEqual(x, await A(e)(f))) return !neg;
      return neg;
    });
  }
  const arr = c.expr(node.array!, scope);
  if (!o.isAsync && !arr.isAsync) return syncExpr((f) => { const x = S(o)(f); return inArray(x, S(arr)(f), neg, site); });
  return asyncExpr(async (f) => { const x = await A(o)(f); return inArray(x, await A(arr)(f), neg, site); });
}

/** `x IN a` / `x NOT IN a` on an array (§6.5): NULL contains nothing. */
export function inArray(x: Value, a: Value, neg: boolean, site: number): boolean {
  if (a === null) return neg;
  if (!Array.isArray(a)) throw fail.operandType(neg ? 'NOT IN' : 'IN', x, a, site);
  for (const y of a) if (valuesEqual(x, y)) return !neg;
  return neg;
}

/** `.k` / `[i]` on a value (§6.8). */
export function readKey(obj: Value, key: string, site: number): Value {
  if (obj instanceof Map) { const v = obj.get(key); return v === undefined ? null : v; }
  if (obj === null) throw fail.nullRead(key, site);
  throw fail.readType(key, obj, site);
}
/** `x[i]` (§6.8). */
export function readIndex(obj: Value, idx: Value, site: number): Value {
  if (Array.isArray(obj) && typeof idx === 'number' && Number.isInteger(idx)) return idx >= 0 && idx < obj.length ? obj[idx] : null;
  if (obj instanceof Map && typeof idx === 'string') { const v = obj.get(idx); return v === undefined ? null : v; }
  if (obj === null) throw fail.nullIndex(site);
  throw fail.indexType(obj, idx, site);
}

function chainHasOptional(node: Expr): boolean {
  for (let n: Expr = node; n.kind === 'MemberExpr' || n.kind === 'IndexExpr'; n = n.object) {
    if (n.kind === 'MemberExpr' && n.optional) return true;
  }
  return false;
}

/** A postfix chain; `?.` skips the rest of the chain when its object is NULL. */
function compileChain(c: Compiler, node: MemberExpr | IndexExpr, scope: Scope): CExpr {
  const inner = compileLink(c, node, scope, chainHasOptional(node));
  if (!chainHasOptional(node)) return inner;
  if (!inner.isAsync) return syncExpr((f) => { const v = S(inner)(f); return v === SHORT ? null : v; }, false);
  return asyncExpr(async (f) => { const v = await A(inner)(f); return v === SHORT ? null : v; }, false);
}

function compileLink(c: Compiler, node: Expr, scope: Scope, optional: boolean): CExpr {
  if (node.kind !== 'MemberExpr' && node.kind !== 'IndexExpr') return c.expr(node, scope);
  const o = compileLink(c, node.object, scope, optional), site = node.opSpan.from;
  if (node.kind === 'MemberExpr') {
    const key = node.key, opt = node.optional;
    const step = optional
      ? (v: Value) => (v === SHORT || (opt && v === null) ? SHORT : readKey(v, key, site))
      : (v: Value) => readKey(v, key, site);
    if (!o.isAsync) { const oe = S(o); return syncExpr((f) => step(oe(f)), false); }
    return asyncExpr(async (f) => step(await A(o)(f)), false);
  }
  const i = c.expr(node.index, scope);
  if (!o.isAsync && !i.isAsync) {
    const oe = S(o), ie = S(i);
    if (optional) return syncExpr((f) => { const v = oe(f); if (v === SHORT) return SHORT; return readIndex(v, ie(f), site); }, false);
    return syncExpr((f) => { const v = oe(f); return readIndex(v, ie(f), site); }, false);
  }
  return asyncExpr(async (f) => {
    const v = await A(o)(f);
    if (v === SHORT) return SHORT;
    return readIndex(v, await A(i)(f), site);
  }, false);
}
