/**
 * Scroll searches: `_search?scroll=1m` answers the first page and a `_scroll_id`; `_search/scroll` gives the
 * next pages; `DELETE _search/scroll` frees contexts. The first request takes every hit at once, sources
 * included, so the pages show the index as it was then, as Elasticsearch's scroll does; a context lives in
 * this process's memory until its keep-alive (renewed by each page) runs out or it is cleared. Exporting a
 * large index this way holds its hits in memory meanwhile; `search_after` pages without that.
 */
import { randomBytes } from 'node:crypto';
import { EsError, illegalArgument } from '../../errors';
import { integerField, runSearch } from '../../query/search';
import type { Store } from '../../storage/store';
import { okText } from '../json-text';
import { reply, route, type RestRequest, type RestResponse } from '../router';
import { searchRequestFrom, searchTargets } from '../search-request';

/** One open scroll: every hit of its search, how far the pages have gone, and when it expires. */
interface ScrollContext {
  hits: unknown[];
  next: number;
  pageSize: number;
  total: unknown;
  maxScore: unknown;
  shards: unknown;
  expiresAt: number;
}

/** Elasticsearch's default `search.max_keep_alive`. */
const MAX_KEEP_ALIVE_MS = 24 * 60 * 60 * 1000;

const UNITS_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1, micros: 0.001, nanos: 0.000001 };

/** A time value (`1m`, `30s`, `500ms`) in milliseconds; 400 when it is not one. */
export function timeValueMs(text: string, setting: string): number {
  const m = /^(\d+)(d|h|m|s|ms|micros|nanos)$/.exec(text.trim());
  if (!m) throw new EsError(400, 'parse_exception', `failed to parse setting [${setting}] with value [${text}] as a time value: unit is missing or unrecognized`);
  return Number(m[1]) * UNITS_MS[m[2]];
}

/** The open scrolls of each store (one engine per data directory in a process). */
const registries = new WeakMap<Store, Map<string, ScrollContext>>();

function scrollsOf(store: Store): Map<string, ScrollContext> {
  let scrolls = registries.get(store);
  if (!scrolls) { scrolls = new Map(); registries.set(store, scrolls); }
  const now = Date.now();
  for (const [id, context] of scrolls) if (context.expiresAt <= now) scrolls.delete(id);
  return scrolls;
}

function keepAlive(text: string): number {
  const ms = timeValueMs(text, 'scroll');
  if (ms > MAX_KEEP_ALIVE_MS) {
    throw illegalArgument(`Keep alive for request (${text}) is too large. It must be less than (1d). This limit can be set by changing the [search.max_keep_alive] cluster level setting.`);
  }
  return ms;
}

/** The page after `context.next`, with the scroll id first, as Elasticsearch writes it. */
function page(id: string, context: ScrollContext, took: number): RestResponse {
  const hits = context.hits.slice(context.next, context.next + context.pageSize);
  context.next += hits.length;
  return okText({
    _scroll_id: id, took, timed_out: false, _shards: context.shards,
    hits: { ...(context.total === undefined ? {} : { total: context.total }), max_score: context.maxScore, hits },
  });
}

/** `_search?scroll=…`: runs the search for every hit, keeps them, and answers the first page. */
export function startScroll(req: RestRequest, store: Store, scroll: string): RestResponse {
  const started = Date.now();
  const ttl = keepAlive(scroll);
  const request = searchRequestFrom(req);
  const pageSize = integerField(request.size, 'size') ?? 10;
  if (pageSize < 0) throw illegalArgument(`[size] parameter cannot be negative, found [${pageSize}]`);
  const problems = [
    ...(request.from !== undefined && request.from !== 0 ? ['using [from] is not allowed in a scroll context'] : []),
    ...(request.search_after !== undefined ? ['[search_after] cannot be used in a scroll context'] : []),
    ...(request.track_total_hits === false ? ['disabling [track_total_hits] is not allowed in a scroll context'] : []),
  ];
  if (problems.length > 0) {
    throw new EsError(400, 'action_request_validation_exception', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
  }
  return store.readScope(() => {
    const { indices, filters } = searchTargets(req, store);
    const body = runSearch(store, indices, { ...request, track_total_hits: request.track_total_hits ?? true }, filters, { everyHit: true }) as
      { _shards: unknown; hits: { total?: unknown; max_score: unknown; hits: unknown[] } };
    const id = randomBytes(24).toString('base64url');
    const context: ScrollContext = {
      hits: body.hits.hits, next: 0, pageSize,
      total: body.hits.total, maxScore: body.hits.max_score, shards: body._shards, expiresAt: Date.now() + ttl,
    };
    scrollsOf(store).set(id, context);
    return page(id, context, Date.now() - started);
  });
}

/** The request body's fields, when it is an object (a scroll request may have none). */
function bodyOf(req: RestRequest): { scroll_id?: unknown; scroll?: unknown } {
  const body = req.rawBody.trim() === '' ? undefined : req.json();
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

/** The scroll ids a request names: in the body (one or a list), the URL, or the query string. */
function scrollIds(req: RestRequest): string[] {
  const given = req.params.scroll_id ?? req.query.scroll_id ?? bodyOf(req).scroll_id;
  const ids = Array.isArray(given) ? given : typeof given === 'string' ? given.split(',') : [];
  if (ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
    throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: scrollId is missing;');
  }
  return ids as string[];
}

/** `_search/scroll`: the next page of an open scroll, whose keep-alive it renews. */
function nextPage(req: RestRequest, store: Store): RestResponse {
  const started = Date.now();
  const [id] = scrollIds(req);
  const body = bodyOf(req);
  const scroll = req.query.scroll ?? (typeof body.scroll === 'string' ? body.scroll : undefined);
  const context = scrollsOf(store).get(id);
  if (!context) throw new EsError(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
  if (scroll !== undefined) context.expiresAt = Date.now() + keepAlive(scroll);
  return page(id, context, Date.now() - started);
}

/** `DELETE _search/scroll`: frees the contexts named (or `_all`); 404 when one of them was not open. */
function clearScrolls(req: RestRequest, store: Store): RestResponse {
  const scrolls = scrollsOf(store);
  const ids = req.params.scroll_id === '_all' ? [...scrolls.keys()] : scrollIds(req);
  let freed = 0;
  for (const id of ids) if (scrolls.delete(id)) freed++;
  return reply(freed === ids.length ? 200 : 404, { succeeded: true, num_freed: freed });
}

/** The scroll APIs beside `_search?scroll`. */
export default [
  ...route('GET|POST', '/_search/scroll', (req, { store }) => nextPage(req, store)),
  ...route('GET|POST', '/_search/scroll/:scroll_id', (req, { store }) => nextPage(req, store)),
  ...route('DELETE', '/_search/scroll', (req, { store }) => clearScrolls(req, store)),
  ...route('DELETE', '/_search/scroll/:scroll_id', (req, { store }) => clearScrolls(req, store)),
];
