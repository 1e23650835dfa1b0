'use client';

import { type CommonProps, EuiBadge } from '@elastic/eui';
import type { ExecutionView } from '../../lib/service/types';

/** The statuses of an execution (LANGUAGE.md §14), in lifecycle order; also the test matrix. */
export const EXECUTION_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const satisfies readonly ExecutionView['status'][];

/** One of `EXECUTION_STATUSES`. */
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Badge colour and the word users read for each status (data, not an `if` chain: STYLE.md R21). */
export const STATUS_LOOK: Record<ExecutionStatus, { color: string; word: string }> = {
  PENDING: { color: 'hollow', word: 'pending' },
  RUNNING: { color: 'primary', word: 'running' },
  COMPLETED: { color: 'success', word: 'done' },
  FAILED: { color: 'danger', word: 'failed' },
  CANCELLED: { color: 'default', word: 'cancelled' },
};

/** Props of `StatusBadge`. */
export type StatusBadgeProps = CommonProps & {
  /** The execution's status. */
  status: ExecutionStatus;
};

/** An execution's status as a coloured badge reading running / done / failed / cancelled / pending. */
export function StatusBadge({ status, ...rest }: StatusBadgeProps) {
  const look = STATUS_LOOK[status];
  return (
    <EuiBadge color={look.color} title={status} data-test-subj="executionStatus" {...rest}>
      {look.word}
    </EuiBadge>
  );
}
