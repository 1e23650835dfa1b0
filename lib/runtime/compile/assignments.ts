/**
 * SET (LANGUAGE.md §7.2, §4.4, §4.5): plain assignment with the declared type's check, path
 * assignment into documents and arrays, and the in-place ARRAY_APPEND of the bench `docs` program.
 */
import type { Expr, SetStatement } from '../../language/ast';
import { fail } from '../errors';
import { runtimeLimits } from '../limits';
import { ANY_TYPE, MISMATCH, type TypeSpec } from '../types';
import { copyValue, type Value } from '../values';
import type { Compiler } from './compiler';
import { NORMAL, stmt, type CExpr, type Completion, type CStmt, type Frame } from './context';
import { A, owned, variableReader } from './expressions';
import { frameGetter, type Scope, type VarInfo } from './scope';

type Step = { kind: 'key'; key: string; site: number } | { kind: 'index'; e: CExpr; site: number };

function isSimpleContainerType(t: TypeSpec | null): boolean {
  return t === null || t.text === 'ANY' || t.text === 'DOCUMENT' || t.text === 'MAP' || t.text === 'ARRAY';
}

/** `SET x = e` and `SET x.path = e` (§7.2). */
export function compileSet(c: Compiler, node: SetStatement, scope: Scope): CStmt {
  const name = node.target.name, site = node.target.span.from;
  const info = scope.lookup(name);
  if (!info || info.kind === 'function' || info.kind === 'cursor') return stmt(() => { throw fail.undeclared(name, site); }, false);
  if (info.kind === 'const' || info.kind === 'loop') return stmt(() => { throw fail.readOnly(name, site); }, false);
  const get = frameGetter(scope.fn, info), slot = info.slot;
  const staticType = info.dynamicType ? null : info.type;
  const typeOf = info.dynamicType ? (f: Frame) => get(f).t[slot] ?? ANY_TYPE : () => staticType ?? ANY_TYPE;
  const value = c.expr(node.value, scope);
  const read = variableReader(info, scope, name, site);

  if (node.path.length === 0) {
    const fast = appendInPlace(c, node, scope, info, get, read);
    if (fast) return fast;
    const assign = (f: Frame, v: Value) => {
      const t = typeOf(f);
      const x = t.coerce(v);
      if (x === MISMATCH) throw fail.assignmentType(name, t.text, v, site);
      get(f).s[slot] = x;
    };
    if (!value.isAsync) {
      const ev = value.ev as (f: Frame) => Value, fresh = value.fresh;
      if (info.fn === scope.fn && staticType) {
        // Same invocation and a static type: resolution by position already proves the slot is declared.
        const t = staticType;
        return stmt((f) => {
          const v = ev(f);
          const x = t.coerce(fresh ? v : copyValue(v));
          if (x === MISMATCH) throw fail.assignmentType(name, t.text, v, site);
          f.s[slot] = x;
          return NORMAL;
        }, false);
      }
      // The current value is read first so that assigning to a not-yet-declared slot fails (§7.1).
      return stmt((f) => { read(f); const v = ev(f); assign(f, fresh ? v : copyValue(v)); return NORMAL; }, false);
    }
    return stmt(async (f) => { read(f); assign(f, owned(value, await A(value)(f))); return NORMAL; }, true);
  }

  const steps: Step[] = node.path.map((p) => (p.kind === 'key' ? { kind: 'key', key: p.key, site: p.span.from } : { kind: 'index', e: c.expr(p.index, scope), site: p.span.from }));
  return stmt(async (f) => {
    const root = read(f);
    const idx: Value[] = [];
    for (const s of steps) idx.push(s.kind === 'index' ? await A(s.e)(f) : null);
    const v = owned(value, await A(value)(f));
    get(f).s[slot] = assignAtPath(root, steps, idx, v, typeOf(f), name, site);
    return NORMAL;
  }, true);
}

/** One step of a SET path: a key, or an index (its value evaluated by the caller). */
export type PathStep = { kind: 'key'; key: string; site: number } | { kind: 'index'; site: number };

/**
 * `SET x.path = v` once the path's indexes and `v` are evaluated (§7.2, §18.7): the new value of `x`.
 * A NULL root becomes a document when the first step is a key; a typed root is changed on a copy and
 * checked against its type as a whole.
 */
export function assignAtPath(current: Value, steps: PathStep[], idx: Value[], v: Value, t: TypeSpec, name: string, site: number): Value {
  let root = current;
  const simple = isSimpleContainerType(t);
  if (!simple) root = copyValue(root);
  if (root === null) {
    const first = steps[0];
    const keyLike = first.kind === 'key' || typeof idx[0] === 'string';
    if (keyLike && (t.text === 'ANY' || t.text === 'DOCUMENT' || t.text === 'MAP' || !simple)) root = new Map();
    else if (first.kind === 'key') throw fail.nullRead(first.key, first.site);
    else throw fail.nullIndex(first.site);
  }
  writePath(root, steps, idx, v);
  if (!simple) {
    const x = t.coerce(root);
    if (x === MISMATCH) throw fail.assignmentType(name, t.text, root, site);
    root = x;
  }
  return root;
}

