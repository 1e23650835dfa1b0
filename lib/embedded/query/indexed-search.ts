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
import type { FieldCondition, IndexedReads, ScanRequest } from '../esql/catalog';
import { resolveField } from '../mapping/fields';
import type { Store } from '../storage/store';
import type { MappingProperties, StoredDocument } from '../storage/types';
import { compileQuery, type QueryContext } from './compile';
import { kindOf, type FieldKind } from './field-kind';
import { singleSortValue, sortValue, type SortKey, type SortValue } from './sort';

/** A document that matched, as search.ts ranks it; `sortValues`, when known, are its values for the sort keys. */
export interface IndexedMatch {
  doc: StoredDocument;
  readonly source: Record<string, unknown>;
  score: number;
  sortValues?: SortValue[];
  memo?: Map<string, unknown>;
}

/** The matches a search needs to rank (a superset of its page), and its total hit count. */
export interface IndexedMatches {
  matches: IndexedMatch[];
  total: number;
}

/**
 * A plain document that meets exact conditions, known by what SQLite read: its `_source` is parsed only
 * if something reads it (a page answered whole, with sort values from the index, never does).
 */
class UnparsedMatch implements IndexedMatch {
  private parsed: Record<string, unknown> | undefined;
  constructor(readonly doc: StoredDocument, readonly score: number, readonly sortValues: SortValue[] | undefined,
    readonly memo: Map<string, unknown> | undefined) {}
  get source(): Record<string, unknown> { return (this.parsed ??= JSON.parse(this.doc.source) as Record<string, unknown>); }
}

