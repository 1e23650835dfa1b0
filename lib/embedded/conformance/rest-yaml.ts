import type { Client, TransportRequestParams, TransportResult } from '@elastic/elasticsearch';
import { API_TABLE } from './api-table';
import { FloatLiteral, hasFloatLiteral, toJsonText } from './yaml-loader';

/** One test section of a REST YAML file: its name and steps (setup/teardown merged by the caller). */
export interface YamlSection { name: string; steps: Step[] }
type Step = Record<string, unknown>;
type Json = unknown;

/** Why a section did not pass: `skip` (unsupported feature or API) or `fail` (a wrong answer). */
export class SectionOutcome extends Error {
  constructor(readonly kind: 'skip' | 'fail', message: string) { super(message); }
}

const CATCHES: Record<string, (status: number) => boolean> = {
  bad_request: (s) => s === 400, unauthorized: (s) => s === 401, forbidden: (s) => s === 403, missing: (s) => s === 404,
  request_timeout: (s) => s === 408, conflict: (s) => s === 409, unavailable: (s) => s === 503, request: (s) => s >= 400,
};

/**
 * Features of the YAML runner this implementation honours (others skip the section). `warnings` are
 * checked to be present; unexpected warnings are tolerated (Elasticsearch's runner would fail on them).
 * `default_shards` holds trivially: the runner never changes an index's shard count.
 */
const RUNNER_FEATURES = new Set(['default_shards', 'headers', 'allowed_warnings', 'allowed_warnings_regex', 'warnings', 'contains', 'stash_in_path', 'close_to', 'capabilities']);

/** Reads a dotted response path (`hits.hits.0._id`, `\.` escapes a dot, `$body`/'' is the whole body). */
export function readPath(body: Json, path: string, stash: Map<string, Json>): Json {
  if (path === '' || path === '$body') return body;
  const parts = path.replace(/\\\./g, '\u0000').split('.').map((p) => p.replace(/\u0000/g, '.'));
  let node: Json = body;
  for (const raw of parts) {
    const part = raw.startsWith('$') && stash.has(raw.slice(1)) ? String(stash.get(raw.slice(1))) : raw;
    if (node === null || node === undefined) return undefined;
    node = Array.isArray(node) ? node[Number(part)] : (node as Record<string, Json>)[part];
  }
  return node;
}

function substitute(value: Json, stash: Map<string, Json>): Json {
  if (typeof value === 'string') {
    if (value.startsWith('$') && stash.has(value.slice(1))) return stash.get(value.slice(1));
    return value.replace(/\$\{(\w+)\}/g, (_, k: string) => String(stash.get(k) ?? ''));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, stash));
  if (value instanceof FloatLiteral) return value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, stash)]));
  return value;
}

/** The text of one `Warning` header value (`299 Elasticsearch-9.1.0 "text"`), unescaped. */
const warningText = (header: string): string => {
  const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(header);
  return m ? m[1].replace(/\\(.)/g, '$1') : header;
};

