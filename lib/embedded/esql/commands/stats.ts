/**
 * STATS: groups rows by the BY expressions (a multi-valued key puts the row in each of its groups) and
 * computes the aggregates per group. Output columns: the aggregates, then the groups. An aggregate
 * expression may combine aggregates with scalar functions (`a + SUM(a)`); without BY there is exactly
 * one group, even on no rows.
 */
import { referencesColumns, type CallExpr, type Expr, type FieldNode, type Span, type StatsNode } from '../ast';
import type { EsqlContext } from '../context';
import { verification, type EsqlMessage } from '../errors';
import { ExpressionCompiler, isAggregateCall, type Compiled } from '../expressions';
import { AGGREGATE_FUNCTIONS, type AggregateFunction } from '../functions/aggregates';
import { EvalFailure } from '../functions/define';
import { cellValues, type Cell, type Column, type EsqlType, type Scalar, type Table } from '../table';
import type { EsqlCommand } from './command';

/**
 * One aggregate call of a STATS: its function, compiled arguments, and the call's span (for warnings).
 * `secondConstant`: the second argument (WEIGHTED_AVG's weight) refers to no column, so it pairs with every
 * value of a multi-valued first argument instead of making the pair a multi-value.
 */
interface AggregateSlot {
  fn: AggregateFunction; arg: Compiled | null; second?: Compiled; secondConstant?: boolean; star: boolean; extra: Cell[];
  column: Column; filter?: Compiled; span: Span;
}

interface Plan {
  /** The groupings, a name given twice counting once (the last: Elasticsearch shadows the others). */
  groups: { name: string; c: Compiled }[];
  /** The groups (by position in `groups`) whose alias aggregates and filters may read, appended to each row. */
  aliases: number[];
  slots: AggregateSlot[];
  outputs: { name: string; c: Compiled }[];
  columns: Column[];
}

const SLOT = (i: number) => `$$aggregate${i}`;

/** Replaces each aggregate call by a reference to a slot column, collecting the calls. */
function extract(e: Expr, calls: CallExpr[]): Expr {
  if (isAggregateCall(e)) { calls.push(e as CallExpr); return { kind: 'Column', name: SLOT(calls.length - 1), span: e.span }; }
  switch (e.kind) {
    case 'Call': return { ...e, args: e.args.map((a) => extract(a, calls)) };
    case 'Cast': case 'IsNull': return { ...e, expr: extract(e.expr, calls) };
    case 'Unary': return { ...e, expr: extract(e.expr, calls) };
    case 'Binary': return { ...e, left: extract(e.left, calls), right: extract(e.right, calls) };
    case 'In': return { ...e, expr: extract(e.expr, calls), list: e.list.map((a) => extract(a, calls)) };
    case 'Like': return { ...e, expr: extract(e.expr, calls) };
    case 'List': return { ...e, items: e.items.map((a) => extract(a, calls)) };
    default: return e;
  }
}

/** An expression's source text without blanks, to tell one written twice (`BUCKET(n, 10)`, `BUCKET(n,10)`). */
const shape = (e: Expr, ctx: EsqlContext) => ctx.query.slice(e.span.from, e.span.to).replace(/\s+/g, '');

/**
 * The expression with every part written as a grouping expression of the BY clause replaced by that
 * grouping's column: Elasticsearch lets the aggregates repeat a grouping function (`BUCKET`) or any grouping
 * expression exactly as the BY clause writes it, and reads it as the group's value.
 */
function groupReferences(e: Expr, groups: { shape: string; name: string }[], ctx: EsqlContext): Expr {
  if (groups.length === 0) return e;
  const found = groups.find((g) => g.shape === shape(e, ctx));
  if (found && e.kind !== 'Column' && e.kind !== 'Literal') return { kind: 'Column', name: found.name, span: e.span };
  switch (e.kind) {
    case 'Call': return { ...e, args: e.args.map((a) => groupReferences(a, groups, ctx)) };
    case 'Cast': case 'IsNull': case 'Unary': case 'Like': return { ...e, expr: groupReferences(e.expr, groups, ctx) };
    case 'Binary': return { ...e, left: groupReferences(e.left, groups, ctx), right: groupReferences(e.right, groups, ctx) };
    case 'In': return { ...e, expr: groupReferences(e.expr, groups, ctx), list: e.list.map((a) => groupReferences(a, groups, ctx)) };
    case 'List': return { ...e, items: e.items.map((a) => groupReferences(a, groups, ctx)) };
    default: return e;
  }
}

