/** Where the store lives: a real cluster (`url` + credentials + TLS) or the embedded engine on `dataDir`. */
export interface StoreConfig {
  dataDir?: string;
  url?: string;
  apiKey?: string;
  username?: string;
  password?: string;
  /** Path of a PEM file with the CA certificate(s) the cluster's TLS certificate is checked against. */
  caCert?: string;
  /** `false` accepts any TLS certificate (self-signed test clusters); unset means the certificate is verified. */
  tlsRejectUnauthorized?: boolean;
}

/** Defaults of the store configuration. */
export const STORE_DEFAULTS = {
  /** The embedded engine's data directory, relative to the working directory. */
  dataDir: './.escript',
} as const;

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/**
 * Only an explicit `false` (or `0`) turns certificate checks off; any other value keeps them on, so a typo
 * never weakens TLS.
 */
const tlsOff = (v: string | undefined): false | undefined =>
  (v !== undefined && ['false', '0'].includes(v.trim().toLowerCase()) ? false : undefined);

/**
 * Config from the environment: `ESCRIPT_DATA_DIR` (default `./.escript`), `ELASTICSEARCH_URL`,
 * `ELASTICSEARCH_API_KEY`, `ELASTICSEARCH_USERNAME`/`ELASTICSEARCH_PASSWORD`, `ELASTICSEARCH_CA_CERT` (a
 * path) and `ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED=false`. Defined `overrides` win.
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StoreConfig> = {}): StoreConfig {
  const fromEnv: StoreConfig = {
    dataDir: nonEmpty(env.ESCRIPT_DATA_DIR) ?? STORE_DEFAULTS.dataDir,
    url: nonEmpty(env.ELASTICSEARCH_URL),
    apiKey: nonEmpty(env.ELASTICSEARCH_API_KEY),
    username: nonEmpty(env.ELASTICSEARCH_USERNAME),
    password: nonEmpty(env.ELASTICSEARCH_PASSWORD),
    caCert: nonEmpty(env.ELASTICSEARCH_CA_CERT),
    tlsRejectUnauthorized: tlsOff(env.ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED),
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<StoreConfig>;
  return Object.fromEntries(Object.entries({ ...fromEnv, ...defined }).filter(([, v]) => v !== undefined)) as StoreConfig;
}
