/**
 * The JIT's code generator (docs/ARCHITECTURE.md decision 14): turns the body of a stored routine
 * into the source of one JavaScript function whose variables are JavaScript locals, so that V8
 * compiles elastic-script loops and calls like its own.
 *
 * The function is a resumable state machine (see suspend.ts): statements that can suspend (calls of
 * stored routines and store functions, and loops, which yield every ~8 ms) sit at `case` labels of
 * `$D: for (;;) switch ($pc)`, and the rest stays structured JavaScript. A routine using anything
 * outside the supported subset (TRY, SWITCH, cursors, queries, async pipes, lambdas, local
 * functions, …) throws NotJittable here and keeps running on the closure compiler, which remains
 * the reference implementation: every check and message below calls the same functions it does.
 */
import type { Expr, Statement, TypeRef } from '../../../language/ast';
import { findBuiltin, type Builtin } from '../../builtins';
import { builtinInvoker } from '../calls';
import type { TypeSpec } from '../../types';
import { ANY_TYPE, typeSpec } from '../../types';
import { producesValue, siteRoutineCache } from '../routines';
import type { PathStep } from '../assignments';
import { mayMutate } from '../statements';
import { FnCtx, Scope, type VarInfo } from '../scope';

/** The routine uses something the JIT does not compile; it stays on the closure path. */
export class NotJittable extends Error {}

/**
 * A compiled expression: JavaScript source, and whether its value is fresh (§4.5: storing it needs no
 * copy) or, being of a declared scalar type, immutable (no copy needed either).
 */
interface JExpr { code: string; fresh: boolean; scalar?: boolean }

const SCALAR_TYPES = new Set(['NUMBER', 'FLOAT', 'DOUBLE', 'INT', 'INTEGER', 'LONG', 'STRING', 'BOOLEAN', 'DATE']);

interface LoopCtx {
  /** A structured JavaScript loop (its label), or a flattened one (its labels in the state machine). */
  js: string | null;
  exitPc: number;
  continuePc: number;
  /** How many TRY regions were open when the loop began (jumps out of it leave the ones opened since). */
  tryDepth: number;
}

/**
 * An open TRY region (§8.4). Its handler id is what `$try` holds while the region is active; a FINALLY
 * region keeps the completion that is passing through it in its own locals: `c` 0 normal, 1 RETURN
 * (value in `rv`), 2 a jump (label in `j`, handler to restore in `jt`); `p` a pending error.
 */
interface TryCtx {
  id: number;
  parent: number;
  finallyPc: number | null;
  c: string; rv: string; j: string; jt: string; p: string;
}

/** What the generator needs from its caller: constants live in one array passed to the factory. */
export interface Generated {
  source: string;
  constants: unknown[];
}

const OPS: Record<string, string> = {
  '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV', '%': 'MOD', '||': 'CONCAT',
  '==': 'EQ', '!=': 'NE', '<>': 'NE', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE',
};

/** Type checks inlined for the common scalar types (the others call the TypeSpec's coerce). */
function inlineCheck(t: TypeSpec, x: string): string | null {
  switch (t.text.toUpperCase()) {
    case 'NUMBER': case 'FLOAT': case 'DOUBLE': return `(typeof ${x} === 'number' || ${x} === null)`;
    case 'STRING': return `(typeof ${x} === 'string' || ${x} === null)`;
    case 'BOOLEAN': return `(typeof ${x} === 'boolean' || ${x} === null)`;
    case 'ANY': return 'true';
    default: return null;
  }
}

/** Generates the function for one routine body. */
export class RoutineGenerator {
  private readonly out: string[] = [];
  private readonly locals: string[] = [];
  private readonly constants: unknown[] = [];
  private readonly constIndex = new Map<unknown, number>();
  private readonly loops: LoopCtx[] = [];
  private readonly tries: TryCtx[] = [];
  /** Handler id → [label of its handler code, enclosing handler id]; id 0 is "none". */
  private readonly handlers: [number, number][] = [[0, 0]];
  private nextPc = 2;
  private nextTemp = 0;
  private readonly endPc = 1;
  private readonly fn: FnCtx;

  constructor(
    private readonly name: string,
    private readonly params: { name: string; type: TypeRef }[],
    private readonly returns: TypeSpec | null,
    private readonly body: Statement[],
  ) {
    this.fn = new FnCtx(null, { routine: name, frameName: name, source: '' }, name, returns);
  }

  generate(): Generated {
    const scope = new Scope(null, this.fn);
    const paramNames: string[] = [];
    for (const p of this.params) {
      const info = scope.declare(p.name, 'param', typeSpec(p.type));
      paramNames.push(this.varName(info));
    }
    const stmts = this.body.filter((s) => s.kind !== 'EmptyStatement');
    // The implicit result is the last statement's value (§3.3), as Invocable.lastHasValue decides it.
    const lastNode = this.body[this.body.length - 1];
    const last = lastNode !== undefined && producesValue(lastNode) ? lastNode : null;
    this.emit('case 2:');
    this.nextPc = 3;
    for (const s of stmts) this.statement(s, scope, true, s === last);
    this.emit(`case ${this.endPc}: break $D;`);
    return { source: this.assemble(paramNames), constants: this.constants };
  }

