import { Client, SniffingTransport } from '@elastic/elasticsearch';
import { connectionClassFor, EmbeddedEngine } from '../embedded/index';
import { connectCluster } from './cluster';
import { STORE_DEFAULTS, type StoreConfig } from './config';

/** The address the embedded client pretends to talk to (no socket is ever opened). */
const EMBEDDED_NODE = 'http://embedded.escript:9200';

/**
 * The embedded client's transport: the client's default one, without OpenTelemetry spans. The client has
 * no option for them (only a per-request one), and a span per request of an engine inside this process
 * (attributes, URL formatting, context switches, about 3% of a scheduler's `_bulk` round trip) describes
 * no network call anyone could trace.
 */
class EmbeddedTransport extends SniffingTransport {
  constructor(opts: ConstructorParameters<typeof SniffingTransport>[0]) {
    super({ ...opts, openTelemetry: { enabled: false } });
  }
}

/**
 * One `@elastic/elasticsearch` Client. With `url`, the cluster there (see `connectCluster`: its version is
 * probed once and 8.x gets `compatible-with=8`; an unreachable or unsupported cluster rejects with a
 * ClusterConnectError). Without `url`, the embedded engine on `dataDir` (created if missing, default
 * `./.escript`); `client.close()` closes its SQLite handle.
 */
export async function createClient(config: StoreConfig): Promise<Client> {
  const { url } = config;
  if (url) return connectCluster({ ...config, url });
  const engine = new EmbeddedEngine(config.dataDir ?? STORE_DEFAULTS.dataDir);
  // No retries: the engine answers synchronously, and a retried write could apply twice. No
  // `x-elastic-client-meta` header: it tells a server's operators which clients call it.
  return new Client({
    node: EMBEDDED_NODE, Connection: connectionClassFor(engine), Transport: EmbeddedTransport, maxRetries: 0, enableMetaHeader: false,
  });
}
