export { Scheduler, recordToValue, SCHEDULER_DEFAULTS } from './scheduler';
export type { SchedulerListener, SchedulerOptions, PrintLevel } from './scheduler';
export { EXECUTIONS_INDEX, isTerminal } from './record';
export type { ExecutionRecord, ExecutionStatus, ExecutionKind } from './record';
export { ExecutionStop } from './stop';
