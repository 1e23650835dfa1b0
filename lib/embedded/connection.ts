import { gunzipSync, inflateSync } from 'node:zlib';
import { Readable } from 'node:stream';
import {
  BaseConnection,
  type ConnectionOptions,
  type ConnectionRequestOptions,
  type ConnectionRequestOptionsAsStream,
  type ConnectionRequestParams,
  type ConnectionRequestResponse,
  type ConnectionRequestResponseAsStream,
} from '@elastic/elasticsearch';
import type { EmbeddedEngine } from './engine';

const VENDOR_JSON = 'application/vnd.elasticsearch+json;compatible-with=9';

async function bodyText(params: ConnectionRequestParams): Promise<string> {
  const body = params.body;
  if (body === null || body === undefined) return '';
  const encoding = String(params.headers?.['content-encoding'] ?? '').toLowerCase();
  // the usual case (bulk bodies are strings of megabytes): no copy into a Buffer and back
  if (typeof body === 'string' && encoding === '') return body;
  let buffer: Buffer;
  if (typeof body === 'string') buffer = Buffer.from(body);
  else if (Buffer.isBuffer(body)) buffer = body;
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    buffer = Buffer.concat(chunks);
  }
  if (encoding.includes('gzip')) buffer = gunzipSync(buffer);
  else if (encoding.includes('deflate')) buffer = inflateSync(buffer);
  return buffer.toString('utf8');
}

const lowerHeaders = (headers: ConnectionRequestParams['headers']): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v ?? '')]));

/**
 * The client's socket-free Connection (R17): every request goes through the embedded engine's route table
 * and comes back as `{statusCode, headers, body}` with lower-case headers, `x-elastic-product: Elasticsearch`
 * and a JSON string body (vendor media type when the client asked for it). Errors are responses, not throws.
 * `close()` closes the engine's SQLite handle.
 */
export class EmbeddedConnection extends BaseConnection {
  protected readonly engine: EmbeddedEngine;

  constructor(opts: ConnectionOptions, engine: EmbeddedEngine) {
    super(opts);
    this.engine = engine;
  }

  override request(params: ConnectionRequestParams, options: ConnectionRequestOptions): Promise<ConnectionRequestResponse>;
  override request(params: ConnectionRequestParams, options: ConnectionRequestOptionsAsStream): Promise<ConnectionRequestResponseAsStream>;
  override async request(params: ConnectionRequestParams, options: ConnectionRequestOptions | ConnectionRequestOptionsAsStream):
    Promise<ConnectionRequestResponse | ConnectionRequestResponseAsStream> {
    const headers = lowerHeaders(params.headers);
    const response = await this.engine.handle({
      method: params.method, path: params.path, querystring: params.querystring, headers, body: await bodyText(params),
    });
    const isHead = params.method.toUpperCase() === 'HEAD';
    // a body the engine wrote as JSON text (`RestResponse.text`) goes out as it is
    const text = isHead ? '' : response.text ?? (response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
    const wantsVendor = (headers.accept ?? '').includes('vnd.elasticsearch') || (headers['content-type'] ?? '').includes('vnd.elasticsearch');
    const responseHeaders: Record<string, string> = {
      'content-type': wantsVendor ? VENDOR_JSON : 'application/json',
      'x-elastic-product': 'Elasticsearch',
      ...Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      'content-length': String(Buffer.byteLength(text)),
    };
    if ('asStream' in options && options.asStream) {
      return { statusCode: response.status, headers: responseHeaders, body: Readable.from([Buffer.from(text)]) };
    }
    return { statusCode: response.status, headers: responseHeaders, body: text };
  }

  override async close(): Promise<void> {
    this.engine.close();
  }
}

/** A Connection class bound to `engine`, to pass as the client's `Connection` option. */
export function connectionClassFor(engine: EmbeddedEngine): typeof BaseConnection {
  return class BoundEmbeddedConnection extends EmbeddedConnection {
    constructor(opts: ConnectionOptions) {
      super(opts, engine);
    }
  };
}
