/**
 * Direct answers: `FROM index | WHERE … | SORT field | LIMIT n` over plain fields, answered from the
 * matches' `_source` texts, which the store reads in order in one statement (IndexedReads.orderedSources),
 * straight into the `values` text, with no table in between. Such a query is a dashboard's or a script's
 * most common read, and the general path spent most of its time on cells: reading them, sorting the rows
 * the index had already sorted, rendering them (ARCHITECTURE decision 22).
 *
 * Only a query whose every part the store answers exactly qualifies: each WHERE condition pushed (pushdown.ts),
 * one sort key on a long or date field, a literal LIMIT, no METADATA, and every FROM column a top-level
 * keyword, long, date, boolean or text field with nothing in its mapping but its type (a text field may have
 * the one `keyword` multi-field dynamic mapping gives strings), whose values are then shown as `_source`
 * has them. Everything else, and whatever this path declines (irregular values, a value that is
 * not a single one of the column's type, ties or nulls in the sort key), takes the general path, which
 * answers the same text (direct-answer.test.ts compares them).
 */
import type { EsqlQuery, LimitNode, SortNode, WhereNode } from './ast';
import type { FieldCondition, OrderedSourcesRequest } from './catalog';
import type { EsqlContext } from './context';
import { conjuncts, indexedColumns, pushedCondition } from './pushdown';
import { mappedColumns } from './source-columns';

/** Largest LIMIT answered directly (a larger one is a bulk read, where the general path's cost is small in comparison). */
const MAX_DIRECT_LIMIT = 10_000;

/** A FROM column a direct answer shows: the top-level field, and its type. */
interface DirectColumn {
  name: string;
  field: string;
  kind: 'keyword' | 'long' | 'date' | 'text' | 'boolean';
  /** A keyword multi-field's `ignore_above`: longer strings are not indexed, so FROM shows null. */
  ignoreAbove?: number;
}

const KINDS: Record<string, DirectColumn['kind']> = { keyword: 'keyword', long: 'long', date: 'date', text: 'text', boolean: 'boolean' };

type FieldDef = Record<string, unknown>;

const onlyKeys = (def: FieldDef, allowed: readonly string[]) => Object.keys(def).every((k) => allowed.includes(k));

/**
 * Whether FROM reads a column exactly as its `_source` value is: a top-level field whose mapping holds
 * nothing but its type, or the one `keyword` multi-field (with at most `ignore_above`) of such a text
 * field, as dynamic mapping makes for strings.
 */
function readsAsStored(def: FieldDef | undefined, column: { name: string; type: string; path: string[] }): boolean {
  if (!def || column.path.length !== 1) return false;
  const sub = def.fields as Record<string, FieldDef> | undefined;
  const subOk = sub === undefined || (def.type === 'text' && Object.keys(sub).length === 1
    && sub.keyword?.type === 'keyword' && onlyKeys(sub.keyword, ['type', 'ignore_above']));
  if (!onlyKeys(def, ['type', 'fields']) || !subOk) return false;
  return column.name === column.path[0] ? def.type === column.type : column.name === `${column.path[0]}.keyword`;
}

/** The `values` JSON text, with what ES reports of the read: documents found and values loaded. */
export interface DirectValues { text: string; documents: number; values: number }

/**
 * The direct answer to a validated query, or undefined. On an answer, the read is counted in `ctx.read`
 * as FROM counts it.
 */
export function directValues(ast: EsqlQuery, ctx: EsqlContext): DirectValues | undefined {
  const plan = directPlan(ast, ctx);
  return plan && answerDirect(plan, ctx);
}

/**
 * What a direct answer reads and how it shows it, worked out from the query and the catalog alone: the
 * same for every request of one query text while the catalog's metadata stays as it is (index.ts keeps
 * it for them).
 */
export interface DirectPlan {
  index: string;
  columns: DirectColumn[];
  /** The position of the sort key's column. */
  keyAt: number;
  limit: number;
  descending: boolean;
  request: OrderedSourcesRequest;
  /** What a document's row depends on (the columns, their fields, kinds and limits), as a memo key. */
  rowKey: string;
}

/** The plan of a direct answer to a validated query, or undefined when the query does not qualify. */
export function directPlan(ast: EsqlQuery, ctx: EsqlContext): DirectPlan | undefined {
  const source = ast.source;
  if (source.kind !== 'FROM' || source.metadata.length > 0 || !ctx.catalog.indexedReads) return undefined;
  const shape = queryShape(ast);
  if (!shape) return undefined;
  const patterns = source.indices.flatMap((i) => i.pattern.split(',').map((p) => p.trim()).filter(Boolean));
  const { indices, missing } = ctx.catalog.resolve(patterns);
  if (indices.length !== 1 || missing.length > 0) return undefined;
  const index = indices[0];
  const reads = ctx.catalog.indexedReads(index);
  if (!reads?.orderedSources) return undefined;

  const properties = ctx.catalog.mapping(index);
  const columns: DirectColumn[] = [];
  for (const c of mappedColumns(properties)) {
    const kind = KINDS[c.type];
    // an object path or a mapping parameter: FROM's reading may differ from the stored value
    if (!kind || !readsAsStored(properties[c.path[0]], c)) return undefined;
    // keyword, long and date values must be checked plain by the store (text and boolean ones are checked here)
    if (kind !== 'text' && kind !== 'boolean' && reads.kind(c.path[0]) !== kind) return undefined;
    columns.push({ name: c.name, field: c.path[0], kind, ...(c.ignoreAbove !== undefined ? { ignoreAbove: c.ignoreAbove } : {}) });
  }
  // FROM's columns are sorted by name (source-columns.ts mergeColumns)
  columns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const indexed = indexedColumns(ctx.catalog, index, reads);
  const conditions: FieldCondition[] = [];
  for (const where of shape.wheres) {
    for (const part of conjuncts(where.condition)) {
      const pushed = pushedCondition(part, indexed);
      if (!pushed) return undefined;
      conditions.push(pushed);
    }
  }
  const [key] = shape.sort.orders;
  const sorted = key.expr.kind === 'Column' ? indexed.get(key.expr.name) : undefined;
  if (!sorted || (sorted.type !== 'long' && sorted.type !== 'date')) return undefined;

  // one more than the limit: a tie between the last one shown and the next is seen
  const request: OrderedSourcesRequest = {
    conditions, limit: shape.limit + 1, plainIn: columns.filter((c) => c.kind !== 'text' && c.kind !== 'boolean').map((c) => c.field),
    order: { field: sorted.field, descending: key.descending, nullsFirst: key.nullsFirst },
  };
  return {
    index, columns, keyAt: columns.findIndex((c) => c.name === sorted.field), limit: shape.limit, descending: key.descending, request,
    rowKey: `direct-row\u0000${JSON.stringify(columns)}`,
  };
}