function lastWins<T extends { name: string }>(items: T[]): T[] {
  return items.filter((item, i) => !items.slice(i + 1).some((later) => later.name === item.name));
}

function plan(node: StatsNode, columns: Column[], ctx: EsqlContext, errors: EsqlMessage[]): Plan {
  // grouping functions (BUCKET) are allowed in the BY clause only
  const groupInput = new ExpressionCompiler(columns, ctx, errors, { grouping: true });
  const named = lastWins(node.groups.map((g) => ({ name: g.name, expr: g.expr, c: groupInput.compile(g.expr) })));
  const groups = named.map(({ name, c }) => ({ name, c }));
  // Aggregates and their filters see a grouping alias (`max(a) BY a = x + y`) by its name, before an input
  // column of that name, as in Elasticsearch (which evaluates the groupings first); `BY a` is the column itself.
  const aliases = named.flatMap((g, i) => (g.expr.kind === 'Column' && g.expr.name === g.name ? [] : [i]));
  const shadowed = new Set(aliases.map((i) => groups[i].name));
  const input = aliases.length === 0 ? groupInput : new ExpressionCompiler([
    ...columns.map((c) => (shadowed.has(c.name) ? { ...c, name: '$$shadowed' } : c)),
    ...aliases.map((i) => ({ name: groups[i].name, type: groups[i].c.type })),
  ], ctx, errors);
  for (const g of node.groups) {
    const calls: CallExpr[] = [];
    extract(g.expr, calls);
    if (calls.length) errors.push(verification(`cannot use an aggregate [${ctx.query.slice(calls[0].span.from, calls[0].span.to)}] for grouping`, g.span.from));
  }
  const slots: AggregateSlot[] = [];
  const outputs: { name: string; c: Compiled }[] = [];
  const groupColumns: Column[] = groups.map((g) => ({ name: g.name, type: g.c.type }));
  const groupShapes = named.filter((g) => g.expr.kind !== 'Column').map((g) => ({ shape: shape(g.expr, ctx), name: g.name }));
  node.aggregates.forEach((field: FieldNode) => {
    const calls: CallExpr[] = [];
    // outside the aggregate calls, a grouping expression written again reads the group's value
    const rewritten = groupReferences(extract(field.expr, calls), groupShapes, ctx);
    if (calls.length === 0) {
      // an expression over the grouping keys alone is allowed
      const local: EsqlMessage[] = [];
      const c = new ExpressionCompiler(groupColumns, ctx, local).compile(rewritten);
      if (local.length === 0 && referencesColumns(rewritten)) { outputs.push({ name: field.name, c }); return; }
      errors.push(verification(`expected an aggregate function but found [${ctx.query.slice(field.expr.span.from, field.expr.span.to)}]`, field.expr.span.from));
      return;
    }
    const base = slots.length;
    const filter = field.filter ? input.compile(field.filter) : undefined;
    if (filter && filter.type !== 'boolean' && filter.type !== 'null') errors.push(verification(`Condition expression needs to be boolean, found [${filter.type}]`, field.filter!.span.from));
    const localSlots = calls.map((call, k) => ({ ...slot(call, base + k, input, ctx, errors), filter }));
    slots.push(...localSlots);
    // slot names are numbered across all aggregate fields, so rebase this field's references
    const renumbered = renumber(rewritten, base);
    const scope = [...groupColumns, ...slots.map((s) => s.column)];
    outputs.push({ name: field.name, c: new ExpressionCompiler(scope, ctx, errors).compile(renumbered) });
  });
  const outColumns = lastWins([...outputs.map((o) => ({ name: o.name, type: o.c.type })), ...groupColumns]);
  return { groups, aliases, slots, outputs, columns: outColumns };
}

