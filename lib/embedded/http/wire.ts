/**
 * What the loopback HTTP door adds around the engine, as pure functions: decoding request bodies, the
 * Content-Type check Elasticsearch makes, and turning an engine response into status, headers and bytes
 * the way Elasticsearch sends them (vendor media type echoed, `x-elastic-product`, `?pretty`, HEAD).
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import type { RestResponse } from '../rest/router';

/** Media types whose bodies the engine can read (JSON and NDJSON, plain or vendor, any parameters). */
const READABLE_MEDIA_TYPES = [
  'application/json', 'application/x-ndjson',
  'application/vnd.elasticsearch+json', 'application/vnd.elasticsearch+x-ndjson',
];

/** The major version the engine answers as when a request asks for a vendor media type without one. */
const DEFAULT_COMPATIBLE_MAJOR = '9';

/** Lower-case header names with single string values, as the engine expects them. */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** The body as text, gunzipped or inflated per `content-encoding` (the client's `compression` option). */
export function decodeBody(raw: Buffer, contentEncoding: string | undefined): string {
  const encoding = (contentEncoding ?? '').toLowerCase();
  if (encoding.includes('gzip')) return gunzipSync(raw).toString('utf8');
  if (encoding.includes('deflate')) return inflateSync(raw).toString('utf8');
  return raw.toString('utf8');
}

/**
 * Elasticsearch's answer when a request has a body it cannot read as JSON/NDJSON (`curl -d` without
 * `-H 'Content-Type: application/json'` sends a form type), or undefined when the body is acceptable.
 * Elasticsearch sends this plain `{error, status}` shape with 406, not the usual error envelope.
 */
export function contentTypeRejection(headers: Record<string, string>, body: string): RestResponse | undefined {
  if (body.length === 0) return undefined;
  const contentType = headers['content-type'];
  if (contentType === undefined) return { status: 406, body: { error: 'Content-Type header is missing', status: 406 } };
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (READABLE_MEDIA_TYPES.includes(mediaType)) return undefined;
  return { status: 406, body: { error: `Content-Type header [${contentType}] is not supported`, status: 406 } };
}

/** The response media type: the vendor type with the client's `compatible-with` when it asked for one. */
export function responseContentType(headers: Record<string, string>): string {
  const asked = `${headers.accept ?? ''} ${headers['content-type'] ?? ''}`;
  if (!asked.includes('vnd.elasticsearch')) return 'application/json';
  const major = /compatible-with\s*=\s*(\d+)/.exec(asked)?.[1] ?? DEFAULT_COMPATIBLE_MAJOR;
  return `application/vnd.elasticsearch+json;compatible-with=${major}`;
}

/** True when the query string asks for indented JSON (`?pretty`, `?pretty=true`; `pretty=false` does not). */
export function wantsPretty(querystring: string): boolean {
  const value = new URLSearchParams(querystring).get('pretty');
  return value !== null && value !== 'false';
}

/** A response ready for the socket. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What of the request shapes the response: its method, lower-case headers and raw query string. */
export interface WireRequest {
  method: string;
  headers: Record<string, string>;
  querystring: string;
}

/**
 * The engine's response as Elasticsearch sends it: JSON bodies serialized (indented with `?pretty`, with
 * a trailing newline as Elasticsearch writes it), text bodies as they are, no body for HEAD, the engine's
 * own headers (`content-type` of `_cat`, `warning`) winning over the defaults, `x-opaque-id` echoed.
 */
export function toWire(request: WireRequest, response: RestResponse): WireResponse {
  const isHead = request.method.toUpperCase() === 'HEAD';
  let text = '';
  const pretty = wantsPretty(request.querystring);
  // JSON text the handler wrote goes out as it is, unless it is to be indented
  if (!isHead && response.text !== undefined && !pretty) text = response.text;
  else if (!isHead && response.body !== undefined) {
    if (typeof response.body === 'string') text = response.body;
    else text = pretty ? `${JSON.stringify(response.body, null, 2)}\n` : JSON.stringify(response.body);
  }
  const body = Buffer.from(text, 'utf8');
  const opaqueId = request.headers['x-opaque-id'];
  const headers: Record<string, string> = {
    'content-type': responseContentType(request.headers),
    'x-elastic-product': 'Elasticsearch',
    ...(opaqueId !== undefined ? { 'x-opaque-id': opaqueId } : {}),
    ...Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    'content-length': String(body.length),
  };
  return { status: response.status, headers, body };
}
