/**
 * Translates failures of Elasticsearch requests into runtime errors, in one place (STYLE R12,
 * LANGUAGE.md §8.3, §10.8): a rejection becomes `esql_error` (queries) or `validation_error`
 * (other requests) with the store's error type upper-cased as code; no answer at all becomes
 * `error` STORE_UNAVAILABLE.
 */
import { EscriptError, fail } from './errors';

interface StoreErrorBody { type?: string; reason?: string; root_cause?: { type?: string; reason?: string }[] }

/** The store's `{type, reason}` of a rejected request, or null when the request got no answer. */
export function storeErrorInfo(e: unknown): { status: number; type: string; reason: string } | null {
  const meta = (e as { meta?: { statusCode?: number; body?: unknown } } | null)?.meta;
  if (!meta || typeof meta.statusCode !== 'number') return null;
  let body = meta.body as { error?: StoreErrorBody | string; result?: string } | string | undefined;
  if (typeof body === 'string') {
    try { body = JSON.parse(body) as { error?: StoreErrorBody }; } catch { /* plain-text reason */ }
  }
  const err = typeof body === 'object' ? body?.error : undefined;
  if (err && typeof err === 'object') {
    return { status: meta.statusCode, type: err.type ?? err.root_cause?.[0]?.type ?? 'store_exception', reason: err.reason ?? err.root_cause?.[0]?.reason ?? String(e) };
  }
  return { status: meta.statusCode, type: typeof err === 'string' ? err : 'store_exception', reason: typeof body === 'string' ? body : (e as Error).message };
}

/** The runtime error for a failed store request; `esql` selects esql_error for rejections. */
export function translateStoreError(e: unknown, esql: boolean, site = -1): unknown {
  if (e instanceof EscriptError) return e;
  const info = storeErrorInfo(e);
  if (!info) {
    const name = (e as Error | null)?.name ?? '';
    if (/ConnectionError|TimeoutError|NoLivingConnections|SerializationError|DeserializationError/.test(name)) {
      return fail.storeUnavailable((e as Error).message, site);
    }
    // Not a store failure (an abort reason or a bug): let it through unchanged.
    return e;
  }
  const code = info.type.toUpperCase();
  return esql ? fail.esql(code, info.reason, site) : fail.store(code, info.reason, site);
}