function checkIndex(arr: Value[], i: Value, site: number, allowEnd: boolean): number {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > arr.length || (!allowEnd && i === arr.length)) {
    if (typeof i !== 'number') throw fail.indexType(arr, i, site);
    throw fail.indexOutOfRange(i, arr.length, site);
  }
  return i;
}

function writePath(root: Value, steps: PathStep[], idx: Value[], v: Value): void {
  let cur: Value = root;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i], last = i === steps.length - 1;
    if (s.kind === 'key') {
      if (!(cur instanceof Map)) throw cur === null ? fail.nullRead(s.key, s.site) : fail.readType(s.key, cur, s.site);
      if (last) { cur.set(s.key, v); return; }
      let child = cur.get(s.key);
      if (child === undefined || child === null) {
        if (steps[i + 1].kind === 'key') { child = new Map(); cur.set(s.key, child); } else throw fail.nullIndex(steps[i + 1].site);
      }
      cur = child;
    } else {
      if (cur === null) throw fail.nullIndex(s.site);
      if (cur instanceof Map && typeof idx[i] === 'string') {
        // `x['k']` on a document is the key step `x.k` (§7.2).
        const key = idx[i] as string;
        if (last) { cur.set(key, v); return; }
        let child = cur.get(key);
        if (child === undefined || child === null) {
          if (steps[i + 1].kind === 'key') { child = new Map(); cur.set(key, child); } else throw fail.nullIndex(steps[i + 1].site);
        }
        cur = child;
        continue;
      }
      if (!Array.isArray(cur)) throw fail.indexType(cur, idx[i], s.site);
      const k = checkIndex(cur, idx[i], s.site, last);
      if (last) {
        if (k < cur.length) cur[k] = v;
        else if (cur.length >= runtimeLimits().maxArrayLength) throw fail.arrayTooLarge(cur.length + 1, runtimeLimits().maxArrayLength, s.site);
        else cur.push(v);
        return;
      }
      let child = cur[k];
      if (child === null && steps[i + 1].kind === 'key') { child = new Map(); cur[k] = child; }
      cur = child;
    }
  }
}

/** Appends `item` to `arr` in place, within the array size limit (limits.ts). */
export function appendItem(arr: Value[], item: Value, site: number): void {
  const max = runtimeLimits().maxArrayLength;
  if (arr.length >= max) throw fail.arrayTooLarge(arr.length + 1, max, site);
  arr.push(item);
}

/** `SET a = ARRAY_APPEND(a, x)` appends in place: the old array can no longer be observed (bench docs). */
function appendInPlace(
  c: Compiler, node: SetStatement, scope: Scope, info: VarInfo, get: (f: Frame) => Frame, read: (f: Frame) => Value,
): CStmt | null {
  const v: Expr = node.value;
  if (v.kind !== 'CallExpr' || v.callee.name.toUpperCase() !== 'ARRAY_APPEND' || v.args.length !== 2) return null;
  const a0 = v.args[0];
  if (a0.kind !== 'VariableName' || a0.name !== node.target.name) return null;
  const t = info.dynamicType ? null : info.type;
  if (t && t.text !== 'ARRAY' && t.text !== 'ANY') return null;
  const general = (() => {
    const saved = node.value;
    return compileSetGeneral(c, { ...node, value: saved }, scope);
  })();
  const x = c.expr(v.args[1], scope), slot = info.slot;
  if (x.isAsync) return null;
  const ev = x.ev as (f: Frame) => Value;
  return stmt((f) => {
    const cur = read(f);
    if (Array.isArray(cur)) {
      appendItem(cur, owned(x, ev(f)), v.span.from);
      get(f).s[slot] = cur;
      return NORMAL;
    }
    return general.run(f) as Completion;
  }, false);
}

function compileSetGeneral(c: Compiler, node: SetStatement, scope: Scope): CStmt {
  const name = node.target.name, site = node.target.span.from;
  const info = scope.lookup(name)!;
  const get = frameGetter(scope.fn, info), slot = info.slot;
  const value = c.expr(node.value, scope);
  const typeOf = info.dynamicType ? (f: Frame) => get(f).t[slot] ?? ANY_TYPE : () => info.type ?? ANY_TYPE;
  const ev = value.ev as (f: Frame) => Value;
  return stmt((f) => {
    const v = owned(value, ev(f));
    const t = typeOf(f), xv = t.coerce(v);
    if (xv === MISMATCH) throw fail.assignmentType(name, t.text, v, site);
    get(f).s[slot] = xv;
    return NORMAL;
  }, false);
}
