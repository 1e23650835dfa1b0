import { Client, SniffingTransport } from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;
import { connectionClassFor, EmbeddedEngine } from '../embedded/index';
import { STORE_DEFAULTS, type StoreConfig } from './config';

/** The address the embedded client pretends to talk to (no socket is ever opened). */
const EMBEDDED_NODE = 'http://embedded.escript:9200';

/** The client's transport with media types for `compatible-with=<major>` (an 8.x cluster rejects 9). */
function transportFor(major: number): ClientOptions['Transport'] {
  return class CompatibleTransport extends SniffingTransport {
    constructor(opts: ConstructorParameters<typeof SniffingTransport>[0]) {
      super({
        ...opts,
        vendoredHeaders: {
          jsonContentType: `application/vnd.elasticsearch+json; compatible-with=${major}`,
          ndjsonContentType: `application/vnd.elasticsearch+x-ndjson; compatible-with=${major}`,
          accept: `application/vnd.elasticsearch+json; compatible-with=${major},text/plain`,
        },
      });
    }
  };
}

function clusterOptions(config: StoreConfig): ClientOptions {
  const auth = config.apiKey ? { apiKey: config.apiKey }
    : config.username ? { username: config.username, password: config.password ?? '' } : undefined;
  return { node: config.url, ...(auth ? { auth } : {}) };
}

/**
 * One `@elastic/elasticsearch` Client. With `url`, a real cluster: `GET /` is probed with
 * `compatible-with=8` (which 8.x and 9.x both accept) and an 8.x cluster keeps those media types; a
 * failed probe rejects. Without `url`, the embedded engine on `dataDir` (created if missing, default
 * `./.escript`); `client.close()` closes its SQLite handle.
 */
export async function createClient(config: StoreConfig): Promise<Client> {
  if (config.url) {
    const probe = new Client({ ...clusterOptions(config), Transport: transportFor(8) });
    let major: number;
    try {
      const info = await probe.info();
      major = Number(String(info.version.number).split('.')[0]);
    } catch (e) {
      await probe.close();
      throw e;
    }
    if (major <= 8) return probe;
    await probe.close();
    return new Client(clusterOptions(config));
  }
  const engine = new EmbeddedEngine(config.dataDir ?? STORE_DEFAULTS.dataDir);
  // No retries: the engine answers synchronously, and a retried write could apply twice.
  return new Client({ node: EMBEDDED_NODE, Connection: connectionClassFor(engine), maxRetries: 0 });
}
