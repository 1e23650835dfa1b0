import { indexesWrittenNumbers, withWrittenNumbers } from '../documents/json-numbers';
import { EsError, parsingError } from '../errors';
import { parseDateValue } from '../mapping/date-formats';
import { resolveDateMath } from '../mapping/dates';
import { leafFields, resolveField, sourceValues } from '../mapping/fields';
import type { MappingProperties } from '../storage/types';
import { regexErrorReason } from '../regex-reason';
import { wildcardMatch, wildcardRegExp } from '../wildcard';
import { analyze } from './analyze';
import { kindOf, normalize, type FieldKind } from './field-kind';

/** A document as queries see it. */
export interface QueryDocument {
  index: string;
  id: string;
  source: Record<string, unknown>;
  /** The `_source` as stored, when the caller has it: keyword fields read numbers as written there. */
  sourceText?: string;
}

/** What a compiled query needs to know about the index it runs on. */
export interface QueryContext {
  index: string;
  properties: MappingProperties | undefined;
  /** "now" for date math, fixed per request. */
  nowMs: number;
  /** The index's `index.max_result_window`, which caps an `ids` query's list (Elasticsearch's default when absent). */
  maxResultWindow?: number;
}

/** A compiled query: the document's score when it matches, or null when it does not. */
export type Matcher = (doc: QueryDocument) => number | null;

type Clause = Record<string, unknown>;

const NONE: Matcher = () => null;
/** Metadata fields every document has. */
const ALWAYS_PRESENT = new Set(['_id', '_index', '_seq_no', '_version', '_primary_term']);
const isObject = (v: unknown): v is Clause => v !== null && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A field accessor: its comparison kind, a date's own mapping format (values and query values are read
 * with it), and the document's values for it (none when the field is unmapped).
 */
interface FieldAccess { kind: FieldKind; format?: string; values: (doc: QueryDocument) => unknown[] }

function field(ctx: QueryContext, name: string): FieldAccess | undefined {
  if (name === '_id') return { kind: 'keyword', values: (d) => [d.id] };
  if (name === '_index') return { kind: 'keyword', values: (d) => [d.index] };
  const resolved = resolveField(ctx.properties, name);
  if (!resolved) return undefined;
  const path = resolved.sourcePath;
  if (!indexesWrittenNumbers(resolved.type)) return { kind: kindOf(resolved.type), format: resolved.format, values: (d) => sourceValues(d.source, path) };
  return {
    kind: kindOf(resolved.type),
    values: (d) => {
      const values = sourceValues(d.source, path);
      return d.sourceText !== undefined && values.some((v) => typeof v === 'number')
        ? withWrittenNumbers(d.sourceText, (written) => sourceValues(written, path)) : values;
    },
  };
}

