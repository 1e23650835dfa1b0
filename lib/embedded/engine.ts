import { EsError } from './errors';
import { filterPath } from './rest/filter-path';
import { ROUTES } from './rest/routes/index';
import { parseJsonBody, Router, type RestRequest, type RestResponse } from './rest/router';
import { Store } from './storage/store';

/** A request as it reaches the engine: path without query string, the raw query string and body text. */
export interface EngineRequest {
  method: string;
  path: string;
  querystring?: string;
  headers?: Record<string, string>;
  body?: string;
}

const router = new Router(ROUTES);

/**
 * The embedded Elasticsearch-compatible engine over one data directory: resolves every request through the
 * route table and always answers (unknown routes and failures become Elasticsearch-shaped error bodies).
 */
export class EmbeddedEngine {
  readonly store: Store;

  constructor(dataDir: string) {
    this.store = new Store(dataDir);
  }

  /** Answers one request; never rejects. */
  async handle(request: EngineRequest): Promise<RestResponse> {
    try {
      if (this.store.isClosed) throw new EsError(500, 'illegal_state_exception', 'the embedded engine is closed');
      const method = request.method.toUpperCase();
      const { route, params } = router.resolve(method, request.path);
      const rawBody = request.body ?? '';
      let parsed: { value: unknown } | undefined;
      const req: RestRequest = {
        method, path: request.path, params, query: parseQuery(request.querystring), headers: request.headers ?? {}, rawBody,
        json: () => (parsed ??= { value: parseJsonBody(rawBody) }).value,
      };
      const response = await route.handler(req, { store: this.store, router });
      if (method === 'HEAD') return { status: response.status, headers: response.headers };
      return req.query.filter_path === undefined ? response : filtered(response, req.query.filter_path);
    } catch (e) {
      return errorResponse(e);
    }
  }

  /** Closes the SQLite handle; idempotent. */
  close(): void {
    this.store.close();
  }
}

/**
 * The response with its body as `filter_path` filters it (rest/filter-path.ts). Error bodies are left whole,
 * as Elasticsearch leaves them: a filter must not hide why a request failed.
 */
function filtered(response: RestResponse, filter: string): RestResponse {
  const body = response.body as { error?: unknown; status?: unknown } | undefined;
  if (response.status >= 400 && body?.error !== undefined && body.status !== undefined) return response;
  return { status: response.status, headers: response.headers, body: filterPath(body, filter) };
}

/** Turns any failure into an Elasticsearch-shaped error response (500 for unexpected exceptions). */
export function errorResponse(e: unknown): RestResponse {
  if (e instanceof EsError) return { status: e.status, body: e.toBody() };
  const message = e instanceof Error ? e.message : String(e);
  const busy = typeof e === 'object' && e !== null && (e as { code?: string }).code === 'SQLITE_BUSY';
  const err = busy
    ? new EsError(429, 'es_rejected_execution_exception', `the store is busy: ${message}`)
    : new EsError(500, 'exception', message);
  return { status: err.status, body: err.toBody() };
}

function parseQuery(qs: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!qs) return out;
  for (const [k, v] of new URLSearchParams(qs)) out[k] = v;
  return out;
}
