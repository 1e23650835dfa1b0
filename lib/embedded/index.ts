export { EmbeddedEngine, errorResponse } from './engine';
export type { EngineRequest } from './engine';
export { EmbeddedConnection, connectionClassFor } from './connection';
export { Store } from './storage/store';
export { storeCatalog } from './storage/catalog';
export { EsError } from './errors';
export { ENGINE_VERSION } from './version';