  // -------------------------------------------------------------------------------------------
  // Assembly

  private assemble(paramNames: string[]): string {
    const own = this.locals.filter((l) => !paramNames.includes(l));
    const saved = ['$sv', ...(this.handlers.length > 1 ? ['$try'] : []), ...paramNames, ...own];
    const restore = saved.map((l, i) => `${l} = st[${i + 5}];`).join(' ');
    const consts = this.constants.map((_, i) => `const K${i} = K[${i}];`).join('\n');
    const params = paramNames.map((_, i) => `p${i}`);
    return `"use strict";
const { ADD, SUB, MUL, DIV, MOD, CONCAT, EQ, NE, LT, LE, GT, GE, NEG, TRUTHY, RENDER, COPY, EMIT, SUSPEND, suspendToYield,
  yieldIsDue, resumeNext, takeSuspension, depthExceeded, locate, finish, assignFail, returnFail, paramFail, callSlow,
  callBuiltin, readKey, readIndex, valuesEqual, inArray, runtimeTypeSpec, forStep, iterable, appendItem, thrownError,
  undeclared, readOnly, alreadyDeclared, makeDocument, MISMATCH, catchable, errorDocument, ANY_TYPE, assignAtPath } = RT;
${consts}
return function J(run, st, site${params.map((p) => `, ${p}`).join('')}) {
  let $pc = 2, $res = false, $e, $sv = null${this.handlers.length > 1 ? ', $try = 0' : ''}${paramNames.map((v, i) => `, ${v} = p${i}`).join('')}${own.map((l) => `, ${l}`).join('')};
  const $sig = run.signal;
  if (st !== null) {
    $pc = st[1]; $res = st[2]; $e = st[4]; ${restore}
  } else {
    const $stack = run.stack, $d = $stack.length;
    if ($d > 256) depthExceeded(NAME, site);
    if ($sig !== undefined && $sig.aborted) throw $sig.reason;
    // Stack entries are pooled by depth: an entry is free again once popped (errors copy what they need).
    $e = run.entryPool[$d];
    if ($e === undefined) $e = run.entryPool[$d] = { unit: UNIT, callSite: -1 }; else { $e.unit = UNIT; $e.callSite = -1; }
    $stack.push($e);
    if ((++run.ticks & 1023) === 0 && yieldIsDue(run)) {
      suspendToYield(run).frames.push([J, 2, false, site, $e, ${saved.join(', ')}]);
      return SUSPEND;
    }
  }
${this.handlers.length > 1 ? this.dispatcherWithHandlers() : this.dispatcher()}
  run.stack.pop();
  return finish(META, $sv, site);
};
`.replace(/\$SAVED/g, () => saved.join(', '));
  }

  private dispatcher(): string {
    return `  try {
    $D: for (;;) switch ($pc) {
${this.out.join('\n')}
      default: throw new Error('internal error: bad resume label ' + $pc);
    }
  } catch (e) {
    locate(e, UNIT, run);
    run.stack.pop();
    throw e;
  }`;
  }