/** The search request parts this looks at. */
export interface IndexedSearchRequest {
  query?: Record<string, unknown>;
  size: number;
  from: number;
  trackTotalHits?: boolean | number;
  exactTotal: boolean;
  searchAfter?: unknown[];
  /** Whether the hits show `_version`, `_seq_no` or `_primary_term` (else the read leaves them out). */
  versions?: boolean;
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
 * How a search reads through the field indexes, worked out from the request and the index's metadata
 * alone: the same for every request of one search text while the metadata holds (rest/routes/search.ts
 * keeps it), and its scan request the same object, whose statements the store then keeps too.
 */
interface IndexedPlan {
  conditions: FieldCondition[];
  exact: boolean;
  keyed: FieldKind[] | undefined;
  scan: ScanRequest;
  /** The memo key of a cached document's sort values under these keys. */
  sortKey: string;
}

/** The plan of a search through the field indexes, or null when the search has another shape. */
function indexedPlan(req: IndexedSearchRequest, keys: SortKey[], ctx: QueryContext, reads: IndexedReads): IndexedPlan | null {
  if (keys.length === 0 || req.searchAfter !== undefined) return null;
  if (keys.some((k) => k.field === '_score' || k.field === '_doc')) return null;
  const first = keys[0];
  const resolved = resolveField(ctx.properties, first.field);
  const kind = reads.kind(first.field);
  if (resolved?.sourcePath !== first.field || kind === undefined || kind === 'keyword' || resolved.type !== kind) return null;
  const { conditions, exact } = conditionsOf(req.query, ctx.properties, reads);
  if (!exact && conditions.length === 0) return null;
  const keyed = exact ? keyedKinds(keys, ctx.properties, reads) : undefined;
  const also = keyed && keys.slice(1).map((k) => k.field);
  // Inexact conditions only narrow: every document meeting them is evaluated, and the matches counted.
  // SQLite tests them on each document's JSON unless an index exists; making one for such a read (the
  // recovery sweep's `status`, every 30 s) would cost each write of the index more than it saves.
  const read = req.versions ? 'row' : 'sourceAndId';
  const scan: ScanRequest = !exact ? { conditions, makeIndexes: false, read } : {
    conditions, limit: req.from + req.size, withTies: keys.length > 1, read,
    order: { field: first.field, descending: first.order === 'desc', nullsFirst: first.missing === '_first' }, also,
  };
  return { conditions, exact, keyed, scan, sortKey: `sort\u0000${JSON.stringify(keys)}` };
}

/**
 * The matches and total of a search over `index` through its field indexes, or undefined when the search
 * has another shape (the caller then reads every document). Query errors are thrown as the general path
 * throws them.
 */
export function indexedSearch(store: Store, index: string, req: IndexedSearchRequest, keys: SortKey[], ctx: QueryContext,
  plans?: Map<string, unknown>): IndexedMatches | undefined {
  const reads = store.fieldScan(index);
  const planKey = `indexed\u0000${index}`;
  let plan = plans?.get(planKey) as IndexedPlan | null | undefined;
  if (plan === undefined) {
    plan = indexedPlan(req, keys, ctx, reads);
    plans?.set(planKey, plan);
  }
  if (!plan) return undefined;
  const { conditions, exact, keyed, scan, sortKey } = plan;
  const first = keys[0];
  const matcher = compileQuery(req.query, ctx);
  const scanned = reads.scan(scan);
  const matches: IndexedMatch[] = [];
  let irregularMatches = 0;
  for (const s of scanned) {
    const doc = { index, id: s.id, source: s.source, seqNo: s.seqNo, primaryTerm: s.primaryTerm, version: s.version };
    if (exact && !s.irregular) {
      // SQLite's answer is exact for a plain document, so the query need not run on it. Its score is
      // never shown: these searches sort by fields, which leaves `_score` and `max_score` null.
      // the values of one version of a document under these keys do not change: kept with it when cached
      let sortValues = s.memo?.get(sortKey) as SortValue[] | undefined;
      if (!sortValues && keyed && s.keys && readExactly(s.keys)) {
        sortValues = keyed.map((kind, i) => singleSortValue(kind, s.keys![i] as string | number | null));
        s.memo?.set(sortKey, sortValues);
      } else if (!sortValues && s.memo) {
        // a cached listing reads no keys: the values come from the source once, then from the memo
        const source = JSON.parse(s.source) as Record<string, unknown>;
        sortValues = keys.map((k) => sortValue(k, { score: 0, position: s.position, source, sourceText: s.source, index, properties: ctx.properties }));
        s.memo.set(sortKey, sortValues);
      }
      matches.push(new UnparsedMatch(doc, 0, sortValues, s.memo));
      continue;
    }
    const source = JSON.parse(s.source) as Record<string, unknown>;
    const score = matcher({ index, id: s.id, source, sourceText: s.source });
    if (score === null) continue;
    if (s.irregular) irregularMatches++;
    matches.push({ doc, source, score });
  }
  if (!exact) return { matches, total: matches.length };
  const cap = req.exactTotal || req.trackTotalHits === true ? undefined
    : req.trackTotalHits === false ? 0 : (typeof req.trackTotalHits === 'number' ? req.trackTotalHits : TOTAL_HITS_CAP) + 1;
  return { matches, total: reads.countPlain(conditions, cap, [first.field]) + irregularMatches };
}

/** Kinds whose plain values SQLite reads back exactly as JSON.parse does: strings and safe integers. */
const KEYED_KINDS: ReadonlySet<string> = new Set(['keyword', 'date', 'long']);

/**
 * How each sort key compares, when every key can be read from the index the search walks (a tracked,
 * indexable top-level field of a kind SQLite reads back exactly, mapped as that kind): the documents'
 * sort values then come from SQLite (a plain value is a single scalar, see `singleSortValue`), and their
 * `_source` need not be parsed. Undefined otherwise.
 */
function keyedKinds(keys: SortKey[], properties: MappingProperties | undefined, reads: IndexedReads): FieldKind[] | undefined {
  const kinds: FieldKind[] = [];
  for (const key of keys) {
    const kind = reads.kind(key.field);
    const resolved = resolveField(properties, key.field);
    if (kind === undefined || !KEYED_KINDS.has(kind) || resolved?.sourcePath !== key.field || resolved.type !== kind || !reads.indexable(key.field)) return undefined;
    kinds.push(kindOf(kind));
  }
  return kinds;
}

/**
 * Whether SQLite's values are the document's: it reads an escaped lone surrogate (`"\ud800"`) as U+FFFD,
 * so a string holding one is taken from the parsed source instead (rare, and then exact).
 */
const readExactly = (values: unknown[]) => values.every((v) => typeof v !== 'string' || !v.includes('\uFFFD'));

