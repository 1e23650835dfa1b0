/**
 * Random requests for the embedded engine's REST door, shaped like real ones but with values of every type
 * in every place (STYLE R10: bad input gets a clear error, never a crash). Deterministic for a seed.
 */
import type { EngineRequest } from '../../lib/embedded';
import type { Prng } from './prng';

const FIELDS = ['a', 'b', 'c.d', 'n', 'when', 'tags', '_id', '_index', 'missing', 'a.keyword', 'msg'] as const;

/** The index and documents the requests read and write (`f`), with one value of many kinds each. */
export const FUZZ_SETUP: EngineRequest[] = [
  {
    method: 'PUT', path: '/f', body: JSON.stringify({
      mappings: { properties: { a: { type: 'text', fields: { keyword: { type: 'keyword' } } }, n: { type: 'long' }, when: { type: 'date' }, c: { properties: { d: { type: 'keyword' } } } } },
    }),
  },
  {
    method: 'POST', path: '/f/_bulk', querystring: 'refresh=true', body: [
      '{"a":"hello world","n":5,"when":"2024-01-01T00:00:00Z","c":{"d":"x"},"tags":["p","q"]}',
      '{"a":["x","y"],"n":[1,2],"when":1700000000000}', '{"n":"7","msg":null}', '{}', '{"c":{"d":["a","b"]},"n":1.5}',
    ].map((d, i) => `{"index":{"_id":"${i}"}}\n${d}\n`).join(''),
  },
];

/** A value of any JSON type, the awkward ones often. */
function anyValue(r: Prng): unknown {
  return r.pick([1, -1, 0, 1.5, 'x', 'x*', '', null, true, false, [], {}, [1, 'a'], { gte: 1 }, '2024-01-01', 'now-1d', 1e20, 'a b', '\u0000', '{']);
}

function query(r: Prng, depth = 0): unknown {
  const field = r.pick(FIELDS);
  switch (r.pick(['match_all', 'term', 'terms', 'range', 'exists', 'ids', 'prefix', 'wildcard', 'match', 'bool', 'other'])) {
    case 'match_all': return { [r.pick(['match_all', 'match_none'])]: r.pick([{}, { boost: 2 }, [], 1, null]) };
    case 'term': return { term: { [field]: r.pick([anyValue(r), { value: anyValue(r) }, { value: anyValue(r), boost: anyValue(r) }]) } };
    case 'terms': return { terms: { [field]: r.pick([[anyValue(r), anyValue(r)], anyValue(r)]) } };
    case 'range': return { range: { [field]: { [r.pick(['gt', 'gte', 'lt', 'lte', 'format', 'time_zone'])]: anyValue(r), [r.pick(['gt', 'lte'])]: anyValue(r) } } };
    case 'exists': return { exists: r.pick([{ field }, { field: anyValue(r) }, {}]) };
    case 'ids': return { ids: r.pick([{ values: [anyValue(r)] }, { values: anyValue(r) }]) };
    case 'prefix': case 'wildcard': return { [r.pick(['prefix', 'wildcard'])]: { [field]: r.pick([anyValue(r), { value: anyValue(r) }]) } };
    case 'match': return { [r.pick(['match', 'match_phrase'])]: { [field]: r.pick([anyValue(r), { query: anyValue(r), operator: r.pick(['and', 'or', 'x']) }]) } };
    case 'bool':
      if (depth > 2) return { match_all: {} };
      return { bool: { [r.pick(['must', 'filter', 'should', 'must_not', 'minimum_should_match'])]: r.pick([query(r, depth + 1), [query(r, depth + 1), query(r, depth + 1)], anyValue(r)]) } };
    default: return { [r.pick(['bogus', 'query_string', 'nested', 'constant_score'])]: anyValue(r) };
  }
}

function searchBody(r: Prng): unknown {
  const body: Record<string, unknown> = {};
  if (r.chance(0.8)) body.query = query(r);
  if (r.chance(0.4)) {
    const field = r.pick(FIELDS);
    body.sort = r.pick([field, [{ [field]: r.pick(['asc', 'desc', 'x', anyValue(r)]) }], [{ [field]: { order: r.pick(['asc', 'desc']), missing: r.pick(['_first', '_last', anyValue(r)]) } }], anyValue(r)]);
  }
  for (const key of ['size', 'from', '_source', 'track_total_hits', 'search_after', 'aggs']) if (r.chance(0.2)) body[key] = anyValue(r);
  return body;
}

