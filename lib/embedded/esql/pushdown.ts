/**
 * Query pushdown: lets the store's field indexes do the work at the start of a query over one index, so
 * FROM does not read every document (issue 4, item 3). The plan looks only at the commands right after FROM:
 *
 * - `WHERE` conditions of the form `field op constant` (joined by AND) on indexed fields narrow what FROM
 *   reads; with nothing else in between, a following `SORT field … | LIMIT n` or `LIMIT n` also bounds it.
 * - `WHERE … | STATS c = COUNT(*) BY keyword_field` is counted by SQLite and replaces those commands.
 *
 * The commands still run on what FROM reads, so the pushed part only has to be a superset (exact for
 * plain values, see IndexedReads); documents with irregular values always come back and are evaluated here.
 * Anything else keeps the general path.
 */
import type { BinaryOp, EsqlQuery, Expr, FromNode, LimitNode, SortNode, StatsNode, WhereNode } from './ast';
import type { ComparisonOp, EsqlCatalog, FieldCondition, IndexedReads, ScannedDocument, ScanRequest } from './catalog';
import { from } from './commands/from';
import { stats } from './commands/stats';
import type { EsqlContext } from './context';
import { ExpressionCompiler } from './expressions';
import { mappedColumns } from './source-columns';
import { cellValues, type Cell, type EsqlType, type Scalar, type Table } from './table';

/**
 * What the planner decided: FROM reads through `catalog`, or the first `consumed` commands become `table`.
 * `answered(node)` says, once FROM has run, whether a WHERE right after it is already answered by the
 * read (every condition pushed, and every document read is plain: SQLite's test is then exact).
 */
export type Pushdown =
  | { kind: 'scan'; catalog: EsqlCatalog; answered: (node: WhereNode) => boolean }
  | { kind: 'table'; table: Table; consumed: number };

/** The ES|QL column type an indexed field of each kind has. */
const COLUMN_TYPE: Record<string, EsqlType> = { keyword: 'keyword', long: 'long', double: 'double', date: 'date' };

const FLIPPED: Partial<Record<BinaryOp, BinaryOp>> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** A FROM column whose values are an indexed field's: the field, and the column's type. */
export interface IndexedColumn { field: string; type: EsqlType }

/**
 * The FROM columns backed by an indexed field: a top-level field of the matching type, or a text field or
 * its keyword multi-field over a field indexed as keyword (all of them read the same `_source` string).
 */
export function indexedColumns(catalog: EsqlCatalog, index: string, reads: IndexedReads): Map<string, IndexedColumn> {
  const out = new Map<string, IndexedColumn>();
  for (const c of mappedColumns(catalog.mapping(index))) {
    // an `ignore_above` hides long strings from FROM, which SQLite would still see
    if (c.path.length !== 1 || c.precision || c.ignoreAbove !== undefined) continue;
    const kind = reads.kind(c.path[0]);
    const fits = kind === 'keyword' ? c.type === 'keyword' || c.type === 'text' : kind !== undefined && COLUMN_TYPE[kind] === c.type;
    if (fits) out.set(c.name, { field: c.path[0], type: c.type });
  }
  return out;
}

/** `column op literal` (either way round) as a field condition, when the store can answer it exactly. */
export function pushedCondition(e: Expr, columns: Map<string, IndexedColumn>): FieldCondition | undefined {
  if (e.kind !== 'Binary' || !FLIPPED[e.op]) return undefined;
  const [column, literal, op] = e.left.kind === 'Column' ? [e.left, e.right, e.op] : [e.right, e.left, FLIPPED[e.op]!];
  if (column.kind !== 'Column' || literal.kind !== 'Literal' || literal.value === null) return undefined;
  const indexed = columns.get(column.name);
  if (indexed?.type === 'keyword' || indexed?.type === 'text') {
    // string order differs between SQLite and JavaScript beyond the BMP, so only equality is pushed
    return literal.valueType === 'keyword' && (op === '==' || op === '!=') ? { field: indexed.field, op, value: String(literal.value) } : undefined;
  }
  if ((indexed?.type === 'long' || indexed?.type === 'double') && typeof literal.value === 'number') {
    return { field: indexed.field, op: op as ComparisonOp, value: literal.value };
  }
  return undefined;
}

/** The AND-ed parts of a condition. */
export const conjuncts = (e: Expr): Expr[] => (e.kind === 'Binary' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e]);

/** A catalog whose `documents` for `index` are the given ones (other indices as before). */
function readingOnly(catalog: EsqlCatalog, index: string, docs: () => ScannedDocument[]): EsqlCatalog {
  return {
    resolve: (patterns) => catalog.resolve(patterns),
    mapping: (name) => catalog.mapping(name),
    *documents(name) {
      if (name !== index) { yield* catalog.documents(name); return; }
      for (const d of docs()) yield { id: d.id, source: JSON.parse(d.source) as Record<string, unknown>, sourceText: d.source };
    },
  };
}