/** The direct answer of a plan, or undefined when the documents read decline it (see `valuesOf`). */
export function answerDirect(plan: DirectPlan, ctx: EsqlContext): DirectValues | undefined {
  const reads = ctx.catalog.indexedReads?.(plan.index);
  if (!reads?.orderedSources) return undefined;
  let docs: ReadDocument[] | undefined = reads.orderedDocuments?.(plan.request);
  if (!docs) {
    const sources = reads.orderedSources(plan.request);
    if (sources === undefined) return undefined;
    docs = (JSON.parse(`[${sources}]`) as Record<string, unknown>[]).map((source) => ({ source }));
  }
  const answer = valuesOf(docs, plan);
  if (answer) { ctx.read.documentsFound += answer.documents; ctx.read.valuesLoaded += answer.values; }
  return answer;
}

/** Whether a `_source` value is one that FROM shows as it is in a column of `kind` (null: no value). */
function shownAsIs(value: unknown, kind: DirectColumn['kind']): boolean {
  if (value === null) return true;
  if (kind === 'long') return Number.isSafeInteger(value);
  return kind === 'boolean' ? typeof value === 'boolean' : typeof value === 'string';
}

/** A document read for a direct answer; `memo`, when the store's cache holds it, keeps its row for the next read. */
interface ReadDocument { source: Record<string, unknown>; memo?: Map<string, unknown> }

/** A document's row of `values` as JSON text, and how many of its cells are not null. */
interface RowText { text: string; values: number }

/** The row of a document under `columns`, or null when a value is not one FROM shows as it is. */
function rowOf(doc: Record<string, unknown>, columns: DirectColumn[]): RowText | null {
  const row: unknown[] = new Array(columns.length);
  let values = 0;
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j];
    let value = Object.hasOwn(doc, column.field) ? doc[column.field] : null;
    if (!shownAsIs(value, column.kind)) return null;
    if (column.ignoreAbove !== undefined && typeof value === 'string' && [...value].length > column.ignoreAbove) value = null;
    row[j] = value;
    if (value !== null) values++;
  }
  return { text: JSON.stringify(row), values };
}

/**
 * The `values` of the first `limit` documents, or undefined when one holds a value FROM would read otherwise
 * (an array, another type), or when the keys (column `keyAt`) do not strictly follow the order: ties, which
 * FROM orders by insertion, included.
 */
function valuesOf(docs: ReadDocument[], plan: DirectPlan): DirectValues | undefined {
  const { columns, keyAt, descending, rowKey } = plan;
  const shown = Math.min(docs.length, plan.limit);
  const rows: string[] = new Array(shown);
  let values = 0;
  let previous: unknown;
  for (let i = 0; i < docs.length; i++) {
    const { source: doc, memo } = docs[i];
    const key = doc[columns[keyAt].field];
    // string keys are plain ISO dates, whose text order is their time order
    if (i > 0 && !(descending ? (key as number) < (previous as number) : (key as number) > (previous as number))) return undefined;
    previous = key;
    if (i === shown) break;
    let row = memo?.get(rowKey) as RowText | null | undefined;
    if (row === undefined) {
      row = rowOf(doc, columns);
      memo?.set(rowKey, row);
    }
    if (row === null) return undefined;
    rows[i] = row.text;
    values += row.values;
  }
  if (shown > 0 && (previous === null || previous === undefined)) return undefined;
  return { text: `[${rows.join(',')}]`, documents: shown, values };
}

/** The query's WHEREs, its one-key SORT and its literal LIMIT, when that is all it has after FROM. */
function queryShape(ast: EsqlQuery): { wheres: WhereNode[]; sort: SortNode; limit: number } | undefined {
  const commands = ast.commands;
  const n = commands.length;
  if (n < 2 || commands[n - 2].kind !== 'SORT' || commands[n - 1].kind !== 'LIMIT') return undefined;
  const wheres = commands.slice(0, n - 2);
  if (!wheres.every((c) => c.kind === 'WHERE')) return undefined;
  const sort = commands[n - 2] as SortNode;
  const limit = (commands[n - 1] as LimitNode).count;
  if (sort.orders.length !== 1 || typeof limit !== 'number' || limit < 1 || limit > MAX_DIRECT_LIMIT) return undefined;
  return { wheres: wheres as WhereNode[], sort, limit };
}
