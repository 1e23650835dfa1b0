/**
 * Why an execution's run was stopped from outside (§13.8 CANCEL, §13.9 TIMEOUT). It is the abort
 * reason handed to the runtime, which rethrows it unchanged so that no CATCH or FINALLY sees it.
 */
import type { RecordError } from './record';

/**
 * `superseded`: another node ended the record (recovery judged this owner lost, §13.13); the run stops
 * and its outcome is the one already stored.
 */
export type StopReason = 'cancelled' | 'timeout' | 'group-timeout' | 'superseded';

export class ExecutionStop extends Error {
  constructor(
    readonly reason: StopReason,
    readonly timeoutSeconds: number | null = null,
  ) {
    super(`execution stopped: ${reason}`);
    this.name = 'ExecutionStop';
  }
}

/** The error a stopped record gets (§13.8, §13.9, §18.20). */
export function stopError(stop: ExecutionStop): RecordError {
  switch (stop.reason) {
    case 'cancelled':
      return { type: 'cancelled_error', message: 'execution was cancelled', code: 'CANCELLED' };
    case 'group-timeout':
      return { type: 'cancelled_error', message: 'cancelled: parallel group timed out', code: 'CANCELLED' };
    case 'timeout':
      return timeoutError(stop.timeoutSeconds ?? 0);
    case 'superseded':
      return { type: 'interrupted', message: 'execution interrupted: another node ended its record', code: 'INTERRUPTED' };
  }
}

/** The error of an execution that exceeded its TIMEOUT (§13.9). */
export const timeoutError = (seconds: number): RecordError => ({
  type: 'timeout_error',
  message: `execution exceeded its timeout of ${seconds} seconds`,
  code: 'EXECUTION_TIMEOUT',
});

/** The error of a cancelled record (§13.8). */
export const cancelledError = (): RecordError => stopError(new ExecutionStop('cancelled'));
