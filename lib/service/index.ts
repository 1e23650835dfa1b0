export { runScript, getRunEvents, waitForRun, waitForBackground } from './run';
export type { RunScriptInput } from './run';
export { listExecutions } from './executions';
export { runQuery, runQueryAsText, type QueryTextFormat } from './query';
export type { EsqlResponse } from './query';
export { listExamples, getExample } from './examples';
export type { Example } from './examples';
export { configureService, serviceContext, closeService, nodeName } from './context';
export type * from './types';