  /**
   * With TRY statements: an error caught at the dispatcher goes to the handler of the innermost active
   * region (`$try`), unless it may not be caught (the run's own stop, §13.10) or none is active.
   */
  private dispatcherWithHandlers(): string {
    const labels = this.handlers.map((h) => h[0]).join(', '), parents = this.handlers.map((h) => h[1]).join(', ');
    return `  const $HL = [${labels}], $HP = [${parents}];
  $D: for (;;) {
    try {
      switch ($pc) {
${this.out.join('\n')}
        default: throw new Error('internal error: bad resume label ' + $pc);
      }
    } catch (e) {
      locate(e, UNIT, run);
      if ($try === 0 || !catchable(run, e)) { run.stack.pop(); throw e; }
      $err = e; $pc = $HL[$try]; $try = $HP[$try];
    }
  }`;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private emit(line: string): void {
    this.out.push(line);
  }

  private k(value: unknown): string {
    let i = this.constIndex.get(value);
    if (i === undefined) {
      i = this.constants.length;
      this.constants.push(value);
      this.constIndex.set(value, i);
    }
    return `K${i}`;
  }

  private temp(): string {
    const t = `$t${this.nextTemp++}`;
    this.locals.push(t);
    return t;
  }

  private pc(): number {
    return this.nextPc++;
  }

  private varName(info: VarInfo): string {
    const n = `v${info.slot}`;
    if (!this.locals.includes(n)) this.locals.push(n);
    return n;
  }

  private typeName(info: VarInfo): string {
    const n = `T${info.slot}`;
    if (!this.locals.includes(n)) this.locals.push(n);
    return n;
  }

  /** The code that saves this invocation and returns SUSPEND (the suspension is in run.susp). */
  private suspendCode(resumePc: number, atCall: boolean): string {
    return `{ run.susp.frames.push([J, ${resumePc}, ${atCall}, site, $e, $SAVED]); return SUSPEND; }`;
  }

  private jump(pc: number): string {
    return `{ $pc = ${pc}; continue $D; }`;
  }

  private check(): string {
    return 'if ($sig !== undefined && $sig.aborted) throw $sig.reason;';
  }

  private own(e: JExpr): string {
    return e.fresh || e.scalar ? e.code : `COPY(${e.code})`;
  }

  /** Assigns `value` to a variable of type `t` (a static TypeSpec, or the JS name of a dynamic one). */
  private assign(target: string, t: TypeSpec | string, value: string, name: string, site: number): string {
    const x = this.temp();
    if (typeof t !== 'string') {
      const inline = inlineCheck(t, x);
      if (inline === 'true') return `${target} = ${value};`;
      if (inline) return `${x} = ${value}; if (!${inline}) assignFail(${this.k(name)}, ${this.k(t)}, ${x}, ${site}); ${target} = ${x};`;
      const y = this.temp();
      return `${x} = ${value}; ${y} = ${this.k(t)}.coerce(${x}); if (${y} === MISMATCH) assignFail(${this.k(name)}, ${this.k(t)}, ${x}, ${site}); ${target} = ${y};`;
    }
    const y = this.temp();
    return `${x} = ${value}; ${y} = ${t}.coerce(${x}); if (${y} === MISMATCH) assignFail(${this.k(name)}, ${t}, ${x}, ${site}); ${target} = ${y};`;
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  /**
   * Emits one statement. `flat`: the statement is at a `case` level of the state machine, where it
   * may suspend; otherwise it is inside structured JavaScript and must not (the caller checked).
   */
  private statement(node: Statement, scope: Scope, flat: boolean, isLastValue = false): void {
    this.emit(this.check());
    switch (node.kind) {
      case 'EmptyStatement': return;
      case 'ExpressionStatement': case 'CallStatement': {
        const e = this.expr(node.kind === 'CallStatement' ? node.call : node.expression, scope, flat);
        this.emit(isLastValue ? `$sv = ${e.code};` : `${e.code};`);
        return;
      }
      case 'DeclareStatement': {
        for (const d of node.declarations) {
          const init = d.init ? this.expr(d.init, scope, flat) : null;
          const name = d.name.name, site = d.name.span.from;
          if (scope.names.has(name)) {
            this.emit(`${init ? `${init.code}; ` : ''}alreadyDeclared(${this.k(name)}, ${site});`);
            continue;
          }
          const kind = node.keyword === 'CONST' ? 'const' : 'var';
          const type = d.type ? typeSpec(d.type) : node.keyword === 'DECLARE' ? ANY_TYPE : null;
          const info = scope.declare(name, kind, type, type === null);
          const v = this.varName(info);
          const value = init ? this.own(init) : 'null';
          if (type) this.emit(this.assign(v, type, value, name, site));
          else {
            const t = this.typeName(info);
            this.emit(`${v} = ${value}; ${t} = runtimeTypeSpec(${v});`);
          }
        }
        return;
      }
      case 'SetStatement': return this.set(node, scope, flat);
      case 'PrintStatement': {
        const e = this.expr(node.value, scope, flat);
        this.emit(`EMIT(run, RENDER(${e.code}), ${this.k(node.level)}, ${node.span.from});`);
        return;
      }
      case 'ReturnStatement': {
        const e = node.value ? this.expr(node.value, scope, flat) : null;
        const v = this.temp();
        this.emit(`${v} = ${e ? this.own(e) : 'null'};`);
        const ret = this.returns;
        if (ret) {
          const inline = inlineCheck(ret, v);
          if (inline === null) {
            const y = this.temp();
            this.emit(`${y} = ${this.k(ret)}.coerce(${v}); if (${y} === MISMATCH) returnFail(META, ${v}, ${node.keywordSpan.from}); ${v} = ${y};`);
          } else if (inline !== 'true') {
            this.emit(`if (!${inline}) returnFail(META, ${v}, ${node.keywordSpan.from});`);
          }
        }
        this.emit(this.returnCode(v, this.tries.length));
        return;
      }
      case 'TryStatement': return this.tryStatement(node, scope);
      case 'ThrowStatement': {
        const e = this.expr(node.value, scope, flat);
        const x = this.temp();
        this.emit(`${x} = ${e.code};`);
        const code = node.code ? this.expr(node.code, scope, flat) : null;
        this.emit(`throw thrownError(${x}, ${code ? code.code : 'undefined'}, ${node.keywordSpan.from});`);
        return;
      }
      case 'BreakStatement': this.emit(this.loopJump('exit')); return;
      case 'ContinueStatement': this.emit(this.loopJump('continue')); return;
      case 'ExitStatement': {
        if (!node.when) { this.emit(this.loopJump('exit')); return; }
        const e = this.expr(node.when, scope, flat);
        this.emit(`if (TRUTHY(${e.code}, ${node.when.span.from})) ${this.loopJump('exit')}`);
        return;
      }
      case 'IfStatement': return this.ifStatement(node, scope, flat);
      case 'ForRangeStatement': case 'ForEachStatement': case 'WhileStatement': case 'LoopStatement':
        if (!flat) throw new Error('internal error: a loop outside the state machine');
        return this.loop(node, scope);
      default:
        throw new NotJittable(node.kind);
    }
  }

  private loopJump(kind: 'exit' | 'continue'): string {
    const l = this.loops[this.loops.length - 1];
    // EXIT / CONTINUE outside a loop end the invocation, as their completion does on the closure path.
    if (!l) return this.jump(this.endPc);
    if (l.js !== null) return kind === 'exit' ? `break ${l.js};` : `continue ${l.js};`;
    const target = kind === 'exit' ? l.exitPc : l.continuePc;
    const crossed = this.tries.slice(l.tryDepth);
    if (crossed.length === 0) return this.jump(target);
    // Leaving TRY regions: their FINALLY blocks run first, innermost first, then the jump lands with the
    // handler that was active at the loop.
    const active = crossed[0].parent;
    const fins = crossed.filter((t) => t.finallyPc !== null).reverse();
    if (fins.length === 0) return `{ $try = ${active}; $pc = ${target}; continue $D; }`;
    const set: string[] = [];
    for (let i = 0; i < fins.length; i++) {
      const next = fins[i + 1];
      set.push(`${fins[i].c} = 2; ${fins[i].j} = ${next ? next.finallyPc : target}; ${fins[i].jt} = ${next ? next.parent : active};`);
    }
    return `{ ${set.join(' ')} $try = ${fins[0].parent}; $pc = ${fins[0].finallyPc}; continue $D; }`;
  }

  /** RETURN of the value in `v` from inside the first `depth` open TRY regions: through their FINALLY blocks. */
  private returnCode(v: string, depth: number): string {
    const fin = this.tries.slice(0, depth).reverse().find((t) => t.finallyPc !== null);
    if (!fin) return `{ run.stack.pop(); return ${v}; }`;
    return `{ ${fin.c} = 1; ${fin.rv} = ${v}; $try = ${fin.parent}; $pc = ${fin.finallyPc}; continue $D; }`;
  }

  /**
   * TRY / CATCH / FINALLY (§8.4), as the closure path runs it: a caught error is located, then the first
   * CATCH of its type (or catch-all) runs with `error` = its document; an error in a CATCH, or one no
   * CATCH takes, waits for FINALLY and is raised again after it; FINALLY runs on every way out,
   * RETURN and loop jumps included, and keeps what the TRY was returning.
   */
  private tryStatement(node: Extract<Statement, { kind: 'TryStatement' }>, scope: Scope): void {
    const parent = this.tries.length ? this.tries[this.tries.length - 1].id : 0;
    const hasFinally = node.finallyBody !== null;
    this.local('$err');
    const ctx: TryCtx = {
      id: this.handlers.length, parent, finallyPc: hasFinally ? this.pc() : null,
      c: this.temp(), rv: this.temp(), j: this.temp(), jt: this.temp(), p: this.temp(),
    };
    const catchPc = this.pc(), endPc = this.pc();
    this.handlers.push([catchPc, parent]);
    const afterTry = hasFinally ? ctx.finallyPc! : endPc;
    this.emit(`${ctx.c} = 0; ${ctx.p} = undefined; $try = ${ctx.id};`);
    this.tries.push(ctx);
    this.block(node.body, scope, true);
    this.tries.pop();
    this.emit(`$try = ${parent}; ${this.jump(afterTry)}`);

    // The handler: $err holds the located error; $try is the parent's again.
    this.emit(`case ${catchPc}:`);
    const clauses: { pc: number; region: TryCtx | null; node: (typeof node.catches)[number]; scope: Scope }[] = [];
    let catchAll = false;
    for (const k of node.catches) {
      const t = k.errorType?.toLowerCase() ?? null;
      const type = t === 'error' ? null : t;
      const inner = new Scope(scope, scope.fn);
      const info = inner.declare('error', 'var', null, true);
      // With FINALLY, an error inside the CATCH waits for it: the CATCH body is a region of its own.
      let region: TryCtx | null = null;
      if (hasFinally) {
        region = { ...ctx, id: this.handlers.length };
        this.handlers.push([-1, parent]);
      }
      const pc = this.pc();
      clauses.push({ pc, region, node: k, scope: inner });
      const test = type === null ? 'true' : `$err.type === ${JSON.stringify(type)}`;
      this.emit(`if (${test}) { ${this.varName(info)} = errorDocument($err); ${this.typeName(info)} = ANY_TYPE;${region ? ` $try = ${region.id};` : ''} ${this.jump(pc)} }`);
      if (type === null) { catchAll = true; break; }
    }
    // No CATCH takes it: FINALLY first, then it goes on.
    if (!catchAll) this.emit(hasFinally ? `${ctx.p} = $err; ${this.jump(ctx.finallyPc!)}` : 'throw $err;');
    for (const k of clauses) {
      this.emit(`case ${k.pc}:`);
      if (k.region) this.tries.push(k.region);
      this.block(k.node.body, k.scope, true, true);
      if (k.region) this.tries.pop();
      this.emit(`$try = ${parent}; ${this.jump(afterTry)}`);
    }
    if (hasFinally) {
      const pendingPc = this.pc();
      for (const k of clauses) this.handlers[k.region!.id][0] = pendingPc;
      this.emit(`case ${pendingPc}:`);
      this.emit(`${ctx.p} = $err; ${this.jump(ctx.finallyPc!)}`);
      this.emit(`case ${ctx.finallyPc}:`);
      this.block(node.finallyBody!, scope, true);
      this.emit(`if (${ctx.p} !== undefined) { $err = ${ctx.p}; ${ctx.p} = undefined; throw $err; }`);
      this.emit(`if (${ctx.c} === 1) ${this.returnCode(ctx.rv, this.tries.length)}`);
      this.emit(`if (${ctx.c} === 2) { $try = ${ctx.jt}; $pc = ${ctx.j}; continue $D; }`);
    }
    this.emit(`case ${endPc}:`);
  }

  private local(name: string): void {
    if (!this.locals.includes(name)) this.locals.push(name);
  }

  private set(node: Extract<Statement, { kind: 'SetStatement' }>, scope: Scope, flat: boolean): void {
    const name = node.target.name, site = node.target.span.from;
    const info = scope.lookup(name);
    if (!info) { this.emit(`undeclared(${this.k(name)}, ${site});`); return; }
    if (info.kind === 'const' || info.kind === 'loop') { this.emit(`readOnly(${this.k(name)}, ${site});`); return; }
    const v = this.varName(info);
    const t: TypeSpec | string = info.dynamicType ? this.typeName(info) : info.type ?? ANY_TYPE;
    if (node.path.length > 0) {
      // `SET x.a[i].b = e` (§7.2): indexes, then the value, left to right; the path written by assignAtPath.
      const steps: PathStep[] = node.path.map((p) => (p.kind === 'key' ? { kind: 'key', key: p.key, site: p.span.from } : { kind: 'index', site: p.span.from }));
      const exprs = node.path.flatMap((p) => (p.kind === 'index' ? [p.index] : []));
      const evaluated = this.operands([...exprs, node.value], scope, flat);
      const value = evaluated.pop()!;
      let j = 0;
      const idx = node.path.map((p) => (p.kind === 'index' ? evaluated[j++].code : 'null'));
      const type = typeof t === 'string' ? t : this.k(t);
      this.emit(`${v} = assignAtPath(${v}, ${this.k(steps)}, [${idx.join(', ')}], ${this.own(value)}, ${type}, ${this.k(name)}, ${site});`);
      return;
    }
    const value: Expr = node.value;
    // `SET a = ARRAY_APPEND(a, x)` appends in place: the old array can no longer be observed (bench docs).
    const staticText = typeof t === 'string' ? null : t.text;
    if (value.kind === 'CallExpr' && value.callee.name.toUpperCase() === 'ARRAY_APPEND' && value.args.length === 2
      && value.args[0].kind === 'VariableName' && value.args[0].name === name
      && (staticText === null || staticText === 'ARRAY' || staticText === 'ANY') && !this.suspends(value.args[1])) {
      const item = this.expr(value.args[1], scope, false);
      const general = this.expr(value, scope, false);
      this.emit(`if (Array.isArray(${v})) appendItem(${v}, ${this.own(item)}, ${value.span.from}); else { ${this.assign(v, t, this.own(general), name, site)} }`);
      return;
    }
    const e = this.expr(value, scope, flat);
    this.emit(this.assign(v, t, this.own(e), name, site));
  }

  private ifStatement(node: Extract<Statement, { kind: 'IfStatement' }>, scope: Scope, flat: boolean): void {
    const flatten = flat && (node.branches.some((b, i) => (i > 0 && this.suspends(b.test)) || this.blockSuspends(b.body))
      || (node.otherwise !== null && this.blockSuspends(node.otherwise)));
    if (!flatten) {
      const first = this.expr(node.branches[0].test, scope, flat);
      let code = `if (TRUTHY(${first.code}, ${node.branches[0].test.span.from})) {`;
      this.emit(code);
      this.block(node.branches[0].body, scope, false);
      for (const b of node.branches.slice(1)) {
        const t = this.expr(b.test, scope, false);
        this.emit(`} else if (TRUTHY(${t.code}, ${b.test.span.from})) {`);
        this.block(b.body, scope, false);
      }
      if (node.otherwise) {
        this.emit('} else {');
        this.block(node.otherwise, scope, false);
      }
      code = '}';
      this.emit(code);
      return;
    }
    const end = this.pc();
    for (const b of node.branches) {
      const next = this.pc();
      const t = this.expr(b.test, scope, true);
      this.emit(`if (!TRUTHY(${t.code}, ${b.test.span.from})) ${this.jump(next)}`);
      this.block(b.body, scope, true);
      this.emit(this.jump(end));
      this.emit(`case ${next}:`);
    }
    if (node.otherwise) this.block(node.otherwise, scope, true);
    this.emit(`case ${end}:`);
  }

  private block(stmts: Statement[], scope: Scope, flat: boolean, sameScope = false): void {
    const s = sameScope ? scope : new Scope(scope, scope.fn);
    for (const x of stmts) {
      if (x.kind === 'EmptyStatement') continue;
      this.statement(x, s, flat && this.stmtSuspends(x));
    }
  }

  /** Loops: each iteration checks cancellation and the yield rule (§13.10), as on the closure path. */
  private loop(node: Extract<Statement, { kind: 'ForRangeStatement' | 'ForEachStatement' | 'WhileStatement' | 'LoopStatement' }>, scope: Scope): void {
    const structured = !this.blockSuspends(node.body) && !(node.kind === 'WhileStatement' && this.suspends(node.test));
    const inner = new Scope(scope, scope.fn);
    // Set-up before the loop, evaluated once.
    let head: string, step = '', setVar = '';
    if (node.kind === 'ForRangeStatement') {
      const from = this.expr(node.from, scope, true), a = this.temp();
      this.emit(`${a} = ${from.code};`);
      const to = this.expr(node.to, scope, true), z = this.temp();
      this.emit(`${z} = ${to.code};`);
      const sv = node.step ? this.expr(node.step, scope, true) : null;
      const s = this.temp(), k = this.temp(), x = this.temp();
      this.emit(`${s} = forStep(${a}, ${z}, ${sv ? sv.code : 'null'}, ${node.from.span.from}, ${node.step ? node.step.span.from : -1}); ${k} = 0;`);
      const info = inner.declare(node.variable.name, 'loop', null);
      head = `${x} = ${a} + ${k} * ${s}; if (${s} > 0 ? ${x} > ${z} : ${x} < ${z}) `;
      setVar = `${this.varName(info)} = ${x};`;
      step = `${k}++`;
    } else if (node.kind === 'ForEachStatement') {
      if (node.iterable.kind === 'VariableName' && scope.lookup(node.iterable.name)?.kind === 'cursor') throw new NotJittable('cursor loop');
      const it = this.expr(node.iterable, scope, true), items = this.temp(), i = this.temp();
      this.emit(`${items} = iterable(${it.code}, ${node.iterable.span.from}); ${i} = 0;`);
      const info = inner.declare(node.variable.name, 'loop', null);
      const copy = mayMutate(node.body);
      head = `if (${i} >= ${items}.length) `;
      setVar = `${this.varName(info)} = ${copy ? `COPY(${items}[${i}])` : `${items}[${i}]`};`;
      step = `${i}++`;
    } else {
      head = '';
    }
    const yieldCheck = (resumePc: number) => `if ((++run.ticks & 127) === 0 && yieldIsDue(run)) { suspendToYield(run); ${this.suspendCode(resumePc, false)} }`;
    if (structured) {
      const label = `L${this.pc()}`, top = this.pc();
      this.emit(`case ${top}:`);
      this.emit(`${label}: for (;; ${step}) {`);
      if (node.kind === 'WhileStatement') {
        const t = this.expr(node.test, scope, false);
        head = `if (!TRUTHY(${t.code}, ${node.test.span.from})) `;
      }
      if (head) this.emit(`${head}break;`);
      // Resuming re-enters at `top`: the head has no side effects, so evaluating it again is safe.
      this.emit(yieldCheck(top));
      this.emit(this.check());
      if (setVar) this.emit(setVar);
      this.loops.push({ js: label, exitPc: -1, continuePc: -1, tryDepth: this.tries.length });
      this.block(node.body, inner, false, true);
      this.loops.pop();
      this.emit('}');
      return;
    }
    const top = this.pc(), after = this.pc(), cont = this.pc(), exit = this.pc();
    this.emit(`case ${top}:`);
    if (node.kind === 'WhileStatement') {
      const t = this.expr(node.test, scope, true);
      head = `if (!TRUTHY(${t.code}, ${node.test.span.from})) `;
    }
    if (head) this.emit(`${head}${this.jump(exit)}`);
    this.emit(yieldCheck(after));
    this.emit(`case ${after}:`);
    this.emit(this.check());
    if (setVar) this.emit(setVar);
    this.loops.push({ js: null, exitPc: exit, continuePc: cont, tryDepth: this.tries.length });
    this.block(node.body, inner, true, true);
    this.loops.pop();
    this.emit(`case ${cont}:`);
    this.emit(`${step ? `${step}; ` : ''}${this.jump(top)}`);
    this.emit(`case ${exit}:`);
  }

  // -------------------------------------------------------------------------------------------
  // What can suspend

  private isSuspendingCall(node: Expr): boolean {
    if (node.kind !== 'CallExpr') return false;
    const b = findBuiltin(node.callee.name);
    return !b || b.async;
  }

  /** The expression contains a call that may suspend (a stored routine or a store function). */
  private suspends(node: Expr | null): boolean {
    if (!node) return false;
    let found = false;
    walk(node, (n) => { if (this.isSuspendingCall(n as Expr)) found = true; });
    return found;
  }

  private stmtSuspends(node: Statement): boolean {
    let found = false;
    walk(node, (n) => {
      const k = (n as { kind?: string }).kind;
      if (k === 'ForRangeStatement' || k === 'ForEachStatement' || k === 'WhileStatement' || k === 'LoopStatement' || k === 'TryStatement') found = true;
      else if (k === 'CallExpr' && this.isSuspendingCall(n as Expr)) found = true;
    });
    return found;
  }

  private blockSuspends(stmts: Statement[]): boolean {
    return stmts.some((s) => this.stmtSuspends(s));
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /**
   * Compiles an expression. With `flat`, calls that may suspend are emitted as steps at their own
   * `case` labels first (their operands evaluated into temps before, left to right).
   */
  private expr(node: Expr, scope: Scope, flat: boolean): JExpr {
    switch (node.kind) {
      case 'NumberLiteral': return { code: Object.is(node.value, -0) ? '-0' : String(node.value), fresh: true };
      case 'StringLiteral': return { code: JSON.stringify(node.value), fresh: true };
      case 'BooleanLiteral': return { code: String(node.value), fresh: true };
      case 'NullLiteral': return { code: 'null', fresh: true };
      case 'VariableName': {
        const info = scope.lookup(node.name);
        if (!info) return { code: `undeclared(${this.k(node.name)}, ${node.span.from})`, fresh: true };
        if (info.kind === 'function' || info.kind === 'cursor') throw new NotJittable('function or cursor as a value');
        const scalar = !info.dynamicType && info.type !== null && SCALAR_TYPES.has(info.type.text.toUpperCase());
        return { code: this.varName(info), fresh: false, scalar };
      }
      case 'TemplateString': {
        const parts = this.operands(node.parts.filter((p): p is Expr => typeof p !== 'string'), scope, flat);
        let code = '""', j = 0;
        for (const p of node.parts) {
          const piece = typeof p === 'string' ? JSON.stringify(p) : `RENDER(${parts[j++].code})`;
          code = `CONCAT(${code}, ${piece}, ${node.span.from})`;
        }
        return { code, fresh: true };
      }
      case 'ArrayLiteral': {
        const els = this.operands(node.elements, scope, flat);
        return { code: `[${els.map((e) => this.own(e)).join(', ')}]`, fresh: true };
      }
      case 'DocumentLiteral': {
        const vals = this.operands(node.entries.map((e) => e.value), scope, flat);
        return { code: `makeDocument(${this.k(node.entries.map((e) => e.key))}, [${vals.map((e) => this.own(e)).join(', ')}])`, fresh: true };
      }
      case 'BinaryExpr': {
        const site = node.opSpan.from;
        if (node.op === 'AND' || node.op === 'OR' || node.op === '??') {
          if (this.suspends(node.right)) throw new NotJittable('a suspending call on the right of a short-circuit operator');
          const l = this.expr(node.left, scope, flat), r = this.expr(node.right, scope, false);
          if (node.op === '??') {
            const t = this.temp();
            return { code: `((${t} = ${l.code}) !== null ? ${t} : ${r.code})`, fresh: l.fresh && r.fresh };
          }
          return { code: `(TRUTHY(${l.code}, ${site}) ${node.op === 'AND' ? '&&' : '||'} TRUTHY(${r.code}, ${site}))`, fresh: true };
        }
        const [l, r] = this.operands([node.left, node.right], scope, flat);
        return { code: `${OPS[node.op]}(${l.code}, ${r.code}, ${site})`, fresh: true };
      }
      case 'UnaryExpr': {
        const o = this.expr(node.operand, scope, flat), site = node.opSpan.from;
        return { code: node.op === '-' ? `NEG(${o.code}, ${site})` : `!TRUTHY(${o.code}, ${site})`, fresh: true };
      }
      case 'ConditionalExpr': {
        if (this.suspends(node.then) || this.suspends(node.else)) throw new NotJittable('a suspending call in a conditional branch');
        const t = this.expr(node.test, scope, flat), a = this.expr(node.then, scope, false), b = this.expr(node.else, scope, false);
        return { code: `(TRUTHY(${t.code}, ${node.test.span.from}) ? ${a.code} : ${b.code})`, fresh: a.fresh && b.fresh };
      }
      case 'IsNullExpr': {
        const o = this.expr(node.operand, scope, flat);
        return { code: `(${o.code} ${node.negated ? '!==' : '==='} null)`, fresh: true };
      }
      case 'InExpr': {
        const neg = node.negated;
        if (node.list) {
          if (node.list.some((e) => this.suspends(e))) throw new NotJittable('a suspending call in an IN list');
          const o = this.expr(node.operand, scope, flat), t = this.temp();
          const items = node.list.map((e) => `valuesEqual(${t}, ${this.expr(e, scope, false).code})`);
          return { code: `((${t} = ${o.code}), ${items.length ? items.join(' || ') : 'false'}) !== ${neg}`, fresh: true };
        }
        const [o, arr] = this.operands([node.operand, node.array!], scope, flat);
        return { code: `inArray(${o.code}, ${arr.code}, ${neg}, ${node.opSpan.from})`, fresh: true };
      }
      case 'MemberExpr': case 'IndexExpr': {
        for (let n: Expr = node; n.kind === 'MemberExpr' || n.kind === 'IndexExpr'; n = n.object) {
          if (n.kind === 'MemberExpr' && n.optional) throw new NotJittable('?.');
        }
        if (node.kind === 'MemberExpr') {
          const o = this.expr(node.object, scope, flat);
          return { code: `readKey(${o.code}, ${this.k(node.key)}, ${node.opSpan.from})`, fresh: false };
        }
        const [o, i] = this.operands([node.object, node.index], scope, flat);
        return { code: `readIndex(${o.code}, ${i.code}, ${node.opSpan.from})`, fresh: false };
      }
      case 'CallExpr': return this.call(node, scope, flat);
      default:
        throw new NotJittable(node.kind);
    }
  }

  /**
   * Operands evaluated left to right: when a later one may suspend, the earlier ones are evaluated
   * into temps first, so that their order (and their errors) stay those of the closure path.
   */
  private operands(nodes: Expr[], scope: Scope, flat: boolean): JExpr[] {
    const out: JExpr[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const e = this.expr(nodes[i], scope, flat);
      if (flat && nodes.slice(i + 1).some((n) => this.suspends(n))) {
        const t = this.temp();
        this.emit(`${t} = ${e.code};`);
        out.push({ code: t, fresh: e.fresh });
      } else out.push(e);
    }
    return out;
  }

  private call(node: Extract<Expr, { kind: 'CallExpr' }>, scope: Scope, flat: boolean): JExpr {
    const name = node.callee.name, site = node.callee.span.from;
    if (node.args.some((a) => a.kind === 'LambdaExpr')) throw new NotJittable('lambda');
    const b = findBuiltin(name);
    if (b) {
      const invoker = this.builtinInvoker(b, node.args.length, site);
      const args = this.operands(node.args, scope, flat);
      const argList = `[${args.map((a) => a.code).join(', ')}]`;
      if (!b.async) return { code: `${invoker}(run, ${argList})`, fresh: false };
      if (!flat) throw new Error('internal error: a store function outside the state machine');
      const vals = this.temp(), t = this.temp(), p = this.pc();
      this.emit(`${vals} = ${argList};`);
      this.emit(`case ${p}:`);
      this.emit(`if ($res) { $res = false; ${t} = resumeNext(run); } else ${t} = callBuiltin(run, ${invoker}, ${vals});`);
      this.emit(`if (${t} === SUSPEND) ${this.suspendCode(p, true)}`);
      return { code: t, fresh: false };
    }
    if (!flat) throw new Error('internal error: a call outside the state machine');
    // A stored routine (§9.5): arguments owned and evaluated before any is bound (§6.10).
    const args = this.operands(node.args, scope, flat).map((a) => {
      const t = this.temp();
      this.emit(`${t} = ${this.own(a)};`);
      return t;
    });
    const n = args.length, r = this.temp(), t = this.temp(), p = this.pc();
    const lookup = this.k({ name, cached: siteRoutineCache(name) });
    const argSites = this.k(node.args.map((a) => a.span.from));
    const xs = args.map(() => this.temp());
    const binds = xs.map((x, i) => `${x} = ${r}.params[${i}].type.coerce(${args[i]}); if (${x} === MISMATCH) paramFail(${r}, ${i}, ${args[i]}, ${node.args[i].span.from});`).join(' ');
    this.emit(`$e.callSite = ${site};`);
    this.emit(`case ${p}:`);
    this.emit(`if ($res) { $res = false; ${t} = resumeNext(run); } else {`);
    this.emit(`  ${r} = ${lookup}.cached(run);`);
    if (name === this.name && n === this.params.length) {
      // Recursion into this same definition (bench `fib`): its parameter types are known here, and
      // the call is a direct call V8 can optimise.
      const selfBinds = xs.map((x, i) => {
        const pt = typeSpec(this.params[i].type), fail = `paramFail(${r}, ${i}, ${args[i]}, ${node.args[i].span.from});`;
        const inline = inlineCheck(pt, args[i]);
        if (inline === 'true') return `${x} = ${args[i]};`;
        if (inline) return `if (!${inline}) ${fail} ${x} = ${args[i]};`;
        return `${x} = ${this.k(pt)}.coerce(${args[i]}); if (${x} === MISMATCH) ${fail}`;
      }).join(' ');
      this.emit(`  if (${r} !== undefined && ${r} !== null && ${r}.jit === J) { ${selfBinds} ${t} = J(run, null, ${site}${xs.map((x) => `, ${x}`).join('')}); }`);
      this.emit(`  else if (${r} !== undefined && ${r} !== null && ${r}.jit !== undefined && ${r}.params.length === ${n}) { ${binds} ${t} = ${r}.jit(run, null, ${site}${xs.map((x) => `, ${x}`).join('')}); }`);
    } else {
      this.emit(`  if (${r} !== undefined && ${r} !== null && ${r}.jit !== undefined && ${r}.params.length === ${n}) { ${binds} ${t} = ${r}.jit(run, null, ${site}${xs.map((x) => `, ${x}`).join('')}); }`);
    }
    this.emit(`  else ${t} = callSlow(run, ${lookup}.name, ${site}, ${argSites}, [${args.join(', ')}], ${r});`);
    this.emit('}');
    this.emit(`if (${t} === SUSPEND) ${this.suspendCode(p, true)}`);
    return { code: t, fresh: false };
  }

  private builtinInvoker(b: Builtin, n: number, site: number): string {
    const invoker = builtinInvoker(b, n, site);
    if (!invoker) throw new NotJittable(`${b.name} with ${n} arguments`);
    return this.k(invoker);
  }
}

/** Visits every object node under `root` (AST nodes and arrays of them). */
function walk(root: unknown, visit: (n: object) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) { for (const x of n) stack.push(x); continue; }
    visit(n);
    for (const v of Object.values(n)) if (v && typeof v === 'object') stack.push(v);
  }
}
