'use client';

import { EuiCallOut, EuiCode, EuiDescriptionList, EuiSpacer, EuiText } from '@elastic/eui';
import type { ExecutionView } from '../../lib/service/types';
import { formatTime } from './format';

/** Props of `ExecutionDetails`. */
export interface ExecutionDetailsProps {
  /** The execution to detail. */
  execution: ExecutionView;
}

/** The expanded row of an execution: its output lines, its error and its lineage. */
export function ExecutionDetails({ execution }: ExecutionDetailsProps) {
  return (
    <div style={{ width: '100%' }} data-test-subj="executionDetails">
      <EuiDescriptionList
        type="column"
        compressed
        listItems={[
          { title: 'Execution id', description: <EuiCode>{execution.execution_id}</EuiCode> },
          { title: 'Parent', description: execution.parent_id ?? '—' },
          { title: 'Root', description: execution.root_id },
          { title: 'Created', description: formatTime(execution.created_at) },
          { title: 'Completed', description: formatTime(execution.completed_at) },
        ]}
      />
      <EuiSpacer size="s" />
      {execution.error && (
        <>
          <EuiCallOut color="danger" iconType="error" size="s" title={`${execution.error.type} ${execution.error.code}`}>
            {execution.error.message}
          </EuiCallOut>
          <EuiSpacer size="s" />
        </>
      )}
      <EuiText size="xs">
        <strong>Output</strong>
      </EuiText>
      {execution.output.length === 0 ? (
        <EuiText size="xs" color="subdued">
          No output.
        </EuiText>
      ) : (
        <pre
          data-test-subj="executionOutput"
          style={{ margin: '4px 0 0', fontSize: 12, whiteSpace: 'pre-wrap', background: '#F6F9FC', padding: 8, borderRadius: 4 }}
        >
          {execution.output.join('\n')}
        </pre>
      )}
    </div>
  );
}
