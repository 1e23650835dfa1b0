/**
 * Statements (LANGUAGE.md §3, §4.3, §7, §8.4, §8.5): blocks, declarations, PRINT, jumps,
 * IF, loops, SWITCH, TRY, THROW, local functions and the catalogue statements (SET is in
 * assignments.ts). Jumps are
 * completion codes (STYLE R15).
 */
import {
  assertNever, type ForEachStatement, type ForRangeStatement, type SetStatement, type Statement, type TryStatement,
} from '../../language/ast';
import { findBuiltin } from '../builtins';
import { ERROR_TYPES, EscriptError, fail } from '../errors';
import { truthy } from '../operators';
import { renderValue } from '../render';
import { ANY_TYPE, MISMATCH, runtimeTypeSpec, typeSpec, type TypeSpec } from '../types';
import { copyValue, valuesEqual, type DocumentValue, type Value } from '../values';
import type { LocalFunctionValue } from './calls';
import type { Compiler } from './compiler';
import {
  BREAK, catchable, checkpoint, CONTINUE, emit, locate, maybeYield, NORMAL, RETURN, stmt, yieldDue,
  type CExpr, type Completion, type CStmt, type Frame,
} from './context';
import { compileCursorStatement, compileCursorLoop, compileForQuery, compileQueryStatement, compileTypedQueryDeclaration, compileCursorDeclaration } from './esql';
import { compileAsyncCall, compileParallel } from './async';
import { compileSet } from './assignments';
import { A, owned } from './expressions';
import { compileLocalFunction, createRoutine, dropRoutine, showRoutines } from './routines';
import { Scope, type VarInfo } from './scope';

/** Options of compileBlock. */
export interface BlockOptions {
  /** Compile into `scope` itself instead of a new nested block scope. */
  sameScope?: boolean;
}

const pending = new WeakMap<Scope, Set<VarInfo>>();

/** Declares the block's local FUNCTIONs up front so calls may refer to later ones (§18.9). */
export function preDeclareFunctions(stmts: Statement[], scope: Scope): void {
  for (const s of stmts) {
    if (s.kind === 'FunctionDeclaration' && !scope.names.has(s.name.name)) {
      const info = scope.declare(s.name.name, 'function', null);
      let set = pending.get(scope);
      if (!set) pending.set(scope, (set = new Set()));
      set.add(info);
    }
  }
}

/** True when `name` is already declared in `scope` itself (a pre-declared function does not count). */
function declaredHere(scope: Scope, name: string): boolean {
  const info = scope.names.get(name);
  return !!info && !pending.get(scope)?.has(info);
}

/** A statement list. */
export function compileBlock(c: Compiler, stmts: Statement[], scope: Scope, opts: BlockOptions = {}): CStmt {
  const s = opts.sameScope ? scope : new Scope(scope, scope.fn);
  preDeclareFunctions(stmts, s);
  const cs = stmts.filter((x) => x.kind !== 'EmptyStatement').map((x) => c.stmt(x, s));
  return sequence(cs);
}