function renumber(e: Expr, base: number): Expr {
  if (e.kind === 'Column' && e.name.startsWith('$$aggregate')) return { ...e, name: SLOT(base + Number(e.name.slice('$$aggregate'.length))) };
  switch (e.kind) {
    case 'Call': return { ...e, args: e.args.map((a) => renumber(a, base)) };
    case 'Cast': case 'IsNull': case 'Unary': case 'Like': return { ...e, expr: renumber(e.expr, base) };
    case 'Binary': return { ...e, left: renumber(e.left, base), right: renumber(e.right, base) };
    case 'In': return { ...e, expr: renumber(e.expr, base), list: e.list.map((a) => renumber(a, base)) };
    default: return e;
  }
}

function slot(callNode: CallExpr, index: number, input: ExpressionCompiler, ctx: EsqlContext, errors: EsqlMessage[]): AggregateSlot {
  let call = callNode;
  const fn = AGGREGATE_FUNCTIONS.get(call.name.toUpperCase())!;
  const text = ctx.query.slice(call.span.from, call.span.to);
  const dummy = (type: EsqlType): AggregateSlot => ({ fn, arg: null, star: false, extra: [], column: { name: SLOT(index), type }, span: call.span });
  if (call.star && !fn.star) { errors.push(verification(`Using a wildcard [*] in ${fn.name} is not allowed`, call.span.from)); return dummy('null'); }
  // COUNT() counts rows, like COUNT(*)
  if (fn.star && call.args.length === 0) call = { ...call, star: true };
  const argCount = call.star ? 0 : call.args.length;
  if (!call.star && (argCount < Math.max(1, fn.minArgs) || argCount > fn.maxArgs)) {
    errors.push(verification(`error building [${call.name.toLowerCase()}]: expects ${fn.minArgs === fn.maxArgs ? 'exactly' : 'at least'} ${Math.max(1, fn.minArgs)} argument${fn.minArgs > 1 ? 's' : ''}`, call.span.from));
    return dummy('null');
  }
  for (const a of call.args) {
    const nested: CallExpr[] = [];
    extract(a, nested);
    if (nested.length) { errors.push(verification(`The field names for aggregate functions must be unique; nested aggregation [${text}] is not allowed`, call.span.from)); return dummy('null'); }
  }
  const arg = call.star ? null : input.compile(call.args[0]);
  const second = fn.computePairs ? input.compile(call.args[1]) : undefined;
  const extra = call.star || second ? (call.star ? ['*'] : []) : call.args.slice(1).map((a) => input.compile(a).eval([]));
  const returned = fn.returns(arg ? [arg.type] : []);
  if (typeof returned === 'object') {
    errors.push(verification(`argument of [${text}] must be [${returned.expected}], found value [${ctx.query.slice(call.args[0].span.from, call.args[0].span.to)}] type [${arg?.type}]`, call.span.from));
    return dummy('null');
  }
  const extraProblem = fn.checkExtra?.(extra, text);
  if (extraProblem) { errors.push(verification(extraProblem, call.span.from)); return dummy('null'); }
  const secondConstant = second ? !referencesColumns(call.args[1]) : undefined;
  return { fn, arg, second, secondConstant, star: call.star, extra, column: { name: SLOT(index), type: returned }, span: call.span };
}

/** Every combination of one value per group key (a null or empty key is one null value). */
function keyCombinations(keys: Cell[]): (Scalar | null)[][] {
  return keys.reduce<(Scalar | null)[][]>((acc, key) => {
    const values: (Scalar | null)[] = cellValues(key).length ? [...new Set(cellValues(key))] : [null];
    return acc.flatMap((prefix) => values.map((v) => [...prefix, v]));
  }, [[]]);
}

/** The (value, weight) cells of a two-argument aggregate; a constant weight goes with each value of a multi-value. */
function pairs(s: AggregateSlot, rows: Cell[][]): [Cell, Cell][] {
  if (!s.secondConstant) return rows.map((r) => [s.arg!.eval(r), s.second!.eval(r)]);
  return rows.flatMap((r) => {
    const weight = s.second!.eval(r);
    return cellValues(s.arg!.eval(r)).map((v): [Cell, Cell] => [v, weight]);
  });
}

