'use client';

import { EuiBadge, EuiFlexGroup, EuiFlexItem, EuiLoadingSpinner, EuiText } from '@elastic/eui';
import type { RunState } from './run-state';

/** Props of `RunStatus`. */
export interface RunStatusProps {
  /** The run to summarise. */
  state: Pick<RunState, 'phase' | 'exit'>;
}

// The exit statuses of `escript run` (shared/conformance/lang/README.md), as the user reads them.
const EXIT_LOOK = {
  0: { color: 'success', word: 'finished' },
  1: { color: 'danger', word: 'stopped by an error' },
  2: { color: 'warning', word: 'syntax errors: nothing ran' },
} as const;

/** The output panel's status: a spinner while running or following executions, then how the run ended. */
export function RunStatus({ state }: RunStatusProps) {
  if (state.phase === 'running' || state.phase === 'following') {
    return (
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false} data-test-subj="runIndicator">
        <EuiFlexItem grow={false}>
          <EuiLoadingSpinner size="s" />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiText size="xs" color="subdued">
            {state.phase === 'running' ? 'Running…' : 'Waiting for background executions…'}
          </EuiText>
        </EuiFlexItem>
      </EuiFlexGroup>
    );
  }
  if (state.phase === 'failed') return <EuiBadge color="danger">request failed</EuiBadge>;
  if (state.exit === null) return null;
  const look = EXIT_LOOK[state.exit];
  return (
    <EuiBadge color={look.color} data-test-subj="runExit">
      {look.word}
    </EuiBadge>
  );
}