/** Splits `{field: value}` or `{field: {value, ...options}}` (the one-field query shape) into its parts. */
function singleField(kind: string, body: unknown, valueKey: string): { name: string; value: unknown; options: Clause } {
  if (!isObject(body)) throw parsingError(`[${kind}] query malformed, no start_object after query name`);
  const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) throw parsingError(`[${kind}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  const [name, spec] = entries[0];
  if (isObject(spec)) return { name, value: spec[valueKey] ?? spec.value, options: spec };
  return { name, value: spec, options: {} };
}

const boostOf = (options: Clause) => (typeof options.boost === 'number' ? options.boost : 1);

function onValues(ctx: QueryContext, name: string, boost: number, test: (v: unknown, kind: FieldKind, format?: string) => boolean): Matcher {
  const f = field(ctx, name);
  if (!f) return NONE;
  return (doc) => (f.values(doc).some((v) => test(v, f.kind, f.format)) ? boost : null);
}

/** Whether a stored value equals a term under the field's kind (text fields compare analyzed tokens). */
function termEquals(kind: FieldKind, stored: unknown, term: unknown, caseInsensitive = false, dateFormat?: string): boolean {
  if (kind === 'text') return typeof stored === 'string' && analyze(stored).includes(String(term));
  const a = normalize(kind, stored, dateFormat);
  const b = normalize(kind, term, dateFormat);
  if (a === undefined || b === undefined) return false;
  if (caseInsensitive && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Candidate strings for prefix/wildcard/regexp: tokens of text fields, the whole value otherwise. */
const stringsOf = (kind: FieldKind, v: unknown): string[] =>
  kind === 'text' ? (typeof v === 'string' ? analyze(v) : []) : (normalize('keyword', v) === undefined ? [] : [String(v)]);

function compileRange(ctx: QueryContext, body: unknown): Matcher {
  const { name, options } = singleField('range', body, 'gte');
  const f = field(ctx, name);
  if (!f) return NONE;
  const bound = (key: string, roundUp: boolean) => {
    const raw = options[key];
    if (raw === undefined || raw === null) return undefined;
    if (f.kind !== 'date') return normalize(f.kind === 'text' ? 'keyword' : f.kind, raw);
    // a bound is read with the query's `format`, else the field's, unless it is date math (`now-1d`, `x||+1d`)
    const format = typeof options.format === 'string' ? options.format : f.format;
    const math = typeof raw === 'string' && (raw.startsWith('now') || raw.includes('||'));
    return format !== undefined && !math ? parseDateValue(raw, format) : resolveDateMath(raw, ctx.nowMs, roundUp);
  };
  const gt = bound('gt', true); const gte = bound('gte', false) ?? bound('from', false);
  const lt = bound('lt', false); const lte = bound('lte', true) ?? bound('to', true);
  const boost = boostOf(options);
  return (doc) => f.values(doc).some((raw) => {
    const v = normalize(f.kind === 'text' ? 'keyword' : f.kind, raw, f.format);
    if (v === undefined || typeof v === 'boolean') return false;
    return (gt === undefined || v > gt) && (gte === undefined || v >= gte) && (lt === undefined || v < lt) && (lte === undefined || v <= lte);
  }) ? boost : null;
}

function compileMatch(ctx: QueryContext, body: unknown, phrase: boolean): Matcher {
  const { name, value, options } = singleField(phrase ? 'match_phrase' : 'match', body, 'query');
  const f = field(ctx, name);
  if (!f || value === undefined || value === null) return NONE;
  const boost = boostOf(options);
  if (f.kind !== 'text') return (doc) => (f.values(doc).some((v) => termEquals(f.kind, v, value, false, f.format)) ? boost : null);
  const tokens = analyze(String(value));
  if (tokens.length === 0) return NONE;
  const isAnd = String(options.operator ?? 'or').toLowerCase() === 'and';
  const needed = isAnd ? tokens.length : minimumShouldMatch(options.minimum_should_match, tokens.length, 1);
  return (doc) => f.values(doc).some((v) => {
    if (typeof v !== 'string') return false;
    const have = analyze(v);
    if (phrase) return have.some((_, i) => tokens.every((t, j) => have[i + j] === t));
    return tokens.filter((t) => have.includes(t)).length >= needed;
  }) ? boost : null;
}

/** Field types a `*` in a field name reaches, as Elasticsearch's default field `*` does (not objects, not geo). */
const SEARCHED_TYPES: ReadonlySet<string> = new Set([
  'text', 'match_only_text', 'keyword', 'constant_keyword', 'wildcard', 'long', 'integer', 'short', 'byte', 'double', 'float',
  'half_float', 'scaled_float', 'unsigned_long', 'date', 'date_nanos', 'boolean', 'ip', 'version',
]);

/** Field names with `*` (`"*"`, `"user.*"`) as the mapped fields they match; other names as they are. */
function expandFields(ctx: QueryContext, names: string[]): string[] {
  if (!names.some((n) => n.includes('*'))) return names;
  const mapped = leafFields(ctx.properties).filter((f) => SEARCHED_TYPES.has(f.type)).map((f) => f.name);
  return names.flatMap((n) => (n.includes('*') ? mapped.filter((m) => wildcardMatch(n, m)) : [n]));
}

function compileMultiMatch(ctx: QueryContext, body: unknown): Matcher {
  if (!isObject(body)) throw parsingError('[multi_match] malformed query');
  const fields = expandFields(ctx, asArray(body.fields).map((f) => String(f).replace(/\^.*$/, '')));
  const { fields: _omit, query, ...options } = body;
  const phrase = body.type === 'phrase';
  const parts = fields.map((name) => compileMatch(ctx, { [name]: { query, ...options } }, phrase));
  return (doc) => parts.reduce<number | null>((best, m) => { const s = m(doc); return s === null ? best : Math.max(best ?? 0, s); }, null);
}

/** Elasticsearch's `minimum_should_match`: an integer, a negative integer, or a (negative) percentage of `optional`. */
export function minimumShouldMatch(spec: unknown, optional: number, fallback: number): number {
  if (spec === undefined || spec === null) return fallback;
  const text = String(spec).trim();
  const pct = /^(-?\d+)%$/.exec(text);
  let n: number;
  if (pct) {
    const p = Number(pct[1]);
    n = p < 0 ? optional - Math.floor((optional * -p) / 100) : Math.floor((optional * p) / 100);
  } else {
    const k = Number(text);
    if (!Number.isInteger(k)) throw parsingError(`[bool] failed to parse minimum_should_match [${text}]`);
    n = k < 0 ? optional + k : k;
  }
  return Math.max(0, Math.min(optional, n));
}

function compileBool(ctx: QueryContext, body: unknown): Matcher {
  if (!isObject(body)) throw parsingError('[bool] malformed query, expected [START_OBJECT]');
  const list = (key: string) => asArray(body[key]).map((q) => compileQuery(q as Clause, ctx));
  const must = list('must'); const filter = list('filter'); const should = list('should'); const mustNot = list('must_not');
  const required = minimumShouldMatch(body.minimum_should_match, should.length, must.length + filter.length === 0 && should.length > 0 ? 1 : 0);
  const boost = boostOf(body);
  return (doc) => {
    let score = 0;
    for (const m of must) { const s = m(doc); if (s === null) return null; score += s; }
    for (const m of filter) if (m(doc) === null) return null;
    for (const m of mustNot) if (m(doc) !== null) return null;
    let matched = 0;
    for (const m of should) { const s = m(doc); if (s !== null) { matched++; score += s; } }
    if (matched < required) return null;
    return score * boost;
  };
}

/**
 * Compiles a query DSL object for one index. Supports match_all, match_none, term, terms, ids, range, exists,
 * bool, match, match_phrase, multi_match, prefix, wildcard, regexp, constant_score and nested (evaluated on
 * the same document). Unmapped fields match nothing. Throws 400 `parsing_exception` for unknown or malformed
 * queries. Scores are constant: 1 per matching scoring clause (times `boost`); filters add 0.
 */
export function compileQuery(query: Clause | undefined, ctx: QueryContext): Matcher {
  if (query === undefined || query === null) return () => 1;
  if (!isObject(query)) throw parsingError('query malformed, must start with start_object');
  const kinds = Object.keys(query);
  if (kinds.length !== 1) throw parsingError(kinds.length === 0 ? 'query malformed, empty clause found' : `[${kinds[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  const kind = kinds[0];
  const body = query[kind];
  switch (kind) {
    case 'match_all': return () => (isObject(body) ? boostOf(body) : 1);
    case 'match_none': return NONE;
    case 'term': {
      const { name, value, options } = singleField(kind, body, 'value');
      const ci = options.case_insensitive === true;
      return onValues(ctx, name, boostOf(options), (v, k, format) => termEquals(k, v, value, ci, format));
    }
    case 'terms': {
      if (!isObject(body)) throw parsingError('[terms] query malformed');
      const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
      if (entries.length !== 1 || !Array.isArray(entries[0][1])) throw parsingError('[terms] query does not support multiple fields or non-array values');
      const [name, values] = entries[0] as [string, unknown[]];
      return onValues(ctx, name, boostOf(body), (v, k, format) => values.some((t) => termEquals(k, v, t, false, format)));
    }
    case 'ids': {
      const ids = new Set(asArray(isObject(body) ? body.values : undefined).map(String));
      const window = ctx.maxResultWindow ?? 10_000;
      if (ids.size > window) {
        throw new EsError(400, 'query_shard_exception', `failed to create query: Too many ids specified, allowed max result window is [${window}]`,
          { index_uuid: '_na_', index: ctx.index });
      }
      return (doc) => (ids.has(doc.id) ? 1 : null);
    }
    case 'range': return compileRange(ctx, body);
    case 'exists': {
      const name = isObject(body) ? String(body.field) : '';
      if (name === '_source') throw new EsError(400, 'query_shard_exception', 'the _source field is not searchable');
      if (ALWAYS_PRESENT.has(name)) return () => 1;
      const f = field(ctx, name);
      // An object field counts as existing when its object is present (its sub-fields are mapped with it).
      return f ? (doc) => (f.values(doc).length > 0 ? 1 : null) : NONE;
    }
    case 'bool': return compileBool(ctx, body);
    case 'match': return compileMatch(ctx, body, false);
    case 'match_phrase': return compileMatch(ctx, body, true);
    case 'multi_match': return compileMultiMatch(ctx, body);
    case 'prefix': {
      const { name, value, options } = singleField(kind, body, 'value');
      const ci = options.case_insensitive === true;
      const p = ci ? String(value).toLowerCase() : String(value);
      return onValues(ctx, name, boostOf(options), (v, k) => stringsOf(k, v).some((s) => (ci ? s.toLowerCase() : s).startsWith(p)));
    }
    case 'wildcard': {
      const { name, value, options } = singleField(kind, body, 'value');
      const re = wildcardRegExp(String(options.wildcard ?? value), options.case_insensitive === true ? 'i' : '');
      return onValues(ctx, name, boostOf(options), (v, k) => stringsOf(k, v).some((s) => re.test(s)));
    }
    case 'regexp': {
      const { name, value, options } = singleField(kind, body, 'value');
      let re: RegExp;
      try { re = new RegExp(`^(?:${String(value)})$`, options.case_insensitive === true ? 'i' : ''); } catch (error) {
        // a pattern JavaScript cannot compile is refused as Elasticsearch refuses one Lucene cannot (the reason is JavaScript's)
        throw new EsError(400, 'query_shard_exception', `failed to create query: ${regexErrorReason(error)}`, { index_uuid: '_na_', index: ctx.index });
      }
      return onValues(ctx, name, boostOf(options), (v, k) => stringsOf(k, v).some((s) => re.test(s)));
    }
    case 'constant_score': {
      if (!isObject(body)) throw parsingError('[constant_score] malformed query');
      const inner = compileQuery(body.filter as Clause, ctx);
      const boost = boostOf(body);
      return (doc) => (inner(doc) === null ? null : boost);
    }
    case 'nested': {
      if (!isObject(body)) throw parsingError('[nested] malformed query');
      return compileQuery(body.query as Clause, ctx);
    }
    default:
      throw parsingError(`unknown query [${kind}]`);
  }
}
