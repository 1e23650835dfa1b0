export { storeConfigFromEnv, STORE_DEFAULTS } from './config';
export type { StoreConfig } from './config';
export { createClient } from './client';
export { ClusterConnectError, clusterVersion, displayUrl, type ClusterFailure } from './cluster';
export { ensureSystemIndices, SYSTEM_INDICES, SYSTEM_TEMPLATES } from './system-indices';
