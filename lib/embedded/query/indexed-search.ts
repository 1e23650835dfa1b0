/**
 * Searches the store's field indexes can answer (issue 4, item 3): one index, sorted by an indexed
 * numeric or date field, with a query of `match_all`, `term`s or `terms` on indexed keyword fields (alone or
 * as `bool` `filter`/`must` clauses). SQLite finds the first `from + size` hits (and those tied with the last
 * on the first sort key, when more keys follow) and counts the total; the documents it reads, and every
 * document with an irregular value in those fields, then go through the query and the sort exactly as in
 * the general path. The dashboard's poll and the scheduler's look-ups are searches of this shape. A query
 * with other clauses as well (the recovery sweep's `should`) is evaluated on the documents that meet the
 * `term`s and `terms` among its `filter`/`must` clauses, rather than on every document.
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

/** Conditions on tracked fields that every match meets (see `conditionsOf`). */
interface Conditions { conditions: FieldCondition[]; exact: boolean }

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Elasticsearch's default `track_total_hits` cap. */
const TOTAL_HITS_CAP = 10_000;

/** The indexed `_source` field a keyword field (or a keyword multi-field) reads, if any. */
function keywordSource(name: string, properties: MappingProperties | undefined, reads: IndexedReads): string | undefined {
  const resolved = resolveField(properties, name);
  return resolved?.type === 'keyword' && reads.kind(resolved.sourcePath) === 'keyword' ? resolved.sourcePath : undefined;
}

/**
 * Conditions every match of the query meets, and whether they are exact: then a plain document meets them
 * exactly when it matches (the query is `match_all`, `term`s and `terms` on tracked keyword fields, alone
 * or as `bool` `filter`/`must` clauses). Otherwise they only narrow what the query is evaluated on: the
 * `filter`/`must` clauses they can express, with the others (`should`, `must_not`, `range`, …) left to it.
 */
function conditionsOf(query: Record<string, unknown> | undefined, properties: MappingProperties | undefined, reads: IndexedReads): Conditions {
  const none: Conditions = { conditions: [], exact: false };
  if (query === undefined) return { conditions: [], exact: true };
  const kinds = Object.keys(query);
  if (kinds.length !== 1) return none;
  const body = query[kinds[0]];
  switch (kinds[0]) {
    case 'match_all': return isObject(body) ? { conditions: [], exact: true } : none;
    case 'term': {
      if (!isObject(body)) return none;
      const entries = Object.entries(body);
      if (entries.length !== 1) return none;
      const [name, spec] = entries[0];
      const options = isObject(spec) ? spec : { value: spec };
      if (Object.keys(options).some((k) => k !== 'value' && k !== 'boost')) return none;
      const field = keywordSource(name, properties, reads);
      return isScalar(options.value) && field !== undefined ? { conditions: [{ field, op: '==', value: String(options.value) }], exact: true } : none;
    }
    case 'terms': {
      if (!isObject(body)) return none;
      const entries = Object.entries(body).filter(([k]) => k !== 'boost');
      if (entries.length !== 1) return none;
      const [name, values] = entries[0];
      const field = keywordSource(name, properties, reads);
      if (!Array.isArray(values) || !values.every(isScalar) || field === undefined) return none;
      return { conditions: [{ field, op: 'in', values: values.map(String) }], exact: true };
    }
    case 'bool': {
      if (!isObject(body)) return none;
      const clauses = [body.filter, body.must].flatMap((c) => (c === undefined ? [] : Array.isArray(c) ? c : [c]));
      const parts = clauses.map((c) => (isObject(c) ? conditionsOf(c, properties, reads) : none));
      const onlyRequired = Object.keys(body).every((k) => k === 'filter' || k === 'must' || k === 'boost');
      return { conditions: parts.flatMap((p) => p.conditions), exact: onlyRequired && parts.every((p) => p.exact) };
    }
    default: return none;
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
  const { conditions, exact } = conditionsOf(req.query, ctx.properties, reads);
  if (!exact && conditions.length === 0) return undefined;
  const matcher = compileQuery(req.query, ctx);
  // Inexact conditions only narrow: every document meeting them is evaluated, and the matches counted.
  // SQLite tests them on each document's JSON unless an index exists; making one for such a read (the
  // recovery sweep's `status`, every 30 s) would cost each write of the index more than it saves.
  const scanned = !exact ? reads.scan({ conditions, makeIndexes: false }) : reads.scan({
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
  if (!exact) return { matches, total: matches.length };
  const cap = req.exactTotal || req.trackTotalHits === true ? undefined
    : req.trackTotalHits === false ? 0 : (typeof req.trackTotalHits === 'number' ? req.trackTotalHits : TOTAL_HITS_CAP) + 1;
  return { matches, total: reads.countPlain(conditions, cap, [first.field]) + irregularMatches };
}
