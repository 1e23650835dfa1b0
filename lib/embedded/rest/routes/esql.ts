import { ESQL_CAPABILITIES } from '../../esql/capabilities';
import { contentTypeOf, formatTable, nullColumns, withoutColumns } from '../../esql/text-formats';
import type { EsqlCatalog } from '../../esql/catalog';
import { EsError } from '../../errors';
import { compileQuery } from '../../query/compile';
import { storeCatalog } from '../../storage/catalog';
import type { Store } from '../../storage/store';
import { getRunning, listRunning, whileRunning } from '../../esql/running-queries';
import { ENGINE_VERSION } from '../../version';
import { RawJson, textResponse } from '../json-text';
import { ok, route, type RestResponse } from '../router';
import { answerFormat, type AnswerFormat } from './esql-format';

interface EsqlBody { query: string; params?: unknown[]; columnar?: boolean; locale?: string; filter?: Record<string, unknown> }

/** Body fields Elasticsearch's `POST /_query` accepts; anything else is refused as it does. */
const KNOWN_FIELDS = new Set(['query', 'params', 'columnar', 'locale', 'filter', 'profile', 'tables', 'include_ccs_metadata',
  'include_execution_metadata', 'time_zone', 'wait_for_completion_timeout', 'keep_on_completion', 'keep_alive', 'allow_partial_results']);

/**
 * The ES|QL engine (grammar included), loaded on the first query and kept: importing it on every request
 * went through the module loader each time (about a millisecond under tsx).
 */
let esqlModule: Promise<typeof import('../../esql/index')> | undefined;
const loadEsql = () => (esqlModule ??= import('../../esql/index'));

/** The store's catalog, with documents pre-filtered by the request's query DSL `filter` when there is one. */
function catalogFor(store: Store, filter: Record<string, unknown> | undefined): EsqlCatalog {
  const base = storeCatalog(store);
  if (!filter) return base;
  const nowMs = Date.now();
  return {
    resolve: (patterns) => base.resolve(patterns),
    mapping: (index) => base.mapping(index),
    *documents(index) {
      const matcher = compileQuery(filter, { index, properties: base.mapping(index), nowMs });
      for (const doc of base.documents(index)) if (matcher({ index, id: doc.id, source: doc.source, sourceText: doc.sourceText }) !== null) yield doc;
    },
  };
}

/** `values` the store wrote as JSON text, spliced into the response as they are. */
const rawValues = (text: string) => new RawJson(text);

type EsqlModule = typeof import('../../esql/index');

/**
 * The body of a successful answer in a format other than plain JSON: text, or JSON without its all-null
 * columns (`drop_null_columns`: `all_columns` lists every column, `columns` and `values` the others).
 */
function formatted(esql: EsqlModule, answer: ReturnType<EsqlModule['runEsql']>, how: AnswerFormat, columnar: boolean): { body: unknown; contentType?: string } {
  const table = answer.table!;
  const kept = how.dropNullColumns ? withoutColumns(table, nullColumns(table)) : table;
  if (how.format !== 'json') {
    return { body: formatTable(kept, how.format, { delimiter: how.delimiter, header: how.header }), contentType: contentTypeOf(how.format, how.header) };
  }
  const describe = (columns: typeof table.columns) => columns.map((c) => ({ name: c.name, type: c.type }));
  return {
    body: { ...(answer.body as object), all_columns: describe(table.columns), columns: describe(kept.columns), values: esql.renderValues(kept, columnar) },
  };
}

/** `POST /_query`: ES|QL, delegated to `runEsql` of lib/embedded/esql over this store's catalog. */
export default [
  ...route('POST', '/_query', async (req, { store }): Promise<RestResponse> => {
    const body = req.json() as EsqlBody | undefined;
    if (!body || typeof body !== 'object') throw new EsError(400, 'parsing_exception', 'request body is required');
    const unknown = Object.keys(body).find((k) => !KNOWN_FIELDS.has(k));
    if (unknown) throw new EsError(400, 'x_content_parse_exception', `[1:2] [esql/query] unknown field [${unknown}]`);
    if (typeof body.query !== 'string') throw new EsError(400, 'parsing_exception', 'request body must contain a [query] string');
    const how = answerFormat(req, body.columnar === true);
    if (body.filter !== undefined) compileQuery(body.filter, { index: '', properties: {}, nowMs: 0 });
    const esql = await loadEsql();
    // re-read with floats kept, so a parameter written `2.0` stays a double
    const params = Array.isArray(body.params) ? (esql.parseJsonKeepingFloats(req.rawBody) as EsqlBody).params : undefined;
    const table = how.format !== 'json' || how.dropNullColumns;
    const answer = whileRunning(body.query, () => store.readScope(() => esql.runEsql(catalogFor(store, body.filter), { ...body, params }, { valuesFromText: rawValues, table })));
    const warnings = answer.warnings ?? [];
    const headers: Record<string, string> = warnings.length > 0
      ? { warning: warnings.map((w) => `299 Elasticsearch-${ENGINE_VERSION} "${w.replace(/"/g, '\\"')}"`).join(',') }
      : {};
    if (!answer.table) return textResponse(answer.status, answer.body, headers);
    const { body: shaped, contentType } = formatted(esql, answer, how, body.columnar === true);
    if (contentType) return { status: answer.status, body: shaped, headers: { ...headers, 'content-type': contentType } };
    return textResponse(answer.status, shaped, headers);
  }, ESQL_CAPABILITIES),
  // query monitoring: queries run to completion within one request, so only an overlapping request sees one
  ...route('GET', '/_query/queries', () => ok({ queries: listRunning() })),
  ...route('GET', '/_query/queries/:id', (req) => {
    const query = getRunning(req.params.id);
    if (query) return ok(query);
    throw new EsError(404, 'resource_not_found_exception', `query [${req.params.id}] is not running`);
  }),
];