const ESQL = [
  'FROM f', 'FROM f | WHERE n > 1', 'FROM f | SORT when DESC | LIMIT 2', 'FROM f | STATS c = COUNT(*) BY c.d', 'FROM f | EVAL x = n + 1 | KEEP x',
  'FROM f | WHERE a == "x"', 'FROM f | MV_EXPAND tags', 'FROM f | DISSECT a "%{x} %{y}"', 'FROM f | WHERE a LIKE "h*" OR n IN (1, 2)',
];
const ESQL_CALLS = ['TO_LONG(', 'TO_DATETIME(', 'DATE_TRUNC(1 day, ', 'LENGTH(', 'MV_COUNT(', 'ABS(', 'TO_IP(', 'SUBSTRING(a, ', 'CONCAT(a, ', 'ROUND(', 'DATE_FORMAT("yyyy", ', 'CASE(n > 1, ', 'COALESCE(n, ', 'SPLIT(a, '];
const ESQL_ARGS = ['n', 'a', 'when', 'c.d', 'tags', 'null', '"x"', '1.5'];

function esqlQuery(r: Prng): string {
  const base = r.pick([
    () => r.pick(ESQL),
    () => `FROM f | EVAL x = ${r.pick(ESQL_CALLS)}${r.pick(ESQL_ARGS)})`,
    () => `FROM f | STATS ${r.pick(['AVG(', 'SUM(', 'MIN(', 'MAX(', 'MEDIAN(', 'COUNT_DISTINCT(', 'VALUES(', 'PERCENTILE(n, '])}${r.pick(['n', 'a', 'when', 'tags'])})${r.pick(['', ' BY c.d', ' BY tags'])}`,
    () => `ROW a = ${JSON.stringify(anyValue(r))}`,
  ])();
  return base + r.pick(['', ` | LIMIT ${r.pick([0, 1, -1, 'x'])}`]);
}

function bulkBody(r: Prng): string {
  return r.pick([
    () => `{"index":{}}\n${JSON.stringify(anyValue(r))}\n`, () => `{"update":{"_id":"1"}}\n{"doc":${JSON.stringify(anyValue(r))}}\n`,
    () => '{"delete":{}}\n', () => 'garbage\n', () => `{"index":{"_id":${JSON.stringify(anyValue(r))}}}\n{}\n`,
    () => `{"create":{"_index":${JSON.stringify(anyValue(r))}}}\n{"a":1}\n`,
  ])();
}

function metadataRequest(r: Prng): EngineRequest {
  const g = `/g${r.int(5)}`;
  const body = r.pick([
    () => ({
      mappings: { dynamic: anyValue(r), properties: { [r.pick(FIELDS)]: { type: r.pick(['keyword', 'text', 'long', 'date', 'object', 'nested', 'bogus', 'double', 'boolean', 'ip', 'float', anyValue(r)]), format: anyValue(r), index: anyValue(r), fields: anyValue(r), ignore_above: anyValue(r), null_value: anyValue(r) } } },
      settings: { [r.pick(['number_of_shards', 'index.hidden', 'index.max_result_window', 'refresh_interval'])]: anyValue(r) },
    }),
    () => ({ actions: [{ [r.pick(['add', 'remove', 'remove_index', 'bogus'])]: { index: anyValue(r), alias: anyValue(r), filter: r.pick([query(r), anyValue(r)]), is_write_index: anyValue(r) } }] }),
    () => ({ script: r.pick([anyValue(r), { source: r.pick(['ctx._source.a = 1', 'ctx._source.remove("a")', "ctx.op = 'delete'", 'ctx._source.x = params.p', 'bogus()', anyValue(r)]), params: anyValue(r) }]), query: r.pick([query(r), anyValue(r)]) }),
    () => ({ doc: anyValue(r), upsert: anyValue(r), doc_as_upsert: anyValue(r), script: anyValue(r) }),
    () => ({ index_patterns: r.pick([['g*'], anyValue(r)]), priority: anyValue(r), template: { settings: anyValue(r), mappings: anyValue(r), aliases: anyValue(r) } }),
    () => ({ [r.pick(FIELDS)]: anyValue(r), when: anyValue(r), n: anyValue(r), c: anyValue(r) }),
  ])();
  return {
    method: r.pick(['PUT', 'POST']), path: r.pick([g, `${g}/_doc/1`, '/_aliases', `${g}/_update_by_query`, `/f/_update/${r.pick(['1', '2', 'zz'])}`, `/_index_template/${r.pick(['t1', 't2'])}`]),
    querystring: r.pick(['', 'refresh=true', 'conflicts=proceed', `max_docs=${r.pick(['1', 'x', '-1'])}`]), body: JSON.stringify(body),
  };
}