/** A `/regex/` expectation; `match` uses Java COMMENTS mode (whitespace and `#` comments ignored), `catch` does not. */
function asRegex(expected: Json, verbose = true): RegExp | undefined {
  if (typeof expected !== 'string') return undefined;
  const t = expected.trim();
  if (t.length < 2 || !t.startsWith('/') || !t.endsWith('/')) return undefined;
  if (!verbose) return new RegExp(t.slice(1, -1), 's');
  const body = t.slice(1, -1).split('\n').map((l) => l.replace(/(^|[^\\])#.*$/, '$1')).join('').replace(/(^|[^\\])\s+/g, '$1').replace(/\\ /g, ' ');
  return new RegExp(body, 's');
}

/**
 * `Matcher.find()` as Elasticsearch's runner applies it: in Java a final `$` also matches before one
 * trailing line break (a `_cat` body ends with "\n"), which a JavaScript `$` does not.
 */
function javaFind(re: RegExp, text: string): boolean {
  return re.test(text) || (/\r?\n$/.test(text) && re.test(text.replace(/\r?\n$/, '')));
}

function deepEqual(actual: Json, expected: Json): boolean {
  if (expected instanceof FloatLiteral) return deepEqual(actual, expected.value);
  if (typeof expected === 'number' && typeof actual === 'number') return actual === expected;
  if (expected === null || typeof expected !== 'object') return actual === expected || (typeof actual === 'string' && String(expected) === actual && typeof expected !== 'boolean');
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => deepEqual(actual[i], e));
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const a = actual as Record<string, Json>; const e = expected as Record<string, Json>;
  return Object.keys(a).length === Object.keys(e).length && Object.keys(e).every((k) => deepEqual(a[k], e[k]));
}

const truthy = (v: Json) => !(v === undefined || v === null || v === false || v === 0 || v === '' || v === 'false');

/** Turns a `do` API call into method, path, querystring and body per the API table; fails on unknown APIs. */
function toRequest(api: string, params: Record<string, Json>) {
  const spec = API_TABLE[api];
  // An unknown API fails rather than skips: the list of skipped cases stays the explicit skip list.
  if (!spec) throw new SectionOutcome('fail', `API [${api}] is not in the runner's API table (lib/embedded/conformance/api-table.ts)`);
  const { body, ignore: _ignore, ...rest } = params;
  const path = spec.paths.find((p) => [...p.matchAll(/\{(\w+)\}/g)].every((m) => rest[m[1]] !== undefined));
  if (!path) throw new SectionOutcome('fail', `no path of [${api}] in the runner's API table fits the given parts`);
  const used = new Set<string>();
  const filled = path.replace(/\{(\w+)\}/g, (_, k: string) => {
    used.add(k);
    const v = rest[k];
    return encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v));
  });
  const query = Object.fromEntries(Object.entries(rest).filter(([k]) => !used.has(k)).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
  const method = spec.bodyMethod && !path.includes('{id}') ? spec.bodyMethod : spec.method;
  let bulkBody: string | undefined;
  if (api === 'bulk' && body !== undefined) {
    const lines = Array.isArray(body) ? body : [body];
    bulkBody = lines.map((l) => (typeof l === 'string' ? l : toJsonText(l))).join('\n') + '\n';
  }
  // A body with a whole float (`2.0`) goes as text so the float survives; the client sends strings as they are.
  const sentBody = bulkBody !== undefined ? undefined : hasFloatLiteral(body) ? toJsonText(body) : body;
  return { method, path: filled, querystring: query, body: sentBody, bulkBody };
}

/**
 * Runs one section's steps (do, match, length, is_true/is_false, exists/not_exists, gt/gte/lt/lte, set,
 * contains, close_to, skip/requires) through `client.transport.request`. Throws `SectionOutcome`.
 */
