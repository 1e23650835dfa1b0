/**
 * The event logs of recent runs, in memory: foreground events as the run produces them, then the
 * PRINT lines and terminal states of the executions it started (§13.11: front ends may show them
 * live beside the run). Front ends read a log incrementally with `after`.
 */
import type { ExecutionRecord, SchedulerListener } from '../executions';
import type { RunEvent, RunExit } from './types';

export interface RunLog {
  runId: string;
  events: RunEvent[];
  exit: RunExit | null;
  createdAt: number;
  listeners: ((event: RunEvent) => void)[];
}

/** How many finished run logs are kept for late readers. */
const RETAINED_LOGS = 200;

export class RunRegistry {
  private readonly logs = new Map<string, RunLog>();

  create(runId: string): RunLog {
    const log: RunLog = { runId, events: [], exit: null, createdAt: Date.now(), listeners: [] };
    this.logs.set(runId, log);
    this.prune();
    return log;
  }

  get(runId: string): RunLog | undefined {
    return this.logs.get(runId);
  }

  /** Appends an event to a run's log and tells its listeners. */
  push(runId: string, event: RunEvent): void {
    const log = this.logs.get(runId);
    if (!log) return;
    log.events.push(event);
    for (const listener of log.listeners) listener(event);
  }

  /** Routes the scheduler's background events to the logs of the runs that started them. */
  schedulerListener(): SchedulerListener {
    return {
      print: (runId, executionId, text, level) =>
        this.push(runId, { event: 'print', text, level, execution_id: executionId }),
      terminal: (runId, record: ExecutionRecord) => {
        if (record.status !== 'COMPLETED' && record.status !== 'FAILED' && record.status !== 'CANCELLED') return;
        this.push(runId, {
          event: 'execution', execution_id: record.execution_id, kind: record.kind, track_name: record.track_name,
          procedure_name: record.procedure_name, status: record.status,
        });
      },
    };
  }

  private prune(): void {
    if (this.logs.size <= RETAINED_LOGS) return;
    const oldest = [...this.logs.values()].sort((a, b) => a.createdAt - b.createdAt);
    for (const log of oldest.slice(0, this.logs.size - RETAINED_LOGS)) this.logs.delete(log.runId);
  }
}
