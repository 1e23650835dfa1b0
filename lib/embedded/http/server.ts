/**
 * The loopback HTTP door: a node:http server that hands every request to the embedded engine unchanged
 * (method, raw path, query string, headers, body) and writes back what the engine answers, so `curl`, the
 * official clients and other Elasticsearch tools can use the same engine the app uses in-process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EmbeddedEngine, errorResponse } from '../engine';
import { EsError } from '../errors';
import { contentTypeRejection, decodeBody, flattenHeaders, toWire, type WireRequest, type WireResponse } from './wire';
import type { RestResponse } from '../rest/router';
import { reportVersion8, versionRejection, type EsVersion } from './version-negotiation';

/** Options of `serveEngine`. */
export interface ServeOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default SERVE_DEFAULTS.port. */
  port: number;
  /** The engine's data directory (created if missing); the caller resolves it (lib/elasticsearch's default). */
  dataDir: string;
  /**
   * The Elasticsearch major the door answers version negotiation as. 8 reports 8.19.0 in `GET /` and
   * refuses `compatible-with=9` like an 8.x node (to test clients against 8.x); the engine is the same.
   * Default SERVE_DEFAULTS.esVersion.
   */
  esVersion: EsVersion;
}

/** Defaults of `serveEngine`. */
export const SERVE_DEFAULTS = {
  /** Elasticsearch's own HTTP port, so tools find the engine where they look by default. */
  port: 9200,
  /** The engine's own major version. */
  esVersion: 9 as EsVersion,
  /** Only this machine may connect: the door has no authentication. */
  host: '127.0.0.1',
  /** Elasticsearch's default `http.max_content_length` (100 MB); larger bodies get 413. */
  maxBodyBytes: 100 * 1024 * 1024,
  /** How long `close()` lets in-flight requests finish before it drops their connections. */
  closeGraceMs: 5_000,
} as const;

/** Options with defaults applied. */
export const resolveServeOptions = (o: Pick<ServeOptions, 'dataDir'> & Partial<ServeOptions>): ServeOptions =>
  ({ port: SERVE_DEFAULTS.port, esVersion: SERVE_DEFAULTS.esVersion, ...o });

/** A running door: where it listens and how to stop it. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` with the actual port (useful with port 0). */
  url: string;
  port: number;
  /** The absolute data directory. */
  dataDir: string;
  /** The Elasticsearch major it answers version negotiation as. */
  esVersion: EsVersion;
  /** Stops accepting connections, lets in-flight requests finish, then closes the store; idempotent. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > SERVE_DEFAULTS.maxBodyBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Answers one HTTP request through the engine; never throws (failures become Elasticsearch error bodies). */
async function answer(engine: EmbeddedEngine, esVersion: EsVersion, req: http.IncomingMessage, wire: WireRequest, rawPath: string): Promise<RestResponse> {
  try {
    const body = decodeBody(await readBody(req), wire.headers['content-encoding']);
    // As in Elasticsearch, media type versions are checked before anything reads the body.
    const refused = esVersion === 8 ? versionRejection(8, wire.headers, body.length > 0) : undefined;
    if (refused) return refused;
    const rejection = contentTypeRejection(wire.headers, body);
    if (rejection) return rejection;
    const response = await engine.handle({ method: wire.method, path: rawPath, querystring: wire.querystring, headers: wire.headers, body });
    return esVersion === 8 && rawPath === '/' ? reportVersion8(response) : response;
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      return errorResponse(new EsError(413, 'content_too_long_exception', `request body is larger than ${SERVE_DEFAULTS.maxBodyBytes} bytes`));
    }
    // A body that does not gunzip is the client's mistake, as in Elasticsearch.
    const isZlib = typeof e === 'object' && e !== null && String((e as { code?: unknown }).code ?? '').startsWith('Z_');
    return errorResponse(isZlib ? new EsError(400, 'illegal_argument_exception', `cannot decode the request body: ${(e as Error).message}`) : e);
  }
}

/** Writes the response; a header that node refuses (say, a non-Latin-1 `warning`) becomes a 500 error body. */
function send(res: http.ServerResponse, out: WireResponse): void {
  try {
    res.writeHead(out.status, out.headers);
  } catch (e) {
    const fallback = errorResponse(e);
    const text = JSON.stringify(fallback.body);
    res.writeHead(fallback.status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  res.end(out.body);
}

/**
 * A node:http server in front of `engine` (not yet listening; the caller owns the engine), answering
 * version negotiation as Elasticsearch `esVersion` (see ServeOptions.esVersion).
 */
export function createEngineServer(engine: EmbeddedEngine, esVersion: EsVersion = SERVE_DEFAULTS.esVersion): http.Server {
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    // The raw (still percent-encoded) path, exactly as the client's Connection hands it to the engine.
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const wire: WireRequest = {
      method: req.method ?? 'GET',
      headers: flattenHeaders(req.headers),
      querystring: queryAt < 0 ? '' : url.slice(queryAt + 1),
    };
    void answer(engine, esVersion, req, wire, rawPath).then((response) => send(res, toWire(wire, response)));
  });
}

/**
 * Opens the engine on `dataDir` and serves it on 127.0.0.1:`port` (defaults in SERVE_DEFAULTS). Rejects
 * (after closing the store) when the port cannot be bound, for example EADDRINUSE.
 */
export async function serveEngine(options: Pick<ServeOptions, 'dataDir'> & Partial<ServeOptions>): Promise<RunningServer> {
  const { port, dataDir, esVersion } = resolveServeOptions(options);
  const engine = new EmbeddedEngine(dataDir);
  const server = createEngineServer(engine, esVersion);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, SERVE_DEFAULTS.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    engine.close();
    throw e;
  }
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= new Promise<void>((resolve) => {
    const drop = setTimeout(() => server.closeAllConnections(), SERVE_DEFAULTS.closeGraceMs);
    drop.unref();
    server.close(() => {
      clearTimeout(drop);
      engine.close();
      resolve();
    });
    server.closeIdleConnections();
  }));
  return { url: `http://${SERVE_DEFAULTS.host}:${bound}`, port: bound, dataDir: path.resolve(dataDir), esVersion, close };
}
