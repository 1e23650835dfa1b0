/**
 * Type-checks an ES|QL expression against the columns before a command and compiles it into a
 * closure over a row. Problems (unknown columns, unknown functions, type mismatches) are collected as
 * messages; evaluation failures (division by zero, multi-values in single-value functions, failed
 * conversions) become null with a warning, as in Elasticsearch.
 */
import type { Expr, CallExpr, Span } from './ast';
import { assertNever, referencesColumns } from './ast';
import type { EsqlContext } from './context';
import { parsing, unknownColumn, verification, type EsqlMessage } from './errors';
import { AGGREGATE_FUNCTIONS } from './functions/aggregates';
import { CAST_TYPES, ConversionFailure, convert, parseDate, unparsedDate } from './functions/convert';
import { addInterval, intervalType, intervalUnit, negateInterval } from './functions/dates';
import { EvalFailure, MULTI_VALUE, type TypeProblem } from './functions/define';
import { SCALAR_FUNCTIONS } from './functions/index';
import { paramFor } from './params';
import { regexErrorReason } from '../regex-reason';
import { cellValues, isNumeric, isStringType, toCell, type Cell, type Column, type EsqlType, type Scalar } from './table';

/** A compiled expression: its type and its evaluator. */
export interface Compiled { type: EsqlType; eval: (row: Cell[]) => Cell }

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const NULL: Compiled = { type: 'null', eval: () => null };
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** Total order on two scalars of one comparable type (versions and IPs compared by their parts). */
export function compareScalars(a: Scalar, b: Scalar, type: EsqlType): number {
  if (type === 'version' || type === 'ip') {
    const pa = String(a).split(/[.\-:]/), pb = String(b).split(/[.\-:]/);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const x = pa[i] ?? '', y = pb[i] ?? '';
      const nx = type === 'ip' && x.includes(':') ? NaN : Number(type === 'ip' ? parseInt(x || '0', 10) : x);
      const ny = Number(type === 'ip' ? parseInt(y || '0', 10) : y);
      const c = x === '' ? -1 : y === '' ? 1 : !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return Math.sign(c);
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Types a string literal converts to implicitly when compared with a value of that type. */
const implicitTarget = (t: EsqlType): boolean =>
  t === 'date' || t === 'date_nanos' || t === 'ip' || t === 'version' || t === 'boolean' || isNumeric(t);

/** Whether `name` is an aggregate function (STATS handles those). */
export const isAggregateCall = (e: Expr): boolean => e.kind === 'Call' && AGGREGATE_FUNCTIONS.has(e.name.toUpperCase());

/** Compiles expressions for one command. */
export class ExpressionCompiler {
  constructor(
    private readonly columns: Column[],
    private readonly ctx: EsqlContext,
    private readonly errors: EsqlMessage[],
    /** `grouping`: compiling a STATS BY clause, where grouping functions (BUCKET) may appear. */
    private readonly options: { grouping?: boolean } = {},
  ) {}

  private text(span: Span): string { return this.ctx.query.slice(span.from, span.to); }
  private error(text: string, span: Span): Compiled { this.errors.push(verification(text, span.from)); return NULL; }

  /** Wraps an evaluator so failures become null plus a warning at `span`. */
  private guarded(span: Span, f: (row: Cell[]) => Cell): (row: Cell[]) => Cell {
    const warnings = this.ctx.warnings;
    return (row) => {
      try { return f(row); } catch (e) {
        if (e instanceof EvalFailure) warnings.failure(span, e.message);
        else if (e instanceof ConversionFailure) warnings.failure(span, e.exception);
        else throw e;
        return null;
      }
    };
  }

  compile(e: Expr): Compiled {
    switch (e.kind) {
      case 'Literal': { const v = e.value; return { type: e.valueType, eval: () => v }; }
      case 'List': {
        const items = e.items.map((i) => this.compile(i));
        const types = [...new Set(items.map((i) => i.type).filter((t) => t !== 'null'))];
        const type: EsqlType = types.length === 0 ? 'null' : types.every(isNumeric) ? (types.includes('double') ? 'double' : types.includes('long') ? 'long' : 'integer') : types[0];
        if (types.length > 1 && !types.every(isNumeric)) return this.error(`multi-value literals must be of one type, found [${types.join(', ')}]`, e.span);
        return { type, eval: (row) => toCell(items.flatMap((i) => cellValues(i.eval(row)))) };
      }
      case 'Interval': {
        const unit = intervalUnit(e.unit);
        if (!unit) return this.error(`Unexpected temporal unit: '${e.unit}'`, e.span);
        const value = `${e.amount} ${unit}`;
        return { type: intervalType(unit), eval: () => value };
      }
      case 'Param': return this.param(e);
      case 'Column': {
        const i = this.columns.findIndex((c) => c.name === e.name);
        if (i < 0) {
          this.errors.push(unknownColumn(e.name, e.span.from, this.columns.map((c) => c.name)));
          return NULL;
        }
        if (this.columns[i].type === 'unsupported') {
          return this.error(`Cannot use field [${e.name}] with unsupported type [${this.columns[i].type}]`, e.span);
        }
        return { type: this.columns[i].type, eval: (row) => row[i] };
      }
      case 'Call': return this.call(e);
      case 'Cast': return this.cast(e.expr, e.type, e.span);
      case 'Unary': return this.unary(e.op, this.compile(e.expr), e.span, e.expr.span);
      case 'Binary': return this.binary(e);
      case 'IsNull': {
        const inner = this.compile(e.expr);
        return { type: 'boolean', eval: (row) => (inner.eval(row) === null) !== e.negated };
      }
      case 'In': return this.inList(e.expr, e.list, e.negated, e.span);
      case 'Like': {
        const inner = this.compile(e.expr);
        if (!isStringType(inner.type) && inner.type !== 'null') return this.error(`argument of [${this.text(e.span)}] must be [string], found value [${this.text(e.expr.span)}] type [${inner.type}]`, e.expr.span);
        const regexes: RegExp[] = [];
        for (const p of e.patterns) {
          try {
            regexes.push(e.regex ? new RegExp(`^(?:${p})$`, 'su') : likeRegex(p));
          } catch (error) {
            // a pattern JavaScript cannot compile is refused as Elasticsearch refuses one Lucene cannot
            this.errors.push(parsing(`Invalid ${e.regex ? 'regex ' : ''}pattern for ${e.regex ? 'RLIKE' : 'LIKE'} [${p}]: [${regexErrorReason(error)}]`, e.span.from));
            return NULL;
          }
        }
        const warnings = this.ctx.warnings;
        return { type: 'boolean', eval: (row) => {
          const v = inner.eval(row);
          if (v === null) return null;
          if (Array.isArray(v)) { warnings.failure(e.span, MULTI_VALUE); return null; }
          return regexes.some((r) => r.test(String(v))) !== e.negated;
        } };
      }
      default: return assertNever(e);
    }
  }

  private param(e: Extract<Expr, { kind: 'Param' }>): Compiled {
    const { positional } = this.ctx.params;
    const param = paramFor(e, this.ctx.params);
    if (!param) {
      if (e.name !== null) return this.error(`Unknown query parameter [${e.name}]`, e.span);
      return this.error(`No parameter is defined for position ${(e.position ?? 0) + 1}, did you mean ${positional.length === 0 ? 'any position' : `any position between 1 and ${positional.length}`}?`, e.span);
    }
    if (param.kind !== 'value') {
      // identifier parameters became column references while lowering (lower.ts); patterns fit no expression
      return this.error(`Query parameter [${e.name ?? `?${(e.position ?? 0) + 1}`}] is a ${param.kind}, not a value`, e.span);
    }
    const v = param.value;
    return { type: param.type, eval: () => v };
  }

  private cast(inner: Expr, typeName: string, span: Span): Compiled {
    if (typeName === 'date_period' || typeName === 'time_duration') return this.intervalCast(inner, typeName, span);
    const target = CAST_TYPES[typeName];
    if (!target) return this.error(`Unknown data type named [${typeName}]`, span);
    const c = this.compile(inner);
    if (c.type === target || c.type === 'null') return { type: target, eval: c.eval };
    const from = c.type;
    return { type: target, eval: this.guarded(span, (row) => toCell(cellValues(c.eval(row)).map((v) => convert(v, from, target)))) };
  }

  /**
   * `"3 days"::date_period`, `?p::time_duration`: a constant string read as an interval while the query is
   * checked (Elasticsearch folds these casts, so only literals and parameters are accepted).
   */
  private intervalCast(inner: Expr, target: 'date_period' | 'time_duration', span: Span): Compiled {
    const c = this.compile(inner);
    if (c.type === target) return c;
    const constant = inner.kind === 'Literal' || inner.kind === 'Param';
    const value = constant && isStringType(c.type) ? c.eval([]) : undefined;
    if (typeof value !== 'string') {
      return this.error(`argument of [${this.text(span)}] must be a constant, received [${this.text(inner.span)}]`, inner.span);
    }
    const m = /^\s*(-?\d+)\s*([a-zA-Z]+)\s*$/.exec(value);
    const unit = m ? intervalUnit(m[2]) : undefined;
    if (!m || !unit || intervalType(unit) !== target) {
      const reason = !m ? `Unexpected time interval qualifier: '${value}'` : `Unexpected temporal unit: '${m[2]}'`;
      return this.error(`Cannot convert string [${value}] to [${target.toUpperCase()}], error [${reason}]`, span);
    }
    const interval = `${Number(m[1])} ${unit}`;
    return { type: target, eval: () => interval };
  }

  private unary(op: '-' | '+' | 'NOT', inner: Compiled, span: Span, innerSpan: Span): Compiled {
    const warnings = this.ctx.warnings;
    if (op === 'NOT') {
      if (inner.type !== 'boolean' && inner.type !== 'null') return this.error(`argument of [${this.text(span)}] must be [boolean], found value [${this.text(innerSpan)}] type [${inner.type}]`, innerSpan);
      return { type: 'boolean', eval: (row) => {
        const v = inner.eval(row);
        if (Array.isArray(v)) { warnings.failure(span, MULTI_VALUE); return null; }
        return v === null ? null : !v;
      } };
    }
    if (!isNumeric(inner.type) && inner.type !== 'null' && inner.type !== 'date_period' && inner.type !== 'time_duration') {
      return this.error(`argument of [${this.text(span)}] must be [numeric, date_period or time_duration], found value [${this.text(innerSpan)}] type [${inner.type}]`, innerSpan);
    }
    if (op === '+') return inner;
    return { type: inner.type, eval: (row) => {
      const v = inner.eval(row);
      if (v === null) return null;
      if (Array.isArray(v)) { warnings.failure(span, MULTI_VALUE); return null; }
      if (typeof v === 'string') return negateInterval(v);
      return -(v as number);
    } };
  }

  private binary(e: Extract<Expr, { kind: 'Binary' }>): Compiled {
    let left = this.compile(e.left);
    let right = this.compile(e.right);
    const warnings = this.ctx.warnings;
    const single = (v: Cell): boolean => { if (Array.isArray(v)) { warnings.failure(e.span, MULTI_VALUE); return false; } return true; };
    const argError = (index: number, expected: string, type: EsqlType) =>
      this.error(`${ORDINALS[index]} argument of [${this.text(e.span)}] must be [${expected}], found value [${this.text(index === 0 ? e.left.span : e.right.span)}] type [${type}]`, index === 0 ? e.left.span : e.right.span);

    if (e.op === 'AND' || e.op === 'OR') {
      for (const [i, side] of [left, right].entries()) if (side.type !== 'boolean' && side.type !== 'null') return argError(i, 'boolean', side.type);
      const isAnd = e.op === 'AND';
      return { type: 'boolean', eval: (row) => {
        let a = left.eval(row), b = right.eval(row);
        if (Array.isArray(a)) { warnings.failure(e.left.span, MULTI_VALUE); a = null; }
        if (Array.isArray(b)) { warnings.failure(e.right.span, MULTI_VALUE); b = null; }
        if (isAnd) return a === false || b === false ? false : a === null || b === null ? null : true;
        return a === true || b === true ? true : a === null || b === null ? null : false;
      } };
    }

    if (['==', '!=', '<', '<=', '>', '>='].includes(e.op)) {
      let type = left.type === 'null' ? right.type : left.type;
      const l = left;
      let lEval = l.eval;
      // a string compared with a date, ip or version is read as one (ES's implicit literal casting)
      const castable = (t: EsqlType, side: Expr) => side.kind === 'Literal' && typeof side.value === 'string' && implicitTarget(t);
      let lt = left.type;
      if (castable(left.type, e.right)) right = this.convertSide(right, left.type, e.right.span);
      else if (castable(right.type, e.left)) { lEval = this.convertSide(left, right.type, e.left.span).eval; type = right.type; lt = right.type; }
      const compatible = lt === 'null' || right.type === 'null' || lt === right.type ||
        (isNumeric(lt) && isNumeric(right.type)) || (isStringType(lt) && isStringType(right.type)) ||
        ((lt === 'date' || lt === 'date_nanos') && (right.type === 'date' || right.type === 'date_nanos'));
      if (!compatible) {
        const family = (t: EsqlType) => (isNumeric(t) ? 'numeric' : isStringType(t) ? 'keyword' : t === 'date' ? 'datetime' : t);
        return this.error(`first argument of [${this.text(e.span)}] is [${family(lt)}] so second argument must also be [${family(lt)}] but was [${family(right.type)}]`, e.span);
      }
      const test = { '==': (c: number) => c === 0, '!=': (c: number) => c !== 0, '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[e.op as '=='];
      const r = right;
      return { type: 'boolean', eval: (row) => {
        const a = lEval(row), b = r.eval(row);
        if (a === null || b === null) return null;
        if (!single(a) || !single(b)) return null;
        return test(compareScalars(a as Scalar, b as Scalar, type));
      } };
    }

    // arithmetic
    const op = e.op as '+' | '-' | '*' | '/' | '%';
    const isDate = (t: EsqlType) => t === 'date' || t === 'date_nanos';
    const isInterval = (t: EsqlType) => t === 'date_period' || t === 'time_duration';
    // a string literal added to or less an interval is read as a date (ES's implicit literal casting)
    const stringLiteral = (x: Expr) => x.kind === 'Literal' && typeof x.value === 'string';
    if ((op === '+' || op === '-') && isInterval(right.type) && stringLiteral(e.left)) left = this.convertSide(left, 'date', e.left.span);
    else if (op === '+' && isInterval(left.type) && stringLiteral(e.right)) right = this.convertSide(right, 'date', e.right.span);
    if ((op === '+' || op === '-') && isInterval(left.type) && (isInterval(right.type) || right.type === 'null')) {
      if (right.type !== 'null' && right.type !== left.type) return argError(1, left.type, right.type);
      return { type: left.type, eval: (row) => {
        const a = left.eval(row), b = right.eval(row);
        if (a === null || b === null) return null;
        return `${a},${op === '-' ? negateInterval(b as string) : b}`;
      } };
    }
    if ((op === '+' || op === '-') && (isDate(left.type) && (isInterval(right.type) || right.type === 'null') ||
      (op === '+' && (isInterval(left.type) || left.type === 'null') && isDate(right.type)))) {
      const [d, i] = isDate(left.type) ? [left, right] : [right, left];
      const sign = op === '-' ? -1 : 1;
      return { type: d.type, eval: this.guarded(e.span, (row) => {
        const dv = d.eval(row), iv = i.eval(row);
        if (dv === null || iv === null || !single(dv) || !single(iv)) return null;
        return addInterval(dv as number, iv as string, sign);
      }) };
    }
    const expected = 'date_nanos, datetime or numeric';
    if (!isNumeric(left.type) && left.type !== 'null') return argError(0, expected, left.type);
    if (!isNumeric(right.type) && right.type !== 'null') return argError(1, expected, right.type);
    const types = [left.type, right.type].filter((t) => t !== 'null');
    const type: EsqlType = types.length === 0 ? 'null' : types.includes('double') ? 'double' : types.includes('unsigned_long') ? 'unsigned_long' : types.includes('long') ? 'long' : 'integer';
    const whole = type !== 'double';
    const [min, max, overflow] = type === 'integer' ? [INT_MIN, INT_MAX, 'integer overflow'] : [-(2 ** 63), 2 ** 63 - 1, 'long overflow'];
    return { type, eval: this.guarded(e.span, (row) => {
      const a = left.eval(row), b = right.eval(row);
      if (a === null || b === null || !single(a) || !single(b)) return null;
      const x = a as number, y = b as number;
      let r: number;
      switch (op) {
        case '+': r = x + y; break;
        case '-': r = x - y; break;
        case '*': r = x * y; break;
        case '/':
          if (y === 0) throw new EvalFailure('java.lang.ArithmeticException: / by zero');
          r = whole ? Math.trunc(x / y) : x / y; break;
        default:
          if (y === 0) throw new EvalFailure('java.lang.ArithmeticException: / by zero');
          r = x % y;
      }
      if (whole && (r < min || r > max)) throw new EvalFailure(`java.lang.ArithmeticException: ${overflow}`);
      if (!whole && !Number.isFinite(r)) throw new EvalFailure('java.lang.ArithmeticException: not a finite double number: ' + r);
      return r;
    }) };
  }

  private convertSide(side: Compiled, to: EsqlType, span: Span): Compiled {
    const from = side.type;
    return { type: to, eval: this.guarded(span, (row) => {
      const v = side.eval(row);
      if (to === 'date' && typeof v === 'string' && Number.isNaN(parseDate(v))) throw unparsedDate(v);
      return toCell(cellValues(v).map((x) => convert(x, from, to)));
    }) };
  }

  private inList(target: Expr, list: Expr[], negated: boolean, span: Span): Compiled {
    const t = this.compile(target);
    const items = list.map((i) => {
      const c = this.compile(i);
      return implicitTarget(t.type) && i.kind === 'Literal' && typeof i.value === 'string' ? this.convertSide(c, t.type, i.span) : c;
    });
    for (const [k, item] of items.entries()) {
      const ok = item.type === 'null' || t.type === 'null' || item.type === t.type || (isNumeric(item.type) && isNumeric(t.type)) || (isStringType(item.type) && isStringType(t.type));
      if (!ok) return this.error(`${ORDINALS[k + 1] ?? `${k + 2}th`} argument of [${this.text(span)}] must be [${t.type}], found value [${this.text(list[k].span)}] type [${item.type}]`, list[k].span);
    }
    const warnings = this.ctx.warnings;
    return { type: 'boolean', eval: (row) => {
      const v = t.eval(row);
      if (v === null) return null;
      if (Array.isArray(v)) { warnings.failure(span, MULTI_VALUE); return null; }
      let sawNull = false;
      for (const item of items) {
        const w = item.eval(row);
        if (w === null) { sawNull = true; continue; }
        if (cellValues(w).some((x) => compareScalars(x, v, t.type) === 0)) return !negated;
      }
      return sawNull ? null : negated;
    } };
  }

  private call(e: CallExpr): Compiled {
    const upper = e.name.toUpperCase();
    if (AGGREGATE_FUNCTIONS.has(upper)) return this.error(`aggregate function [${this.text(e.span)}] not allowed outside STATS command`, e.span);
    const f = SCALAR_FUNCTIONS.get(upper);
    if (!f) return this.error(`Unknown function [${e.name}]`, e.nameSpan);
    if (e.star) return this.error(`Using wildcards [*] in ${upper} is not allowed`, e.span);
    if (f.grouping && !this.options.grouping) return this.error(`cannot use grouping function [${this.text(e.span)}] outside of a STATS command`, e.span);
    if (e.args.length < f.minArgs || e.args.length > f.maxArgs) {
      const expected = f.minArgs === f.maxArgs ? `exactly ${f.minArgs}` : e.args.length < f.minArgs ? `at least ${f.minArgs}` : `at most ${f.maxArgs}`;
      return this.error(`error building [${e.name.toLowerCase()}]: expects ${expected} argument${f.maxArgs === 1 && f.minArgs === 1 ? '' : 's'}, got ${e.args.length}`, e.span);
    }
    const args = e.args.map((a) => this.compile(a));
    const types = args.map((a) => a.type);
    let returned = f.returns(types);
    // a string literal where a datetime is expected is read as a date
    for (let tries = 0; typeof returned === 'object' && tries < e.args.length; tries++) {
      const bad = e.args[returned.badArg];
      if (!returned.expected.includes('datetime') || bad?.kind !== 'Literal' || typeof bad.value !== 'string') break;
      args[returned.badArg] = this.convertSide(args[returned.badArg], 'date', bad.span);
      types[returned.badArg] = 'date';
      returned = f.returns(types);
    }
    if (typeof returned === 'object') return this.typeProblem(e, returned, types);
    const variable = f.constantFrom === undefined ? -1 : e.args.findIndex((a, i) => i >= f.constantFrom! && referencesColumns(a));
    if (variable >= 0) {
      return this.error(`${ORDINALS[variable]} argument of [${this.text(e.span)}] must be a constant, received [${this.text(e.args[variable].span)}]`, e.args[variable].span);
    }
    const warnings = this.ctx.warnings;
    const impl = f.impl, ctx = this.ctx, raw = !!f.raw;
    return { type: returned, eval: this.guarded(e.span, (row) => {
      const values = args.map((a) => a.eval(row));
      if (!raw) {
        if (values.some((v) => v === null)) return null;
        if (values.some(Array.isArray)) { warnings.failure(e.span, MULTI_VALUE); return null; }
      }
      return impl(values, types, ctx, e.span);
    }) };
  }

  private typeProblem(e: CallExpr, p: TypeProblem, types: EsqlType[]): Compiled {
    if (p.message !== undefined) return this.error(p.message, e.span);
    const arg = e.args[p.badArg];
    const ordinal = e.args.length === 1 ? '' : `${ORDINALS[p.badArg] ?? `${p.badArg + 1}th`} `;
    return this.error(`${ordinal}argument of [${this.text(e.span)}] must be [${p.expected}], found value [${arg ? this.text(arg.span) : ''}] type [${types[p.badArg]}]`, e.span);
  }
}

/** A LIKE pattern (`*` any run, `?` one character, `\` escapes) as an anchored regex. */
export function likeRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]);
    else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`, 'su');
}

const escapeRegex = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