/** Runs compiled statements in order with a cancellation check before each (§13.10). */
export function sequence(cs: CStmt[]): CStmt {
  const n = cs.length;
  const isAsync = cs.some((x) => x.isAsync);
  if (n === 0) return { run: () => NORMAL, isAsync: false, hasValue: false };
  if (!isAsync) {
    const runs = cs.map((x) => x.run as (f: Frame) => Completion);
    if (n === 1) {
      const r0 = runs[0];
      return { run: (f) => { const sig = f.run.signal; if (sig !== undefined && sig.aborted) throw sig.reason; return r0(f); }, isAsync: false, hasValue: false };
    }
    return {
      run: (f) => {
        const sig = f.run.signal;
        for (let i = 0; i < n; i++) {
          if (sig !== undefined && sig.aborted) throw sig.reason;
          const r = runs[i](f);
          if (r !== NORMAL) return r;
        }
        return NORMAL;
      },
      isAsync: false, hasValue: false,
    };
  }
  const runs = cs.map((x) => x.run);
  // Runs synchronously until a statement actually returns a promise, then continues after it.
  const from = (f: Frame, start: number): Completion | Promise<Completion> => {
    const sig = f.run.signal;
    for (let i = start; i < n; i++) {
      if (sig !== undefined && sig.aborted) throw sig.reason;
      const r = runs[i](f);
      if (r instanceof Promise) return r.then((c) => (c !== NORMAL ? c : from(f, i + 1)));
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  };
  return { run: (f) => from(f, 0), isAsync: true, hasValue: false };
}


/** A statement whose value is an expression's value (§3.3). */
export function valueStatement(e: CExpr): CStmt {
  if (!e.isAsync) {
    const ev = e.ev as (f: Frame) => Value;
    return stmt((f) => { f.sv = ev(f); return NORMAL; }, false, true);
  }
  const ev = e.ev as (f: Frame) => Value | Promise<Value>;
  return stmt((f) => {
    const v = ev(f);
    if (v instanceof Promise) return v.then((x) => { f.sv = x; return NORMAL; });
    f.sv = v;
    return NORMAL;
  }, true, true);
}

/** Compiles one statement. */
export function compileStatement(c: Compiler, node: Statement, scope: Scope): CStmt {
  switch (node.kind) {
    case 'EmptyStatement': return stmt(() => NORMAL, false);
    case 'ExpressionStatement': return valueStatement(c.expr(node.expression, scope));
    case 'CallStatement': return valueStatement(c.expr(node.call, scope));
    case 'DeclareStatement': return compileDeclare(c, node, scope);
    case 'SetStatement': return compileSet(c, node, scope);
    case 'PrintStatement': {
      const e = c.expr(node.value, scope), level = node.level, site = node.span.from;
      if (!e.isAsync) { const ev = e.ev as (f: Frame) => Value; return stmt((f) => { emit(f.run, renderValue(ev(f)), level, site); return NORMAL; }, false); }
      const ev = e.ev as (f: Frame) => Value | Promise<Value>;
      return stmt((f) => {
        const v = ev(f);
        if (v instanceof Promise) return v.then((x) => { emit(f.run, renderValue(x), level, site); return NORMAL; });
        emit(f.run, renderValue(v), level, site);
        return NORMAL;
      }, true);
    }
    case 'ReturnStatement': {
      const fn = scope.fn, site = node.keywordSpan.from;
      const e = node.value ? c.expr(node.value, scope) : null;
      const ret = fn.returns;
      const finish = (f: Frame, v: Value): Completion => {
        if (ret) {
          const x = ret.coerce(v);
          if (x === MISMATCH) throw fail.returnType(fn.name ?? '<script>', ret.text, v, site);
          v = x;
        }
        f.rv = v;
        f.sv = v;
        return RETURN;
      };
      if (!e) return stmt((f) => finish(f, null), false);
      if (!e.isAsync) { const ev = e.ev as (f: Frame) => Value; return stmt((f) => finish(f, owned(e, ev(f))), false); }
      const ev = e.ev as (f: Frame) => Value | Promise<Value>;
      return stmt((f) => {
        const v = ev(f);
        return v instanceof Promise ? v.then((x) => finish(f, owned(e, x))) : finish(f, owned(e, v));
      }, true);
    }
    case 'ThrowStatement': return compileThrow(c, node, scope);
    case 'BreakStatement': return stmt(() => BREAK, false);
    case 'ContinueStatement': return stmt(() => CONTINUE, false);
    case 'ExitStatement': {
      if (!node.when) return stmt(() => BREAK, false);
      const e = c.expr(node.when, scope), site = node.when.span.from;
      if (!e.isAsync) { const ev = e.ev as (f: Frame) => Value; return stmt((f) => (truthy(ev(f), site) ? BREAK : NORMAL), false); }
      return stmt(async (f) => (truthy(await A(e)(f), site) ? BREAK : NORMAL), true);
    }
    case 'IfStatement': {
      const tests = node.branches.map((b) => ({ e: c.expr(b.test, scope), site: b.test.span.from, body: c.block(b.body, scope) }));
      const other = node.otherwise ? c.block(node.otherwise, scope) : null;
      const isAsync = tests.some((t) => t.e.isAsync || t.body.isAsync) || !!other?.isAsync;
      if (!isAsync) {
        if (tests.length === 1) {
          const t0 = tests[0].e.ev as (f: Frame) => Value, b0 = tests[0].body.run as (f: Frame) => Completion, s0 = tests[0].site;
          const o = other?.run as ((f: Frame) => Completion) | undefined;
          return stmt((f) => { const v = t0(f); if (v === true || (v !== false && v !== null && truthy(v, s0))) return b0(f); return o ? o(f) : NORMAL; }, false);
        }
        return stmt((f) => {
          for (const t of tests) if (truthy(t.e.ev(f) as Value, t.site)) return t.body.run(f) as Completion;
          return other ? (other.run(f) as Completion) : NORMAL;
        }, false);
      }
      const from = (f: Frame, i: number): Completion | Promise<Completion> => {
        for (; i < tests.length; i++) {
          const t = tests[i], v = t.e.ev(f) as Value | Promise<Value>;
          if (v instanceof Promise) {
            const k = i;
            return v.then((x) => (truthy(x, t.site) ? t.body.run(f) : from(f, k + 1)));
          }
          if (truthy(v, t.site)) return t.body.run(f);
        }
        return other ? other.run(f) : NORMAL;
      };
      return stmt((f) => from(f, 0), true);
    }
    case 'ForRangeStatement': return compileForRange(c, node, scope);
    case 'ForEachStatement': return compileForEach(c, node, scope);
    case 'ForQueryStatement': return compileForQuery(c, node, scope);
    case 'WhileStatement': {
      const t = c.expr(node.test, scope), site = node.test.span.from, body = c.block(node.body, scope);
      return loop(async (f, step) => {
        for (;;) {
          if (!truthy(t.isAsync ? await (t.ev(f) as Promise<Value>) : (t.ev(f) as Value), site)) return NORMAL;
          const r = await step(f);
          if (r === BREAK) return NORMAL;
          if (r === RETURN) return RETURN;
        }
      }, body);
    }
    case 'LoopStatement': {
      const body = c.block(node.body, scope);
      return loop(async (f, step) => {
        for (;;) {
          const r = await step(f);
          if (r === BREAK) return NORMAL;
          if (r === RETURN) return RETURN;
        }
      }, body);
    }
    case 'SwitchStatement': {
      const subject = c.expr(node.subject, scope);
      const cases = node.cases.map((k) => ({ values: k.values.map((v) => c.expr(v, scope)), body: c.block(k.body, scope) }));
      const dflt = node.defaultBody ? c.block(node.defaultBody, scope) : null;
      return stmt(async (f) => {
        const s = await A(subject)(f);
        for (const k of cases) {
          for (const v of k.values) if (valuesEqual(s, await A(v)(f))) return k.body.run(f);
        }
        return dflt ? dflt.run(f) : NORMAL;
      }, true);
    }
    case 'TryStatement': return compileTry(c, node, scope);
    case 'FunctionDeclaration': {
      const name = node.name.name, site = node.name.span.from;
      let info = scope.names.get(name);
      const set = pending.get(scope);
      if (info && set?.has(info)) set.delete(info);
      else if (info) return stmt(() => { throw fail.alreadyDeclared(name, site); }, false);
      else info = scope.declare(name, 'function', null);
      const fn = compileLocalFunction(c, node, scope);
      const slot = info.slot;
      return stmt((f) => { f.s[slot] = { fn, frame: f } satisfies LocalFunctionValue; return NORMAL; }, false);
    }
    case 'CursorDeclaration': return compileCursorDeclaration(c, node, scope);
    case 'TypedQueryDeclaration': return compileTypedQueryDeclaration(c, node, scope, declare);
    case 'OpenStatement': case 'CloseStatement': case 'FetchStatement': return compileCursorStatement(c, node, scope);
    case 'QueryStatement': return compileQueryStatement(c, node, scope);
    case 'AsyncCallStatement': return compileAsyncCall(c, node, scope);
    case 'ParallelStatement': return compileParallel(c, node, scope);
    case 'CreateRoutineStatement':
      return stmt(async (f) => { f.sv = await createRoutine(f.run, node); return NORMAL; }, true, true);
    case 'DropRoutineStatement':
      return stmt(async (f) => { f.sv = await dropRoutine(f.run, node.routineKind, node.name.name, node.name.span.from); return NORMAL; }, true, true);
    case 'ShowStatement':
      return stmt(async (f) => { f.sv = await showRoutines(f.run, node.what, node.name?.name ?? null, (node.name ?? node).span.from); return NORMAL; }, true, true);
    default: return assertNever(node);
  }
}

/** Declares `name` in `scope` and returns its setter (value already checked), or a thrower when it exists (§4.3). */
export function declare(scope: Scope, name: string, site: number, kind: 'var' | 'const', type: TypeSpec | null): (f: Frame, v: Value) => void {
  if (declaredHere(scope, name)) return () => { throw fail.alreadyDeclared(name, site); };
  const info = scope.declare(name, kind, type, type === null);
  const slot = info.slot;
  if (type) {
    return (f, v) => {
      const x = type.coerce(v);
      if (x === MISMATCH) throw fail.assignmentType(name, type.text, v, site);
      f.s[slot] = x;
    };
  }
  return (f, v) => { f.t[slot] = runtimeTypeSpec(v); f.s[slot] = v; };
}

function compileDeclare(c: Compiler, node: Extract<Statement, { kind: 'DeclareStatement' }>, scope: Scope): CStmt {
  const parts = node.declarations.map((d) => {
    const init = d.init ? c.expr(d.init, scope) : null;
    const type = d.type ? typeSpec(d.type) : node.keyword === 'DECLARE' ? ANY_TYPE : null;
    const set = declare(scope, d.name.name, d.name.span.from, node.keyword === 'CONST' ? 'const' : 'var', type);
    return { init, set };
  });
  if (parts.every((p) => !p.init?.isAsync)) {
    return stmt((f) => {
      for (const p of parts) p.set(f, p.init ? owned(p.init, p.init.ev(f) as Value) : null);
      return NORMAL;
    }, false);
  }
  return stmt(async (f) => {
    for (const p of parts) p.set(f, p.init ? owned(p.init, await A(p.init)(f)) : null);
    return NORMAL;
  }, true);
}

function compileThrow(c: Compiler, node: Extract<Statement, { kind: 'ThrowStatement' }>, scope: Scope): CStmt {
  const e = c.expr(node.value, scope), code = node.code ? c.expr(node.code, scope) : null, site = node.keywordSpan.from;
  return stmt(async (f) => {
    const v = await A(e)(f);
    throw thrownError(v, code ? await A(code)(f) : undefined, site);
  }, true);
}

/** The error `THROW v [WITH CODE code]` raises (§8.5); `code` undefined when there is no WITH CODE. */
export function thrownError(v: Value, code: Value | undefined, site: number): EscriptError {
  const withCode = code !== undefined ? renderValue(code) : null;
  let type = 'error', message: string, errCode = 'USER_ERROR';
  if (v instanceof Map) {
    const t = v.get('type');
    if (typeof t === 'string' && ERROR_TYPES.has(t)) type = t;
    const cd = v.get('code');
    if (cd !== undefined && cd !== null) errCode = renderValue(cd);
    const m = v.get('message');
    message = m !== undefined && m !== null ? renderValue(m) : renderValue(v);
  } else {
    message = renderValue(v);
  }
  return fail.userError(withCode ?? errCode, message, site, type);
}

/** Runs a loop driver with a per-iteration step that checks cancellation and yields (§13.10). */
function loop(driver: (f: Frame, step: (f: Frame) => Promise<Completion> | Completion) => Promise<Completion>, body: CStmt): CStmt {
  const b = body.run;
  const step = body.isAsync
    ? async (f: Frame) => {
      const run = f.run;
      if ((++run.ticks & 127) === 0 && yieldDue(run)) await maybeYield(run);
      checkpoint(run);
      return b(f);
    }
    : (f: Frame): Completion | Promise<Completion> => {
      const run = f.run;
      if ((++run.ticks & 127) === 0 && yieldDue(run)) return maybeYield(run).then(() => b(f) as Completion);
      const sig = run.signal;
      if (sig !== undefined && sig.aborted) throw sig.reason;
      return b(f) as Completion;
    };
  return stmt((f) => driver(f, step), true);
}

/** FOR i IN a..z STEP s (§7.5): the step, after checking the bounds and the step. */
export function forStep(a: Value, z: Value, sv: Value, site: number, stepSite: number): number {
  if (typeof a !== 'number' || typeof z !== 'number') throw fail.operandType('..', a, z, site);
  if (sv !== null && typeof sv !== 'number') throw fail.operandType('STEP', sv, sv, stepSite);
  const s = sv === null ? (a <= z ? 1 : -1) : sv;
  if (s === 0) throw fail.invalidArgument('STEP must not be 0', stepSite);
  return s;
}

const NO_ITEMS: Value[] = [];

/** FOR x IN array (§7.5): the items to visit, a copy (the body may change the variable); none for NULL. */
export function iterableItems(v: Value, site: number): Value[] {
  if (v === null) return NO_ITEMS;
  if (!Array.isArray(v)) throw fail.notIterable(v, site);
  return v.slice();
}

function compileForRange(c: Compiler, node: ForRangeStatement, scope: Scope): CStmt {
  const from = c.expr(node.from, scope), to = c.expr(node.to, scope), stepE = node.step ? c.expr(node.step, scope) : null;
  const inner = new Scope(scope, scope.fn);
  const slot = inner.declare(node.variable.name, 'loop', null).slot;
  const body = c.block(node.body, inner, { sameScope: true });
  const site = node.from.span.from;
  const b = body.run as (f: Frame) => Completion;
  const stepSite = node.step ? node.step.span.from : -1;
  const bounds = (a: Value, z: Value, sv: Value): number => forStep(a, z, sv, site, stepSite);
  if (!from.isAsync && !to.isAsync && !stepE?.isAsync && !body.isAsync) {
    // Synchronous body: the loop runs without promises and only returns one when it must yield (§13.10).
    const fe = from.ev as (f: Frame) => Value, te = to.ev as (f: Frame) => Value, se = stepE?.ev as ((f: Frame) => Value) | undefined;
    const loop = (f: Frame, a: number, z: number, s: number, k0: number): Completion | Promise<Completion> => {
      const run = f.run, slots = f.s;
      for (let k = k0; ; k++) {
        const v = a + k * s;
        if (s > 0 ? v > z : v < z) return NORMAL;
        if ((++run.ticks & 127) === 0 && yieldDue(run)) return maybeYield(run).then(() => loop(f, a, z, s, k));
        const sig = run.signal;
        if (sig !== undefined && sig.aborted) throw sig.reason;
        slots[slot] = v;
        const r = b(f);
        if (r !== NORMAL) {
          if (r === BREAK) return NORMAL;
          if (r === RETURN) return RETURN;
        }
      }
    };
    return stmt((f) => {
      const a = fe(f), z = te(f), sv = se ? se(f) : null;
      const s = bounds(a, z, sv);
      return loop(f, a as number, z as number, s, 0);
    }, true);
  }
  return stmt(async (f) => {
    const a = await A(from)(f), z = await A(to)(f), sv = stepE ? await A(stepE)(f) : null;
    const s = bounds(a, z, sv);
    const run = f.run, slots = f.s;
    for (let k = 0; ; k++) {
      const v = (a as number) + k * s;
      if (s > 0 ? v > (z as number) : v < (z as number)) return NORMAL;
      if ((++run.ticks & 127) === 0 && yieldDue(run)) await maybeYield(run);
      const sig = run.signal;
      if (sig !== undefined && sig.aborted) throw sig.reason;
      slots[slot] = v;
      const r = body.isAsync ? await body.run(f) : b(f);
      if (r !== NORMAL) {
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return RETURN;
      }
    }
  }, true);
}

/** True when running `nodes` could change a variable's nested contents (SET with a path, FETCH, or a user call). */
export function mayMutate(nodes: unknown): boolean {
  const seen: unknown[] = [nodes];
  while (seen.length) {
    const n = seen.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) { seen.push(...n); continue; }
    const k = (n as { kind?: string }).kind;
    if (k === 'SetStatement' && (n as SetStatement).path.length > 0) return true;
    if (k === 'FetchStatement') return true;
    if (k === 'CallExpr' && !findBuiltin((n as { callee: { name: string } }).callee.name)) return true;
    for (const v of Object.values(n)) if (v && typeof v === 'object') seen.push(v);
  }
  return false;
}

