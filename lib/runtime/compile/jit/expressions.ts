/**
 * The JIT's expressions (docs/ARCHITECTURE.md decision 14): each compiles to JavaScript source calling
 * the closure path's own operator and check functions; calls that may suspend (stored routines, store
 * functions) become steps of the state machine, their operands evaluated into temps first.
 */
import type { Expr, TypeRef } from '../../../language/ast';
import { findBuiltin, type Builtin } from '../../builtins';
import { typeSpec } from '../../types';
import { builtinInvoker } from '../calls';
import { siteRoutineCache } from '../routines';
import type { Scope } from '../scope';
import { Emitter, inlineCheck, NotJittable, SCALAR_TYPES, type JExpr } from './emitter';

const OPS: Record<string, string> = {
  '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV', '%': 'MOD', '||': 'CONCAT',
  '==': 'EQ', '!=': 'NE', '<>': 'NE', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE',
};

/** Expressions of one generated routine. */
export abstract class ExpressionGenerator extends Emitter {
  constructor(
    protected readonly name: string,
    protected readonly params: { name: string; type: TypeRef }[],
  ) {
    super();
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /**
   * Compiles an expression. With `flat`, calls that may suspend are emitted as steps at their own
   * `case` labels first (their operands evaluated into temps before, left to right).
   */
  protected expr(node: Expr, scope: Scope, flat: boolean): JExpr {
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
  protected operands(nodes: Expr[], scope: Scope, flat: boolean): JExpr[] {
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

  protected call(node: Extract<Expr, { kind: 'CallExpr' }>, scope: Scope, flat: boolean): JExpr {
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

  protected builtinInvoker(b: Builtin, n: number, site: number): string {
    const invoker = builtinInvoker(b, n, site);
    if (!invoker) throw new NotJittable(`${b.name} with ${n} arguments`);
    return this.k(invoker);
  }
}