export async function runSection(client: Client, steps: Step[], targetMajor = 9): Promise<void> {
  const stash = new Map<string, Json>();
  let last: Json;
  for (const step of steps) {
    const [kind, arg] = Object.entries(step)[0];
    switch (kind) {
      case 'skip': case 'requires': {
        checkSkip(kind, arg as Record<string, Json>, targetMajor);
        await checkCapabilities(client, kind, arg as Record<string, Json>);
        break;
      }
      case 'do': {
        const d = { ...(arg as Record<string, Json>) };
        const expectCatch = d.catch as string | undefined;
        const headers = d.headers as Record<string, string> | undefined;
        const expectedWarnings = [d.warnings].flat().filter((w): w is string => typeof w === 'string');
        for (const k of ['catch', 'headers', 'warnings', 'allowed_warnings', 'allowed_warnings_regex', 'node_selector']) delete d[k];
        const [api, rawParams] = Object.entries(d)[0];
        const params = substitute(rawParams ?? {}, stash) as Record<string, Json>;
        const req = toRequest(api, params);
        const ignore = [params.ignore].flat().filter((x) => x !== undefined).map(Number);
        let status: number; let body: Json; let warnings: string[];
        try {
          // A body sent as text (whole floats kept) must still say it is JSON, or a cluster answers 406.
          const sendHeaders = typeof req.body === 'string' ? { 'content-type': 'application/json', ...headers } : headers;
          const res: TransportResult = await client.transport.request(req as TransportRequestParams, { meta: true, headers: sendHeaders, ignore });
          status = res.statusCode ?? 200; body = res.body; warnings = res.warnings ?? [];
        } catch (e) {
          const meta = (e as { meta?: { statusCode?: number; body?: Json; warnings?: string[] | null } }).meta;
          if (!meta?.statusCode) throw e;
          status = meta.statusCode; body = meta.body; warnings = meta.warnings ?? [];
        }
        const missingWarnings = expectedWarnings.filter((w) => !warnings.map(warningText).includes(w));
        if (missingWarnings.length > 0) throw new SectionOutcome('fail', `${api}: expected warnings ${JSON.stringify(missingWarnings)}, got ${JSON.stringify(warnings)}`);
        if (expectCatch) {
          const re = asRegex(expectCatch, false);
          const fits = re ? re.test(JSON.stringify(body)) && status >= 400 : CATCHES[expectCatch]?.(status);
          if (!fits) throw new SectionOutcome('fail', `${api}: expected catch ${expectCatch}, got ${status} ${JSON.stringify(body)}`);
        } else if (status >= 400 && !ignore.includes(status) && !(req.method === 'HEAD' && status === 404)) {
          // a HEAD answered 404 is the answer `false` (indices.exists, exists_alias…), as in Elasticsearch's runner
          throw new SectionOutcome('fail', `${api}: unexpected ${status} ${JSON.stringify(body)}`);
        }
        if (req.method === 'HEAD') body = status < 300;
        last = body;
        stash.set('body', body);
        break;
      }
      case 'set': for (const [path, name] of Object.entries(arg as Record<string, string>)) stash.set(name, readPath(last, path, stash)); break;
      case 'match': for (const [path, exp] of Object.entries(arg as Record<string, Json>)) {
        const actual = readPath(last, path, stash);
        const expected = substitute(exp, stash);
        const re = asRegex(expected);
        // `match: {x: null}` holds when x is null or absent (the Java runner asserts the value is null)
        const ok = expected === null ? actual === null || actual === undefined
          : re ? javaFind(re, typeof actual === 'string' ? actual : JSON.stringify(actual)) : deepEqual(actual, expected);
        if (!ok) throw new SectionOutcome('fail', `match ${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      } break;
      case 'length': for (const [path, n] of Object.entries(arg as Record<string, Json>)) {
        const v = readPath(last, path, stash);
        const len = Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : undefined;
        if (len !== Number(substitute(n, stash))) throw new SectionOutcome('fail', `length ${path}: expected ${n}, got ${len}`);
      } break;
      case 'is_true': case 'is_false': {
        const v = readPath(last, String(arg), stash);
        if (truthy(v) !== (kind === 'is_true')) throw new SectionOutcome('fail', `${kind} ${arg}: got ${JSON.stringify(v)}`);
        break;
      }
      case 'exists': case 'not_exists': {
        const v = readPath(last, String(arg), stash);
        if ((v !== undefined) !== (kind === 'exists')) throw new SectionOutcome('fail', `${kind} ${arg}: got ${JSON.stringify(v)}`);
        break;
      }
      case 'gt': case 'gte': case 'lt': case 'lte': for (const [path, n] of Object.entries(arg as Record<string, Json>)) {
        const v = Number(readPath(last, path, stash)); const b = Number(substitute(n, stash));
        const ok = kind === 'gt' ? v > b : kind === 'gte' ? v >= b : kind === 'lt' ? v < b : v <= b;
        if (!ok) throw new SectionOutcome('fail', `${kind} ${path}: ${v} vs ${b}`);
      } break;
      case 'contains': for (const [path, exp] of Object.entries(arg as Record<string, Json>)) {
        const v = readPath(last, path, stash);
        const ok = Array.isArray(v) && v.some((x) => deepEqual(x, exp) || (exp && typeof exp === 'object' && x && typeof x === 'object' && Object.entries(exp).every(([k, e]) => deepEqual((x as Record<string, Json>)[k], e))));
        if (!ok) throw new SectionOutcome('fail', `contains ${path}: ${JSON.stringify(exp)} not in ${JSON.stringify(v)}`);
      } break;
      case 'close_to': for (const [path, spec] of Object.entries(arg as Record<string, { value: number; error: number }>)) {
        const v = Number(readPath(last, path, stash));
        if (Math.abs(v - spec.value) > spec.error) throw new SectionOutcome('fail', `close_to ${path}: ${v}`);
      } break;
      default: throw new SectionOutcome('fail', `step [${kind}] is not implemented by the runner`);
    }
  }
}

function checkSkip(kind: string, arg: Record<string, Json>, major: number): void {
  const features = [arg.features, arg.test_runner_features].flat().filter((f) => f !== undefined).map(String);
  const missing = features.filter((f) => !RUNNER_FEATURES.has(f));
  if (missing.length > 0) throw new SectionOutcome('skip', `runner features ${missing.join(', ')}`);
  if (arg.awaits_fix || arg.known_issues) throw new SectionOutcome('skip', 'awaits_fix/known_issues');
  if (typeof arg.version === 'string' && kind === 'skip') {
    const version = arg.version.trim();
    if (version === 'all') throw new SectionOutcome('skip', 'skip: all');
    if (versionInRanges(`${major}.1.0`, version)) throw new SectionOutcome('skip', `version ${version}`);
  }
  const clusterFeatures = [arg.cluster_features].flat().filter((f) => f !== undefined).map(String);
  const known = clusterFeatures.filter((f) => /^gte_v\d/.test(f));
  const unknown = clusterFeatures.filter((f) => !/^gte_v\d/.test(f));
  if (kind === 'requires' && unknown.length > 0) throw new SectionOutcome('skip', `requires ${unknown.join(', ')}`);
  if (kind === 'requires' && known.some((f) => Number(f.slice(5).split('.')[0]) > major)) throw new SectionOutcome('skip', 'requires newer');
  if (kind === 'skip' && known.some((f) => Number(f.slice(5).split('.')[0]) <= major)) throw new SectionOutcome('skip', 'skipped on this version');
}

/** One entry of a `capabilities:` condition: what the target's `GET /_capabilities` is asked about. */
interface CapabilityCheck { method?: string; path?: string; parameters?: string[]; capabilities?: string[] }

/** Whether the target reports every capability of `check`; a target without the `_capabilities` API reports none. */
async function isCapable(client: Client, check: CapabilityCheck): Promise<boolean> {
  const querystring: Record<string, string> = {
    method: check.method ?? 'GET', path: check.path ?? '/',
    ...(check.parameters?.length ? { parameters: check.parameters.join(',') } : {}),
    ...(check.capabilities?.length ? { capabilities: check.capabilities.join(',') } : {}),
  };
  try {
    const body = await client.transport.request<{ supported?: boolean | null }>({ method: 'GET', path: '/_capabilities', querystring });
    return body.supported === true;
  } catch {
    return false;
  }
}

/**
 * The `capabilities` condition of a `requires` (run only when all are reported) or `skip` (skip when all
 * of one entry are reported), asked of the target the way Elasticsearch's YAML runner asks a cluster.
 */
async function checkCapabilities(client: Client, kind: string, arg: Record<string, Json>): Promise<void> {
  if (!Array.isArray(arg.capabilities)) return;
  const checks = arg.capabilities as CapabilityCheck[];
  const names = checks.flatMap((c) => c.capabilities ?? []).join(', ');
  const answers = await Promise.all(checks.map((c) => isCapable(client, c)));
  if (kind === 'requires' && answers.some((a) => !a)) throw new SectionOutcome('skip', `requires capabilities the target does not report: ${names}`);
  if (kind === 'skip' && answers.some((a) => a)) throw new SectionOutcome('skip', `skipped where capabilities are reported: ${names}`);
}

const versionKey = (v: string) => v.split('.').map(Number).reduce((acc, n, i) => acc + n * 1000 ** (2 - i), 0);

/** Whether `version` (`9.1.0`) lies in one of the comma-separated `lo - hi` ranges (either end may be open). */
export function versionInRanges(version: string, ranges: string): boolean {
  const target = versionKey(version);
  return ranges.split(',').some((range) => {
    const [lo, hi] = range.split('-').map((x) => x.trim());
    return (!lo || versionKey(lo) <= target) && (!hi || target <= versionKey(hi));
  });
}