function compileForEach(c: Compiler, node: ForEachStatement, scope: Scope): CStmt {
  if (node.iterable.kind === 'VariableName') {
    const info = scope.lookup(node.iterable.name);
    if (info?.kind === 'cursor') return compileCursorLoop(c, node, scope, info);
  }
  const it = c.expr(node.iterable, scope), site = node.iterable.span.from;
  const inner = new Scope(scope, scope.fn);
  const slot = inner.declare(node.variable.name, 'loop', null).slot;
  const body = c.block(node.body, inner, { sameScope: true });
  const copy = mayMutate(node.body);
  return stmt(async (f) => {
    const v = await A(it)(f);
    const items = iterableItems(v, site);
    const run = f.run;
    for (let i = 0; i < items.length; i++) {
      if ((++run.ticks & 127) === 0 && yieldDue(run)) await maybeYield(run);
      checkpoint(run);
      f.s[slot] = copy ? copyValue(items[i]) : items[i];
      const r = body.isAsync ? await body.run(f) : (body.run(f) as Completion);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return RETURN;
    }
    return NORMAL;
  }, true);
}

/** The §8.1 error document of a caught error. */
export function errorDocument(e: EscriptError): DocumentValue {
  const d = e.toDocument();
  return new Map<string, Value>([
    ['type', d.type], ['code', d.code], ['message', d.message], ['line', d.line], ['column', d.column],
    ['procedure', d.procedure], ['stack', d.stack],
  ]);
}

