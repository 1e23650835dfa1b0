/** Where the store lives: a real cluster (`url` + credentials) or the embedded engine on `dataDir`. */
export interface StoreConfig {
  dataDir?: string;
  url?: string;
  apiKey?: string;
  username?: string;
  password?: string;
}

/** Defaults of the store configuration. */
export const STORE_DEFAULTS = {
  /** The embedded engine's data directory, relative to the working directory. */
  dataDir: './.escript',
} as const;

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/**
 * Config from the environment: `ESCRIPT_DATA_DIR` (default `./.escript`), `ELASTICSEARCH_URL`,
 * `ELASTICSEARCH_API_KEY`, `ELASTICSEARCH_USERNAME`/`ELASTICSEARCH_PASSWORD`. Defined `overrides` win.
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StoreConfig> = {}): StoreConfig {
  const fromEnv: StoreConfig = {
    dataDir: nonEmpty(env.ESCRIPT_DATA_DIR) ?? STORE_DEFAULTS.dataDir,
    url: nonEmpty(env.ELASTICSEARCH_URL),
    apiKey: nonEmpty(env.ELASTICSEARCH_API_KEY),
    username: nonEmpty(env.ELASTICSEARCH_USERNAME),
    password: nonEmpty(env.ELASTICSEARCH_PASSWORD),
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<StoreConfig>;
  return Object.fromEntries(Object.entries({ ...fromEnv, ...defined }).filter(([, v]) => v !== undefined)) as StoreConfig;
}
