export { Scheduler, RECOVERY_RUN_ID } from './scheduler';
export { recordToValue } from './record-value';
export type { SchedulerListener, SchedulerOptions, PrintLevel } from './scheduler';
export { SCHEDULER_DEFAULTS, SCHEDULER_ENV, resolveSchedulerConfig, schedulerConfigFromEnv } from './config';
export type { SchedulerConfig } from './config';
export type { SweepReport } from './recovery-sweep';
export { EXECUTIONS_INDEX, isTerminal } from './record';
export type { ExecutionRecord, ExecutionStatus, ExecutionKind } from './record';
export { ExecutionStop } from './stop';
