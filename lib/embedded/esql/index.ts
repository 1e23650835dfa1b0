/**
 * The ES|QL engine of the embedded store: `POST /_query` over an `EsqlCatalog`, and the parser shared
 * with the script runtime and the editor. Parse (Lezer) → lower (typed AST) → validate every command
 * against the columns before it → execute command by command on in-memory tables.
 */
import { parser } from '../../../grammar/esql-parser';
import type { EsqlQuery } from './ast';
import type { EsqlCatalog } from './catalog';
import { deepFreeze } from '../deep-freeze';
import { commandFor } from './commands/index';
import { limit } from './commands/limit';
import { Warnings, type EsqlContext } from './context';
import { answerDirect, directPlan, type DirectPlan } from './direct-answer';
import { EsqlError, errorBody, parsing, verification } from './errors';
import { formatDate } from './functions/convert';
import { lowerQuery, type SyntaxProblem } from './lower';
import { readParams, type Params } from './params';
import { lineColumn } from './positions';
import { planPushdown } from './pushdown';
import type { Cell, Column, Table } from './table';

export type { EsqlQuery } from './ast';
export type { EsqlCatalog, MappingProperties } from './catalog';
export { JsonFloat, parseJsonKeepingFloats } from './params';

/** Rows returned when the query has no LIMIT (ES's default `esql.query.result_truncation_default_size`). */
export const DEFAULT_LIMIT = 1000;

/** The body of `POST /_query`. */
export interface EsqlRequest { query: string; params?: unknown[]; columnar?: boolean; locale?: string }

/** Parses an ES|QL query with the Lezer grammar into the typed ES|QL AST (also used by the script runtime/editor). */
export function parseEsql(query: string): { ast: EsqlQuery | null; errors: { message: string; line: number; column: number }[] } {
  const { ast, problems } = lowerQuery(parser.parse(query), query);
  return { ast, errors: problems.map((p) => ({ message: p.message, ...lineColumn(query, p.offset) })) };
}

/** Parsed queries without parameters, by text: parsing and lowering cost a small query a tenth of its time. */
const parsedQueries = new Map<string, EsqlQuery>();
/** Queries kept; the cache starts over when full (a dashboard repeats a handful). */
const PARSED_QUERIES_KEPT = 128;

/** The query's AST, or its syntax problems; a query with parameters is lowered with them each time. */
function lowered(query: string, params: Params): { ast: EsqlQuery | null; problems: SyntaxProblem[] } {
  const plain = params.positional.length === 0 && params.named.size === 0;
  const cached = plain ? parsedQueries.get(query) : undefined;
  if (cached) return { ast: cached, problems: [] };
  const result = lowerQuery(parser.parse(query), query, params);
  if (plain && result.ast) {
    if (parsedQueries.size >= PARSED_QUERIES_KEPT) parsedQueries.clear();
    parsedQueries.set(query, deepFreeze(result.ast));
  }
  return result;
}

/**
 * The catalog as one query sees it: FROM's patterns are resolved (indices, aliases, their filters) once
 * rather than by each command's validation, column listing, planning and execution.
 */
function resolvingOnce(catalog: EsqlCatalog): EsqlCatalog {
  let last: { key: string; answer: ReturnType<EsqlCatalog['resolve']> } | undefined;
  const indexedReads = catalog.indexedReads;
  return {
    resolve(patterns) {
      const key = patterns.join('\u0000');
      if (last?.key !== key) last = { key, answer: catalog.resolve(patterns) };
      return last.answer;
    },
    mapping: (index) => catalog.mapping(index),
    documents: (index) => catalog.documents(index),
    ...(indexedReads ? { indexedReads: (index: string) => indexedReads.call(catalog, index) } : {}),
    ...(catalog.metadataState ? { metadataState: () => catalog.metadataState!() } : {}),
  };
}

/**
 * Direct plans by query (a query text's cached, frozen AST), with its columns and the catalog's metadata
 * state they were worked out in: a dashboard's repeated query is then neither validated nor planned again
 * until metadata changes. A plan exists only for a query that validated (and qualifies, direct-answer.ts).
 */
const directPlans = new WeakMap<EsqlQuery, { state: object; columns: Column[]; plan: DirectPlan }>();

/** Validates then runs the query; throws EsqlError for user errors. `values` text when the store wrote it (direct-answer.ts). */
function execute(ast: EsqlQuery, ctx: EsqlContext, direct: boolean): Table | { columns: Column[]; valuesText: string } {
  const state = direct && Object.isFrozen(ast) ? ctx.catalog.metadataState?.() : undefined;
  const known = state === undefined ? undefined : directPlans.get(ast);
  if (known && known.state === state) {
    const values = answerDirect(known.plan, ctx);
    // declined (ties, irregular values): the general path, the query being valid as it was
    return values ? { columns: known.columns, valuesText: values.text } : runGeneral(ast, ctx);
  }
  const columns = validate(ast, ctx);
  if (direct) {
    const plan = directPlan(ast, ctx);
    // kept only if planning changed no metadata (it may make an index)
    if (plan && state !== undefined && ctx.catalog.metadataState?.() === state) directPlans.set(ast, { state, columns, plan });
    const values = plan && answerDirect(plan, ctx);
    if (values) return { columns, valuesText: values.text };
  }
  return runGeneral(ast, ctx);
}