/** Index-level and cluster-level APIs with parameters of every sort. */
function otherRequest(r: Prng): EngineRequest {
  const target = r.pick(['f', 'g*', 'f,g1', '_all', '*', '.hidden', 'nope', '%', 'F', '-f']);
  const param = () => `${r.pick(['expand_wildcards', 'ignore_unavailable', 'allow_no_indices', 'format', 'h', 'v', 's', 'bytes', 'pri', 'health', 'local', 'master_timeout', 'wait_for_active_shards', 'q', 'df', 'default_operator', 'routing', 'preference', 'version', 'version_type', '_source_includes', '_source_excludes', 'stored_fields', 'realtime', 'refresh', 'timeout', 'terminate_after'])}=${encodeURIComponent(String(anyValue(r)))}`;
  const method = r.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']);
  const path = r.pick([
    `/${target}`, `/${target}/_refresh`, `/_cat/indices/${target}`, '/_cat/indices', `/_resolve/index/${target}`, `/${target}/_count`,
    `/${target}/_close`, `/${target}/_open`, `/${target}/_alias/a1`, `/_alias/${target}`, `/${target}/_mapping`, `/${target}/_settings`,
    '/_capabilities', '/_cluster/health', `/${target}/_doc/1`, `/${target}/_source/1`, `/${target}/_delete_by_query`, `/${target}/_stats`,
  ]);
  const querystring = Array.from({ length: r.range(0, 2) }, param).join('&');
  const body = r.pick([() => '', () => JSON.stringify(anyValue(r)), () => JSON.stringify(searchBody(r)), () => JSON.stringify({ query: query(r) }), () => '{', () => '[]']);
  return { method, path, querystring, body: body() };
}

/** ES|QL requests with parameters, options and filters of every sort. */
function esqlOptionsRequest(r: Prng): EngineRequest {
  const params = r.pick([[anyValue(r)], [{ p: anyValue(r) }], [{ p: { identifier: 'n' } }, { q: { pattern: 'a*' } }], anyValue(r)]);
  return {
    method: 'POST', path: '/_query', querystring: r.pick(['', 'format=csv', 'delimiter=;', 'drop_null_columns=true']),
    body: JSON.stringify({
      query: r.pick(['FROM f | WHERE n > ? | LIMIT ?', 'FROM f | EVAL x = ?p | KEEP x', 'ROW a = ?', 'FROM f | KEEP ?p | LIMIT 1', 'FROM f | STATS c = COUNT(*) BY ?q']),
      params, ...(r.chance(0.3) ? { columnar: anyValue(r) } : {}), ...(r.chance(0.3) ? { filter: r.pick([query(r), anyValue(r)]) } : {}),
      ...(r.chance(0.2) ? { locale: anyValue(r) } : {}),
    }),
  };
}

/** One random request. */
export function randomRequest(r: Prng): EngineRequest {
  if (r.chance(0.15)) return otherRequest(r);
  if (r.chance(0.1)) return esqlOptionsRequest(r);
  const kind = r.next();
  if (kind < 0.45) {
    return {
      method: 'POST', path: r.pick(['/f/_search', '/f/_count', '/_search', '/f*/_search', '/f/_delete_by_query']),
      querystring: r.pick(['', 'size=2', 'q=a:hello', 'sort=n:desc', '_source=a', 'track_total_hits=false', 'q=bad', 'scroll=1m', 'scroll=x', 'scroll=2d']),
      body: JSON.stringify(r.pick([searchBody(r), query(r)])),
    };
  }
  if (kind < 0.65) {
    // the answer's format too: the text formats and drop_null_columns read the result's cells
    const querystring = r.pick(['', '', '', 'format=txt', 'format=csv', 'format=tsv', 'drop_null_columns=true', 'format=txt&drop_null_columns']);
    return { method: 'POST', path: '/_query', querystring, body: JSON.stringify({ query: esqlQuery(r), ...(r.chance(0.3) ? { params: [anyValue(r)] } : {}) }) };
  }
  if (kind < 0.8) return { method: 'POST', path: '/f/_bulk', body: bulkBody(r) };
  if (kind < 0.9) return metadataRequest(r);
  return {
    method: r.pick(['PUT', 'POST', 'GET', 'DELETE']),
    path: r.pick(['/f/_doc/1', '/f/_update/1', '/f/_mapping', '/f/_settings', '/_index_template/t', '/f/_mget', '/_msearch', '/_search/scroll', `/f/_doc/${encodeURIComponent(String(anyValue(r)))}`]),
    querystring: r.pick(['', 'refresh=true', 'if_seq_no=x&if_primary_term=1', `filter_path=${r.pick(['a', '**', '-*', '*.*', '..', ''])}`]),
    body: JSON.stringify(r.pick([searchBody(r), { doc: anyValue(r) }, { properties: { n: { type: anyValue(r) } } }, { docs: anyValue(r) }, { scroll_id: anyValue(r), scroll: anyValue(r) }, anyValue(r)])),
  };
}