function compileTry(c: Compiler, node: TryStatement, scope: Scope): CStmt {
  const body = c.block(node.body, scope);
  const catches = node.catches.map((k) => {
    const inner = new Scope(scope, scope.fn);
    const slot = inner.declare('error', 'var', null, true).slot;
    const t = k.errorType?.toLowerCase() ?? null;
    return { type: t === 'error' ? null : t, slot, body: c.block(k.body, inner, { sameScope: true }) };
  });
  const fin = node.finallyBody ? c.block(node.finallyBody, scope) : null;
  const NONE = Symbol('none');
  return stmt(async (f) => {
    const run = f.run;
    let completion: Completion = NORMAL;
    let pendingError: unknown = NONE;
    try {
      completion = await body.run(f);
    } catch (e) {
      if (!catchable(run, e)) throw e;
      locate(e, f);
      const k = catches.find((x) => x.type === null || x.type === e.type);
      if (!k) pendingError = e;
      else {
        try {
          f.s[k.slot] = errorDocument(e);
          f.t[k.slot] = ANY_TYPE;
          completion = await k.body.run(f);
        } catch (e2) {
          if (!catchable(run, e2)) throw e2;
          locate(e2, f);
          pendingError = e2;
        }
      }
    }
    if (fin) {
      const rv = f.rv;
      const fc = await fin.run(f);
      if (fc !== NORMAL) return fc;
      f.rv = rv;
    }
    if (pendingError !== NONE) throw pendingError;
    return completion;
  }, true);
}

// ---------------------------------------------------------------------------------------------
// SET (§7.2, §18.7)