/** Plans the pushdown of a validated query, or returns undefined for the general path. */
export function planPushdown(ast: EsqlQuery, ctx: EsqlContext): Pushdown | undefined {
  if (ast.source.kind !== 'FROM' || !ctx.catalog.indexedReads) return undefined;
  const fromNode = ast.source;
  const patterns = fromNode.indices.flatMap((i) => i.pattern.split(',').map((p) => p.trim()).filter(Boolean));
  const { indices } = ctx.catalog.resolve(patterns);
  if (indices.length !== 1) return undefined;
  const index = indices[0];
  const reads = ctx.catalog.indexedReads(index);
  if (!reads) return undefined;
  const columns = indexedColumns(ctx.catalog, index, reads);

  const wheres: WhereNode[] = [];
  const conditions: FieldCondition[] = [];
  let exact = true;
  let next = 0;
  for (; next < ast.commands.length && ast.commands[next].kind === 'WHERE'; next++) {
    const where = ast.commands[next] as WhereNode;
    wheres.push(where);
    for (const part of conjuncts(where.condition)) {
      const c = pushedCondition(part, columns);
      if (c) conditions.push(c); else exact = false;
    }
  }
  const command = ast.commands[next];
  if (exact && command?.kind === 'STATS') {
    const table = countBy(command, fromNode, wheres, conditions, columns, reads, index, ctx);
    if (table) return { kind: 'table', table, consumed: next + 1 };
  }
  // FROM shows the source, and the `_id` only when METADATA asks for it
  const request: ScanRequest = { conditions, read: fromNode.metadata.some((m) => m.name === '_id') ? 'sourceAndId' : 'source' };
  if (exact) Object.assign(request, bounds(ast.commands.slice(next), columns));
  if (request.conditions.length === 0 && request.limit === undefined) return undefined;
  let allPlain = false;
  const read = () => {
    const docs = reads.scan(request);
    allPlain = docs.every((d) => !d.irregular);
    return docs;
  };
  return { kind: 'scan', catalog: readingOnly(ctx.catalog, index, read), answered: (node) => exact && allPlain && wheres.includes(node) };
}

/** `SORT field … | LIMIT n` or `LIMIT n` right after the pushed conditions, as a bound on what FROM reads. */
function bounds(rest: readonly { kind: string }[], columns: Map<string, IndexedColumn>): Partial<ScanRequest> {
  const [first, second] = rest;
  const count = (node: { kind: string } | undefined) => {
    const n = node?.kind === 'LIMIT' ? (node as LimitNode).count : undefined;
    return typeof n === 'number' ? n : undefined;
  };
  if (first?.kind === 'LIMIT') { const limit = count(first); return limit === undefined ? {} : { limit }; }
  if (first?.kind !== 'SORT') return {};
  const limit = count(second);
  const [key, ...more] = (first as SortNode).orders;
  const indexed = key.expr.kind === 'Column' ? columns.get(key.expr.name) : undefined;
  // string order is left to the engine (see `condition`); numbers and ISO dates order alike in both
  if (limit === undefined || !indexed || indexed.type === 'keyword' || indexed.type === 'text') return {};
  return { limit, withTies: more.length > 0, order: { field: indexed.field, descending: key.descending, nullsFirst: key.nullsFirst } };
}

/**
 * `STATS name = COUNT(*) BY field` over an indexed keyword field: SQLite counts the plain documents; the
 * irregular ones go through FROM and the WHEREs here, each multi-value counting once per distinct value,
 * as STATS does. Groups come out in order of their first document, the null group first, like the
 * general path's.
 */
function countBy(node: StatsNode, fromNode: FromNode, wheres: WhereNode[], conditions: FieldCondition[],
  columns: Map<string, IndexedColumn>, reads: IndexedReads, index: string, ctx: EsqlContext): Table | undefined {
  const [aggregate] = node.aggregates;
  const [group] = node.groups;
  if (node.aggregates.length !== 1 || node.groups.length !== 1 || aggregate.filter || aggregate.name === group.name) return undefined;
  const call = aggregate.expr;
  const isCountAll = call.kind === 'Call' && call.name.toUpperCase() === 'COUNT' && (call.star || call.args.length === 0);
  const grouped = columns.get(group.name);
  if (!isCountAll || group.expr.kind !== 'Column' || group.expr.name !== group.name || (grouped?.type !== 'keyword' && grouped?.type !== 'text')) return undefined;

  const { groups, irregular } = reads.countBy(conditions, grouped.field);
  // the counted documents were read by SQLite rather than FROM; report them as ES reports its index reads
  for (const g of groups) { ctx.read.documentsFound += g.count; if (g.key !== null) ctx.read.valuesLoaded += g.count; }
  // a group's first document, and the rank of its value among that document's values (a multi-value
  // opens its groups in value order, as the general path's STATS does)
  const counts = new Map<Scalar | null, { count: number; first: number; rank: number }>(groups.map((g) => [g.key, { count: g.count, first: g.first, rank: 0 }]));
  if (irregular.length > 0) {
    const scope = { ...ctx, catalog: readingOnly(ctx.catalog, index, () => irregular) };
    const read = from.execute(fromNode, { columns: [], rows: [] }, scope);
    const tests = wheres.map((w) => new ExpressionCompiler(read.columns, scope, []).compile(w.condition));
    const at = read.columns.findIndex((c) => c.name === group.name);
    read.rows.forEach((row: Cell[], i) => {
      if (!tests.every((t) => t.eval(row) === true)) return;
      const values = cellValues(row[at]);
      const position = irregular[i].position;
      [...(values.length ? new Set(values) : [null])].forEach((key, rank) => {
        const seen = counts.get(key);
        if (!seen) counts.set(key, { count: 1, first: position, rank });
        else {
          seen.count++;
          if (position < seen.first) { seen.first = position; seen.rank = rank; }
        }
      });
    });
  }
  const out = stats.columnsAfter(node, from.columnsAfter(fromNode, [], ctx), ctx);
  // the null group first, as the general path lists it (stats.ts groupOrder)
  const rows = [...counts].sort((a, b) => Number(b[0] === null) - Number(a[0] === null) || a[1].first - b[1].first || a[1].rank - b[1].rank)
    .map(([key, { count }]) => out.map((c) => (c.name === aggregate.name ? count : key)));
  return { columns: out, rows };
}
