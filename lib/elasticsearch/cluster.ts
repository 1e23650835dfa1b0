/**
 * Cluster mode: a Client for the Elasticsearch cluster at `ELASTICSEARCH_URL`. Connecting probes `GET /`
 * with plain JSON media types (which every version answers), reads `version.number` and picks the media
 * types the cluster accepts: 9.x and later take the client's own `compatible-with=9`, 8.x gets
 * `compatible-with=8`, anything older is refused with a clear error. Every failure to connect is a
 * ClusterConnectError whose message is one line naming the URL and the cause.
 */
import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import type { StoreConfig } from './config';
import { compatibleMediaTypes, PLAIN_MEDIA_TYPES, transportWithMediaTypes } from './media-types';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

/** Fixed settings of cluster mode. */
export const CLUSTER_SETTINGS = {
  /** How long the version probe waits for `GET /`: a black-holed address must not hang a start forever. */
  probeTimeoutMs: 10_000,
  /** The oldest major version the product runs against (8.x needs `compatible-with=8`). */
  minimumMajor: 8,
} as const;

/** Why cluster mode could not start. */
export type ClusterFailure = 'unreachable' | 'refused' | 'unsupported' | 'config';

/** A failure to connect to the cluster; `message` is one line for the user (CLI stderr, the IDE's run error). */
export class ClusterConnectError extends Error {
  override name = 'ClusterConnectError';
  constructor(readonly failure: ClusterFailure, message: string) {
    super(message);
  }
}

/** The URL as shown to users: without credentials (`http://user:secret@host` must not end up in a log). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** Node's error code in a connection failure's message (`connect ECONNREFUSED 127.0.0.1:9200`). */
const ERRNO_CODE = /\b(E[A-Z][A-Z0-9_]{2,})\b/;
/** The reason in an OpenSSL error string. */
const OPENSSL_REASON = /SSL routines:[^:]*:([^:]+)/;

/** The cause of a failed `GET /` as one line, or undefined for a failure that is not about connecting (a bug). */
function failureOf(url: string, e: unknown): ClusterConnectError | undefined {
  const at = displayUrl(url);
  if (e instanceof errors.TimeoutError) {
    return new ClusterConnectError('unreachable', `cannot reach Elasticsearch at ${at}: no answer within ${CLUSTER_SETTINGS.probeTimeoutMs} ms`);
  }
  if (e instanceof errors.ConnectionError) {
    const message = e.message.split('\n')[0].trim();
    // OpenSSL's messages carry a code path (`…:SSL routines:ssl3_get_record:wrong version number:…`).
    const openssl = OPENSSL_REASON.exec(message)?.[1];
    const cause = ERRNO_CODE.exec(message)?.[1] ?? (openssl ? `TLS error: ${openssl}` : message);
    const tlsHint = /certificate/i.test(message)
      ? ' (set ELASTICSEARCH_CA_CERT to the cluster\'s CA file, or ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED=false for a test cluster)' : '';
    return new ClusterConnectError('unreachable', `cannot reach Elasticsearch at ${at}: ${cause}${tlsHint}`);
  }
  if (e instanceof errors.ProductNotSupportedError) {
    return new ClusterConnectError('unsupported', `the server at ${at} is not Elasticsearch (it sends no X-Elastic-Product header)`);
  }
  if (e instanceof errors.ResponseError) {
    const status = e.meta.statusCode ?? 0;
    const error = (e.meta.body as { error?: { type?: string; reason?: string } | string } | undefined)?.error;
    const what = typeof error === 'object' ? `${error.type}: ${error.reason}` : (error ?? e.message);
    const hint = status === 401 || status === 403
      ? '; check ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD' : '';
    return new ClusterConnectError('refused', `Elasticsearch at ${at} answered GET / with ${status} ${what}${hint}`);
  }
  return undefined;
}

/** Client options for the cluster: node, credentials and TLS (the CA file is read here, once). */
export function clusterOptions(config: StoreConfig & { url: string }): ClientOptions {
  const auth = config.apiKey ? { apiKey: config.apiKey }
    : config.username ? { username: config.username, password: config.password ?? '' } : undefined;
  let ca: Buffer | undefined;
  if (config.caCert) {
    try {
      ca = readFileSync(config.caCert);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new ClusterConnectError('config', `cannot read the CA certificate ${config.caCert} (ELASTICSEARCH_CA_CERT): ${code}`);
    }
  }
  const tls = {
    ...(ca ? { ca } : {}),
    ...(config.tlsRejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  };
  return { node: config.url, ...(auth ? { auth } : {}), ...(Object.keys(tls).length > 0 ? { tls } : {}) };
}

/** `version.number` of `GET /`, asked with plain JSON media types. */
async function probeVersion(config: StoreConfig & { url: string }, options: ClientOptions): Promise<string> {
  const probe = new Client({
    ...options,
    Transport: transportWithMediaTypes(PLAIN_MEDIA_TYPES),
    maxRetries: 0,
    requestTimeout: CLUSTER_SETTINGS.probeTimeoutMs,
  });
  try {
    const info = await probe.info();
    return String(info.version.number);
  } catch (e) {
    throw failureOf(config.url, e) ?? e;
  } finally {
    await probe.close();
  }
}

/**
 * Versions found per cluster configuration, so a process probes each cluster once. Only successes stay:
 * after a failure the next connect probes again (the cluster may be up by then).
 */
const versions = new Map<string, Promise<string>>();

/** The cluster's `version.number`, probed on first use and cached for the process. */
export function clusterVersion(config: StoreConfig & { url: string }, options: ClientOptions = clusterOptions(config)): Promise<string> {
  const key = JSON.stringify([config.url, config.apiKey, config.username, config.password, config.caCert, config.tlsRejectUnauthorized]);
  let known = versions.get(key);
  if (!known) {
    known = probeVersion(config, options);
    versions.set(key, known);
    known.catch(() => versions.delete(key));
  }
  return known;
}

/** The major version in a `version.number` (`8.19.2` → 8), NaN when there is none. */
export const majorOf = (version: string): number => Number.parseInt(version, 10);

/**
 * A Client for the cluster at `config.url`, speaking the REST API version the cluster accepts. Rejects
 * with a ClusterConnectError when the cluster cannot be reached, refuses the request, or is older than 8.x.
 */
export async function connectCluster(config: StoreConfig & { url: string }): Promise<Client> {
  const options = clusterOptions(config);
  const version = await clusterVersion(config, options);
  const major = majorOf(version);
  if (!(major >= CLUSTER_SETTINGS.minimumMajor)) {
    throw new ClusterConnectError('unsupported',
      `Elasticsearch at ${displayUrl(config.url)} is version ${version}; elastic-script studio needs 8.x or 9.x`);
  }
  // 9.x and later accept the client's own compatible-with=9; only 8.x needs its own major.
  return major === 8 ? new Client({ ...options, Transport: transportWithMediaTypes(compatibleMediaTypes(8)) }) : new Client(options);
}
