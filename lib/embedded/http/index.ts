export { createEngineServer, resolveServeOptions, serveEngine, SERVE_DEFAULTS } from './server';
export type { RunningServer, ServeOptions } from './server';
export { ES_VERSIONS, type EsVersion } from './version-negotiation';
