'use client';

import { EuiBadge } from '@elastic/eui';
import type { HTMLAttributes } from 'react';
import type { RunEvent } from '../../lib/service/types';
import { LINE_STYLE } from './output-styles';
import { shortExecutionId } from './render-value';

/** A terminal `execution` event (LANGUAGE.md §13). */
export type ExecutionEvent = Extract<RunEvent, { event: 'execution' }>;

// Terminal statuses and the words users read for them (the dashboard uses the same words).
const STATUS_LOOK: Record<ExecutionEvent['status'], { color: string; word: string }> = {
  COMPLETED: { color: 'success', word: 'done' },
  FAILED: { color: 'danger', word: 'failed' },
  CANCELLED: { color: 'default', word: 'cancelled' },
};

/** Props of `ExecutionEntry`. */
export interface ExecutionEntryProps extends HTMLAttributes<HTMLDivElement> {
  /** The execution that reached a terminal status. */
  execution: ExecutionEvent;
}

/** One line saying that a background execution finished, with its kind, track name and procedure. */
export function ExecutionEntry({ execution, style, ...rest }: ExecutionEntryProps) {
  const look = STATUS_LOOK[execution.status];
  const what = [execution.kind, execution.procedure_name, execution.track_name && `'${execution.track_name}'`]
    .filter(Boolean)
    .join(' ');
  return (
    <div data-test-subj="outputExecution" style={{ ...LINE_STYLE, color: '#516381', ...style }} {...rest}>
      <EuiBadge color="hollow" title={execution.execution_id}>
        {shortExecutionId(execution.execution_id)}
      </EuiBadge>
      <span>execution {what}</span>
      <EuiBadge color={look.color}>{look.word}</EuiBadge>
    </div>
  );
}
