/**
 * The JIT's code emitter (docs/ARCHITECTURE.md decision 14): the generated function's text, its
 * locals and constants, labels of the state machine, and what can suspend. expressions.ts and
 * codegen.ts build on it.
 */
import type { Expr, Statement } from '../../../language/ast';
import { findBuiltin } from '../../builtins';
import type { TypeSpec } from '../../types';
import type { VarInfo } from '../scope';

/** The routine uses something the JIT does not compile; it stays on the closure path. */
export class NotJittable extends Error {}

/**
 * A compiled expression: JavaScript source, and whether its value is fresh (§4.5: storing it needs no
 * copy) or, being of a declared scalar type, immutable (no copy needed either).
 */
export interface JExpr { code: string; fresh: boolean; scalar?: boolean }

export const SCALAR_TYPES = new Set(['NUMBER', 'FLOAT', 'DOUBLE', 'INT', 'INTEGER', 'LONG', 'STRING', 'BOOLEAN', 'DATE']);

/** Type checks inlined for the common scalar types (the others call the TypeSpec's coerce). */
export function inlineCheck(t: TypeSpec, x: string): string | null {
  switch (t.text.toUpperCase()) {
    case 'NUMBER': case 'FLOAT': case 'DOUBLE': return `(typeof ${x} === 'number' || ${x} === null)`;
    case 'STRING': return `(typeof ${x} === 'string' || ${x} === null)`;
    case 'BOOLEAN': return `(typeof ${x} === 'boolean' || ${x} === null)`;
    case 'ANY': return 'true';
    default: return null;
  }
}

/** Output, locals, constants and labels of one generated function. */
export abstract class Emitter {
  protected readonly out: string[] = [];
  protected readonly locals: string[] = [];
  protected readonly constants: unknown[] = [];
  private readonly constIndex = new Map<unknown, number>();
  protected nextPc = 2;
  private nextTemp = 0;

  // -------------------------------------------------------------------------------------------
  // Helpers

  protected emit(line: string): void {
    this.out.push(line);
  }

  protected k(value: unknown): string {
    let i = this.constIndex.get(value);
    if (i === undefined) {
      i = this.constants.length;
      this.constants.push(value);
      this.constIndex.set(value, i);
    }
    return `K${i}`;
  }

  protected temp(): string {
    const t = `$t${this.nextTemp++}`;
    this.locals.push(t);
    return t;
  }

  protected pc(): number {
    return this.nextPc++;
  }

  protected varName(info: VarInfo): string {
    const n = `v${info.slot}`;
    if (!this.locals.includes(n)) this.locals.push(n);
    return n;
  }

  protected typeName(info: VarInfo): string {
    const n = `T${info.slot}`;
    if (!this.locals.includes(n)) this.locals.push(n);
    return n;
  }

  /** The code that saves this invocation and returns SUSPEND (the suspension is in run.susp). */
  protected suspendCode(resumePc: number, atCall: boolean): string {
    return `{ run.susp.frames.push([R, ${resumePc}, ${atCall}, site, $e, $SAVED]); return SUSPEND; }`;
  }

  protected jump(pc: number): string {
    return `{ $pc = ${pc}; continue $D; }`;
  }

  protected check(): string {
    return 'if ($sig !== undefined && $sig.aborted) throw $sig.reason;';
  }

  protected own(e: JExpr): string {
    return e.fresh || e.scalar ? e.code : `COPY(${e.code})`;
  }

  /** Assigns `value` to a variable of type `t` (a static TypeSpec, or the JS name of a dynamic one). */
  protected assign(target: string, t: TypeSpec | string, value: string, name: string, site: number): string {
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

  protected local(name: string): void {
    if (!this.locals.includes(name)) this.locals.push(name);
  }

  // -------------------------------------------------------------------------------------------
  // What can suspend

  protected isSuspendingCall(node: Expr): boolean {
    if (node.kind !== 'CallExpr') return false;
    const b = findBuiltin(node.callee.name);
    return !b || b.async;
  }

  /** The expression contains a call that may suspend (a stored routine or a store function). */
  protected suspends(node: Expr | null): boolean {
    if (!node) return false;
    let found = false;
    walk(node, (n) => { if (this.isSuspendingCall(n as Expr)) found = true; });
    return found;
  }

  protected stmtSuspends(node: Statement): boolean {
    let found = false;
    walk(node, (n) => {
      const k = (n as { kind?: string }).kind;
      if (k === 'ForRangeStatement' || k === 'ForEachStatement' || k === 'WhileStatement' || k === 'LoopStatement' || k === 'TryStatement') found = true;
      else if (k === 'CallExpr' && this.isSuspendingCall(n as Expr)) found = true;
    });
    return found;
  }

  protected blockSuspends(stmts: Statement[]): boolean {
    return stmts.some((s) => this.stmtSuspends(s));
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
