import { EsError, parsingError } from '../errors';
import type { Store } from '../storage/store';

/** A request as handlers see it: decoded path parameters, query-string parameters and the raw body. */
export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** The body parsed as JSON (undefined when empty); throws 400 `parsing_exception` when malformed. */
  json(): unknown;
}

/** A handler's answer. HEAD responses drop the body. */
export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The body as the JSON text to send, when the handler wrote it (a search splices each hit's stored
   * `_source` text in, see `RawJson`); `body` is then that text parsed, on first read. Whoever sends the
   * response uses this text rather than serialising `body` again.
   */
  text?: string;
}

/** What a handler gets besides the request: the store, and the route table (for `GET /_capabilities`). */
export interface RouteContext {
  store: Store;
  router: Router;
}

export type Handler = (req: RestRequest, ctx: RouteContext) => RestResponse | Promise<RestResponse>;

/**
 * One `(method, path pattern) → handler` entry (R17). Patterns use `:name` for a path segment.
 * `capabilities` are what `GET /_capabilities` reports as supported for the route (Elasticsearch's
 * `RestHandler.supportedCapabilities()`): only behaviour the handler really has.
 */
export interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
  capabilities: ReadonlySet<string>;
}

const NO_CAPABILITIES: ReadonlySet<string> = new Set();

/** Declares a route; `method` may list several methods separated by `|` (`'GET|POST'`). */
export function route(method: string, pattern: string, handler: Handler, capabilities: ReadonlySet<string> = NO_CAPABILITIES): Route[] {
  const segments = pattern.split('/').filter(Boolean);
  return method.split('|').map((m) => ({ method: m, pattern, segments, handler, capabilities }));
}

/** 200 with a JSON body. */
export const ok = (body: unknown): RestResponse => ({ status: 200, body });
/** Any status with a JSON body. */
export const reply = (status: number, body: unknown): RestResponse => ({ status, body });

/** Parses the body text as JSON; empty means undefined. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try { return JSON.parse(raw); } catch (e) {
    throw parsingError(`request body is not valid JSON: ${(e as Error).message}`);
  }
}

// An index parameter never captures `_`-prefixed segments (those are APIs), except `_all`.
const fits = (name: string, value: string) => !(name === 'index' && value.startsWith('_') && value !== '_all');

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i];
    if (seg.startsWith(':')) {
      if (!fits(seg.slice(1), parts[i])) return undefined;
      params[seg.slice(1)] = parts[i];
    } else if (seg !== parts[i]) return undefined;
  }
  return params;
}

/** Literal segments earlier in the path win over parameters (`/_index_template/x` over `/:index/:id`). */
const specificity = (r: Route) => r.segments.reduce((acc, s, i) => acc + (s.startsWith(':') ? 0 : 2 ** (8 - i)), 0);

/** The path's decoded segments; 400 for a malformed escape (`/%`), as Elasticsearch refuses it. */
function pathParts(path: string): string[] {
  return path.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new EsError(400, 'illegal_argument_exception', `invalid escape sequence in the path [${path}]`);
    }
  });
}

/** Paths whose route is kept; the list starts over when full. */
const FOUND_KEPT = 512;

/** A route table with lookup by method and path. */
export class Router {
  private readonly routes: Route[];
  private readonly found = new Map<string, { route: Route; params: Record<string, string> }>();

  constructor(routes: Route[]) {
    this.routes = [...routes].sort((a, b) => specificity(b) - specificity(a));
  }

  /**
   * The route and decoded parameters for a request. Throws 405 when the path exists for other methods and
   * 400 `no handler found` when it does not exist at all (Elasticsearch's answers).
   */
  resolve(method: string, path: string): { route: Route; params: Record<string, string> } {
    const found = this.find(method, path);
    if (found) return found;
    const parts = pathParts(path);
    const allowed = this.routes.filter((r) => matchSegments(r, parts)).map((r) => r.method);
    if (allowed.length > 0) {
      throw new EsError(405, 'method_not_allowed',
        `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${[...new Set(allowed)].join(', ')}]`);
    }
    throw new EsError(400, 'illegal_argument_exception', `no handler found for uri [${path}] and method [${method}]`);
  }

  /**
   * The route serving `method` on `path` with its decoded parameters (frozen: shared by later requests of
   * the same path, which a client repeats), or undefined.
   */
  find(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const key = `${method} ${path}`;
    const known = this.found.get(key);
    if (known) return known;
    const parts = pathParts(path);
    for (const r of this.routes) {
      const params = r.method === method ? matchSegments(r, parts) : undefined;
      if (!params) continue;
      const match = Object.freeze({ route: r, params: Object.freeze(params) });
      if (this.found.size >= FOUND_KEPT) this.found.clear();
      this.found.set(key, match);
      return match;
    }
    return undefined;
  }
}
