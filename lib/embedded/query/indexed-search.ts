/**
 * Searches the store's field indexes can answer (issue 4, item 3): one index, sorted by an indexed
 * numeric or date field, with a query of `match_all` or `term`s on indexed keyword fields (alone or as
 * `bool` `filter`/`must` clauses). SQLite finds the first `from + size` hits (and those tied with the last
 * on the first sort key, when more keys follow) and counts the total; the documents it reads, and every
 * document with an irregular value in those fields, then go through the query and the sort exactly as in
 * the general path. The dashboard's poll and the scheduler's look-ups are searches of this shape.
 */
import type { FieldCondition, IndexedReads } from '../esql/catalog';
import { resolveField } from '../mapping/fields';
import type { Store } from '../storage/store';
import type { MappingProperties, StoredDocument } from '../storage/types';
import { compileQuery, type QueryContext } from './compile';
import type { SortKey } from './sort';

/** The matches a search needs to rank (a superset of its page), and its total hit count. */
export interface IndexedMatches {
  matches: { doc: StoredDocument; source: Record<string, unknown>; score: number }[];
  total: number;
}

/** The search request parts this looks at. */
export interface IndexedSearchRequest {
  query?: Record<string, unknown>;
  size: number;
  from: number;
  trackTotalHits?: boolean | number;
  exactTotal: boolean;
  searchAfter?: unknown[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Elasticsearch's default `track_total_hits` cap. */
const TOTAL_HITS_CAP = 10_000;

/** The indexed `_source` field a keyword field (or a keyword multi-field) reads, if any. */
function keywordSource(name: string, properties: MappingProperties | undefined, reads: IndexedReads): string | undefined {
  const resolved = resolveField(properties, name);
  return resolved?.type === 'keyword' && reads.kind(resolved.sourcePath) === 'keyword' ? resolved.sourcePath : undefined;
}

/** The query as conditions that are exact for plain documents, or undefined when it has another shape. */
function conditionsOf(query: Record<string, unknown> | undefined, properties: MappingProperties | undefined, reads: IndexedReads): FieldCondition[] | undefined {
  if (query === undefined) return [];
  const kinds = Object.keys(query);
  if (kinds.length !== 1) return undefined;
  const body = query[kinds[0]];
  switch (kinds[0]) {
    case 'match_all': return isObject(body) ? [] : undefined;
    case 'term': {
      if (!isObject(body)) return undefined;
      const entries = Object.entries(body);
      if (entries.length !== 1) return undefined;
      const [name, spec] = entries[0];
      const options = isObject(spec) ? spec : { value: spec };
      if (Object.keys(options).some((k) => k !== 'value' && k !== 'boost')) return undefined;
      const value = options.value;
      const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      const field = keywordSource(name, properties, reads);
      return scalar && field !== undefined ? [{ field, op: '==', value: String(value) }] : undefined;
    }
    case 'bool': {
      if (!isObject(body) || Object.keys(body).some((k) => k !== 'filter' && k !== 'must' && k !== 'boost')) return undefined;
      const clauses = [body.filter, body.must].flatMap((c) => (c === undefined ? [] : Array.isArray(c) ? c : [c]));
      const parts = clauses.map((c) => (isObject(c) ? conditionsOf(c, properties, reads) : undefined));
      return parts.every((p) => p !== undefined) ? parts.flat() as FieldCondition[] : undefined;
    }
    default: return undefined;
  }
}

/**
 * The matches and total of a search over `index` through its field indexes, or undefined when the search
 * has another shape (the caller then reads every document). Query errors are thrown as the general path
 * throws them.
 */
export function indexedSearch(store: Store, index: string, req: IndexedSearchRequest, keys: SortKey[], ctx: QueryContext): IndexedMatches | undefined {
  if (keys.length === 0 || req.searchAfter !== undefined) return undefined;
  if (keys.some((k) => k.field === '_score' || k.field === '_doc')) return undefined;
  const reads = store.fieldScan(index);
  const first = keys[0];
  const resolved = resolveField(ctx.properties, first.field);
  const kind = reads.kind(first.field);
  if (resolved?.sourcePath !== first.field || kind === undefined || kind === 'keyword' || resolved.type !== kind) return undefined;
  const conditions = conditionsOf(req.query, ctx.properties, reads);
  if (!conditions) return undefined;
  const matcher = compileQuery(req.query, ctx);
  const scanned = reads.scan({
    conditions, limit: req.from + req.size, withTies: keys.length > 1,
    order: { field: first.field, descending: first.order === 'desc', nullsFirst: first.missing === '_first' },
  });
  const matches: IndexedMatches['matches'] = [];
  let irregularMatches = 0;
  for (const s of scanned) {
    const source = JSON.parse(s.source) as Record<string, unknown>;
    const score = matcher({ index, id: s.id, source });
    if (score === null) continue;
    if (s.irregular) irregularMatches++;
    const doc = { index, id: s.id, source: s.source, seqNo: s.seqNo, primaryTerm: s.primaryTerm, version: s.version };
    matches.push({ doc, source, score });
  }
  const cap = req.exactTotal || req.trackTotalHits === true ? undefined
    : req.trackTotalHits === false ? 0 : (typeof req.trackTotalHits === 'number' ? req.trackTotalHits : TOTAL_HITS_CAP) + 1;
  return { matches, total: reads.countPlain(conditions, cap, [first.field]) + irregularMatches };
}
