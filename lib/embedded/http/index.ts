export { createEngineServer, resolveServeOptions, serveEngine, SERVE_DEFAULTS } from './server';
export type { RunningServer, ServeOptions } from './server';
