/**
 * The JIT's code generator (docs/ARCHITECTURE.md decision 14): turns the body of a stored routine
 * into the source of one JavaScript function whose variables are JavaScript locals, so that V8
 * compiles elastic-script loops and calls like its own. This file has the statements and the
 * function's frame; expressions.ts the expressions, emitter.ts the text and labels.
 *
 * The function is a resumable state machine (see suspend.ts): statements that can suspend (calls of
 * stored routines and store functions, loops, which yield every ~8 ms, and TRY, whose handlers are
 * labels) sit at `case` labels of `$D: for (;;) switch ($pc)`, and the rest stays structured
 * JavaScript. A routine using anything outside the supported subset (cursors, queries, async pipes,
 * EXECUTION operations, lambdas, local functions) throws NotJittable and keeps running on the
 * closure compiler, which remains the reference implementation: every check and message below calls
 * the same functions it does.
 */
import type { Expr, Statement, TypeRef } from '../../../language/ast';
import type { TypeSpec } from '../../types';
import { ANY_TYPE, typeSpec } from '../../types';
import type { PathStep } from '../assignments';
import { producesValue } from '../routines';
import { FnCtx, Scope } from '../scope';
import { mayMutate } from '../statements';
import { inlineCheck, NotJittable } from './emitter';
import { ExpressionGenerator } from './expressions';

export { NotJittable } from './emitter';

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

/** Generates the function for one routine body. */
export class RoutineGenerator extends ExpressionGenerator {
  private readonly loops: LoopCtx[] = [];
  private readonly tries: TryCtx[] = [];
  /** Handler id → [label of its handler code, enclosing handler id]; id 0 is "none". */
  private readonly handlers: [number, number][] = [[0, 0]];
  private readonly endPc = 1;
  private readonly fn: FnCtx;

  constructor(
    name: string,
    params: { name: string; type: TypeRef }[],
    private readonly returns: TypeSpec | null,
    private readonly body: Statement[],
  ) {
    super(name, params);
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

  /**
   * The source: `J`, the entry for calls, and `R`, the entry for resuming a saved invocation, share the
   * same state machine text. Two functions, so that V8's code for `J` never sees a resumption: the
   * restored locals' unknown types would otherwise make every later call slower.
   */
  private assemble(paramNames: string[]): string {
    const own = this.locals.filter((l) => !paramNames.includes(l));
    const saved = ['$sv', ...(this.handlers.length > 1 ? ['$try'] : []), ...paramNames, ...own];
    const restore = saved.map((l, i) => `${l} = st[${i + 5}];`).join(' ');
    const consts = this.constants.map((_, i) => `const K${i} = K[${i}];`).join('\n');
    const params = paramNames.map((_, i) => `p${i}`);
    const declare = (init: boolean) => `let $pc = 2, $res = false, $e, $sv = null${this.handlers.length > 1 ? ', $try = 0' : ''}${paramNames.map((v, i) => `, ${v}${init ? ` = p${i}` : ''}`).join('')}${own.map((l) => `, ${l}`).join('')};`;
    const body = `${this.handlers.length > 1 ? this.dispatcherWithHandlers() : this.dispatcher()}
  run.stack.pop();
  return finish(META, $sv, site);`;
    return `"use strict";
const { ADD, SUB, MUL, DIV, MOD, CONCAT, EQ, NE, LT, LE, GT, GE, NEG, TRUTHY, RENDER, COPY, EMIT, SUSPEND, suspendToYield,
  yieldIsDue, resumeNext, takeSuspension, depthExceeded, locate, finish, assignFail, returnFail, paramFail, callSlow,
  callBuiltin, readKey, readIndex, valuesEqual, inArray, runtimeTypeSpec, forStep, iterable, appendItem, thrownError,
  undeclared, readOnly, alreadyDeclared, makeDocument, MISMATCH, catchable, errorDocument, ANY_TYPE, assignAtPath } = RT;
${consts}
function J(run, st, site${params.map((p) => `, ${p}`).join('')}) {
  ${declare(true)}
  const $sig = run.signal;
  const $stack = run.stack, $d = $stack.length;
  if ($d > 256) depthExceeded(NAME, site);
  if ($sig !== undefined && $sig.aborted) throw $sig.reason;
  // Stack entries are pooled by depth: an entry is free again once popped (errors copy what they need).
  $e = run.entryPool[$d];
  if ($e === undefined) $e = run.entryPool[$d] = { unit: UNIT, callSite: -1 }; else { $e.unit = UNIT; $e.callSite = -1; }
  $stack.push($e);
  if ((++run.ticks & 1023) === 0 && yieldIsDue(run)) {
    suspendToYield(run).frames.push([R, 2, false, site, $e, ${saved.join(', ')}]);
    return SUSPEND;
  }
${body}
}
function R(run, st, site) {
  ${declare(false)}
  const $sig = run.signal;
  $pc = st[1]; $res = st[2]; $e = st[4]; ${restore}
${body}
}
return J;
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
      case 'SwitchStatement': return this.switchStatement(node, scope, flat);
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
      this.emit(`if (TRUTHY(${first.code}, ${node.branches[0].test.span.from})) {`);
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
      this.emit('}');
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

  /**
   * SWITCH (§7.4): the subject once, then each case's values in order until one equals it; the first
   * matching case's body runs, else DEFAULT. SWITCH is not a loop: BREAK inside leaves the enclosing loop.
   */
  private switchStatement(node: Extract<Statement, { kind: 'SwitchStatement' }>, scope: Scope, flat: boolean): void {
    if (node.cases.some((k) => k.values.some((v) => this.suspends(v)))) throw new NotJittable('a suspending call in a CASE value');
    const subject = this.expr(node.subject, scope, flat), x = this.temp();
    this.emit(`${x} = ${subject.code};`);
    const test = (k: (typeof node.cases)[number]) => k.values.map((v) => `valuesEqual(${x}, ${this.expr(v, scope, false).code})`).join(' || ') || 'false';
    const bodies = [...node.cases.map((k) => k.body), ...(node.defaultBody ? [node.defaultBody] : [])];
    if (!(flat && bodies.some((b) => this.blockSuspends(b)))) {
      node.cases.forEach((k, i) => {
        this.emit(`${i === 0 ? '' : '} else '}if (${test(k)}) {`);
        this.block(k.body, scope, false);
      });
      if (node.defaultBody) {
        this.emit(node.cases.length ? '} else {' : '{');
        this.block(node.defaultBody, scope, false);
      }
      if (node.cases.length || node.defaultBody) this.emit('}');
      return;
    }
    const end = this.pc();
    for (const k of node.cases) {
      const next = this.pc();
      this.emit(`if (!(${test(k)})) ${this.jump(next)}`);
      this.block(k.body, scope, true);
      this.emit(this.jump(end));
      this.emit(`case ${next}:`);
    }
    if (node.defaultBody) this.block(node.defaultBody, scope, true);
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
}