/**
 * The groups in the order STATS lists them: as first seen, except that with one grouping key the null
 * group comes first, as Elasticsearch's single-key hashes keep null as group 0.
 */
function groupOrder<T extends { key: unknown[] }>(buckets: Map<string, T>, keys: number): T[] {
  const all = [...buckets.values()];
  if (keys !== 1) return all;
  const nullGroup = all.findIndex((b) => b.key[0] === null);
  return nullGroup <= 0 ? all : [all[nullGroup], ...all.slice(0, nullGroup), ...all.slice(nullGroup + 1)];
}

function run(node: StatsNode, table: Table, ctx: EsqlContext): Table {
  const p = plan(node, table.columns, ctx, []);
  const buckets = new Map<string, { key: (Scalar | null)[]; rows: Cell[][] }>();
  if (p.groups.length === 0) buckets.set('', { key: [], rows: table.rows });
  else {
    for (const row of table.rows) {
      for (const key of keyCombinations(p.groups.map((g) => g.c.eval(row)))) {
        const id = JSON.stringify(key);
        let bucket = buckets.get(id);
        if (!bucket) buckets.set(id, (bucket = { key, rows: [] }));
        // the aliases' values in this group are its key's
        bucket.rows.push(p.aliases.length === 0 ? row : [...row, ...p.aliases.map((i) => key[i] as Cell)]);
      }
    }
  }
  const rows = groupOrder(buckets, p.groups.length).map(({ key, rows: groupRows }) => {
    const aggregates = p.slots.map((s) => {
      const selected = s.filter ? groupRows.filter((r) => s.filter!.eval(r) === true) : groupRows;
      try {
        if (s.fn.computePairs && s.arg && s.second) return s.fn.computePairs(pairs(s, selected), s.arg.type, !!s.secondConstant);
        const values = s.arg ? selected.flatMap((r) => cellValues(s.arg!.eval(r))) : [];
        return s.fn.compute(values, s.arg?.type ?? 'null', selected.length, s.extra);
      } catch (e) {
        // an aggregate that fails (long overflow, a multi-valued weight) is null for the group, with a warning
        if (!(e instanceof EvalFailure)) throw e;
        ctx.warnings.failure(s.span, e.message);
        return null;
      }
    });
    const scope: Cell[] = [...key, ...aggregates];
    const named = [...p.outputs.map((o) => ({ name: o.name, value: o.c.eval(scope) })), ...p.groups.map((g, i) => ({ name: g.name, value: key[i] as Cell }))];
    return lastWins(named).map((n) => n.value);
  });
  return { columns: p.columns, rows };
}

/**
 * Elasticsearch's warnings for a name given twice in one STATS: every definition but the one that wins
 * (the last grouping of that name, else the last aggregate) is shadowed by the winner.
 */
function warnShadowed(node: StatsNode, ctx: EsqlContext): void {
  const fields = [...node.aggregates, ...node.groups];
  fields.forEach((field, i) => {
    const winner = fields.findLast((f) => f.name === field.name)!;
    if (winner !== fields[i]) ctx.warnings.add(`${ctx.warnings.at(field.nameSpan.from)}: Field '${field.name}' shadowed by field at ${ctx.warnings.at(winner.nameSpan.from).replace(/^Line/, 'line')}`);
  });
}

export const stats: EsqlCommand<StatsNode> = {
  name: 'STATS', syntax: 'STATS [column1 =] expression1[, ...] [BY grouping_expression1[, ...]]', doc: 'Groups rows and aggregates them.',
  columnsAfter: (node, columns, ctx) => plan(node, columns, ctx, []).columns,
  validate: (node, columns, ctx) => {
    const errors: EsqlMessage[] = [];
    plan(node, columns, ctx, errors);
    if (node.aggregates.length === 0 && node.groups.length === 0) errors.push(verification('At least one aggregation or grouping expression required in [STATS]', node.span.from));
    // Elasticsearch warns while analysing the query; here validation is that step (it runs once per query)
    if (errors.length === 0) warnShadowed(node, ctx);
    return errors;
  },
  execute: run,
};