/** Checks every command in turn; the columns after the last one. Throws EsqlError for user errors. */
function validate(ast: EsqlQuery, ctx: EsqlContext): Column[] {
  const all = [ast.source, ...ast.commands];
  // Elasticsearch checks a LIMIT's value while parsing, so that error comes before any other
  const limitProblems = ast.commands.flatMap((c) => (c.kind === 'LIMIT' ? limit.validate(c, [], ctx) : []));
  if (limitProblems.length) throw new EsqlError(limitProblems);
  let columns: Column[] = [];
  for (const node of all) {
    const command = commandFor(node);
    if (!command) throw new EsqlError([verification(`Unsupported command [${node.kind}]`, node.span.from)]);
    const problems = command.validate(node, columns, ctx);
    if (problems.length) throw new EsqlError(problems);
    columns = command.columnsAfter(node, columns, ctx);
  }
  return columns;
}

/** Runs a validated query: the store's indexes may answer its start (pushdown.ts), the rest runs as usual. */
function runGeneral(ast: EsqlQuery, ctx: EsqlContext): Table {
  const all = [ast.source, ...ast.commands];
  const pushdown = planPushdown(ast, ctx);
  const run = pushdown?.kind === 'scan' ? { ...ctx, catalog: pushdown.catalog } : ctx;
  let table: Table = pushdown?.kind === 'table' ? pushdown.table : { columns: [], rows: [] };
  const remaining = pushdown?.kind === 'table' ? ast.commands.slice(pushdown.consumed) : all;
  for (const node of remaining) {
    if (node.kind === 'WHERE' && pushdown?.kind === 'scan' && pushdown.answered(node)) continue;
    table = commandFor(node)!.execute(node, table, run);
  }
  if (!ast.commands.some((c) => c.kind === 'LIMIT')) {
    ctx.warnings.add(`No limit defined, adding default limit of [${DEFAULT_LIMIT}]`);
    table = { columns: table.columns, rows: table.rows.slice(0, DEFAULT_LIMIT) };
  }
  return table;
}

/** A table's `values` as the JSON answer gives them: rows of cells, or with `columnar` the values of each column. */
export const renderValues = (table: Table, columnar: boolean): unknown[] => (columnar
  ? table.columns.map((c, i) => table.rows.map((r) => render(r[i], c)))
  : table.rows.map((r) => r.map((cell, i) => render(cell, table.columns[i]))));

function render(cell: Cell, column: Column): unknown {
  if (cell === null) return null;
  if (column.type === '_source') return JSON.parse(cell as string) as unknown;
  if (column.type === 'date') return Array.isArray(cell) ? cell.map((v) => formatDate(v as number)) : formatDate(cell as number);
  return cell;
}

export interface RunOptions {
  /** How `values` the store wrote as JSON text are given: by default parsed; the REST route splices the text in. */
  valuesFromText?: (text: string) => unknown;
  /**
   * Answer the result's table (`EsqlAnswer.table`) rather than `values`: for the text formats and
   * `drop_null_columns`, which look at the cells.
   */
  table?: boolean;
}

/** What `runEsql` answers: the status and body, the response's warnings, and the table when asked for. */
export interface EsqlAnswer { status: number; body: unknown; warnings?: string[]; table?: Table }

/** Executes POST /_query. Returns the Elasticsearch response: 200 {took, is_partial:false, columns:[{name,type}], values:[[…]]}
 *  (columnar:true → values per column), or an Elasticsearch-shaped error body with status 400
 *  ({error:{root_cause:[{type,reason}],type:"parsing_exception"|"verification_exception",reason:"line 1:33: Unknown column [stauts]…"},status:400}). Never throws on user input. */
export function runEsql(catalog: EsqlCatalog, body: EsqlRequest, options: RunOptions = {}): EsqlAnswer {
  const started = Date.now();
  const query = typeof body?.query === 'string' ? body.query : '';
  if (!query.trim()) return { status: 400, body: errorBody(query, [parsing('mismatched input \'<EOF>\'', 0)]) };
  const params = readParams(Array.isArray(body.params) ? body.params : undefined);
  if ('type' in params) return { status: 400, body: errorBody(query, [params]) };
  const { ast, problems } = lowered(query, params);
  if (!ast) return { status: 400, body: errorBody(query, problems.map((p) => parsing(p.message, p.offset))) };
  const ctx: EsqlContext = { catalog: resolvingOnce(catalog), query, params, now: started, warnings: new Warnings(query), read: { documentsFound: 0, valuesLoaded: 0 } };
  let table: ReturnType<typeof execute>;
  try {
    table = execute(ast, ctx, body.columnar !== true && options.table !== true);
  } catch (e) {
    if (e instanceof EsqlError) return { status: 400, body: errorBody(query, e.messages) };
    // a bug in the engine: answer like a failing node rather than throw at the client
    const reason = e instanceof Error ? e.message : String(e);
    return { status: 500, body: { error: { root_cause: [{ type: 'illegal_state_exception', reason }], type: 'illegal_state_exception', reason }, status: 500 } };
  }
  const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));
  const warnings = ctx.warnings.lines;
  const head = { took: Date.now() - started, is_partial: false, documents_found: ctx.read.documentsFound, values_loaded: ctx.read.valuesLoaded };
  if (options.table && 'rows' in table) return { status: 200, body: head, table, ...(warnings.length ? { warnings } : {}) };
  const values = 'valuesText' in table ? (options.valuesFromText ?? JSON.parse)(table.valuesText) as unknown : renderValues(table, body.columnar === true);
  return { status: 200, body: { ...head, columns, values }, ...(warnings.length ? { warnings } : {}) };
}
