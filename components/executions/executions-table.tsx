'use client';

import { EuiBasicTable, type EuiBasicTableColumn, EuiButtonIcon, EuiCode, EuiScreenReaderOnly } from '@elastic/eui';
import { type ReactNode, useState } from 'react';
import type { ExecutionView } from '../../lib/service/types';
import { shortExecutionId } from '../output/render-value';
import { ExecutionDetails } from './execution-details';
import { formatDuration, formatTime } from './format';
import { StatusBadge } from './status-badge';

/** Props of `ExecutionsTable`. */
export interface ExecutionsTableProps {
  /** Executions, newest first. */
  executions: ExecutionView[];
  /** True while the first page loads. */
  loading?: boolean;
  /** Shown when there are no executions. */
  noItemsMessage?: ReactNode;
}

const dash = (value: string | null) => value ?? '—';

/** The executions dashboard's table; each row expands to the execution's output and error. */
export function ExecutionsTable({ executions, loading = false, noItemsMessage }: ExecutionsTableProps) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const toggle = (id: string) => setExpanded((current) => ({ ...current, [id]: !current[id] }));

  const columns: EuiBasicTableColumn<ExecutionView>[] = [
    {
      field: 'status',
      name: 'Status',
      width: '110px',
      render: (status: ExecutionView['status']) => <StatusBadge status={status} />,
    },
    { field: 'kind', name: 'Kind', width: '110px' },
    {
      field: 'track_name',
      name: 'Track name',
      render: (name: string | null) => <span data-test-subj="executionTrackName">{dash(name)}</span>,
    },
    { field: 'procedure_name', name: 'Procedure', render: dash },
    {
      field: 'started_at',
      name: 'Started',
      render: (startedAt: string | null, execution: ExecutionView) => formatTime(startedAt ?? execution.created_at),
    },
    { field: 'duration_ms', name: 'Duration', width: '100px', align: 'right', render: formatDuration },
    {
      field: 'execution_id',
      name: 'Id',
      width: '110px',
      render: (id: string) => <EuiCode title={id}>{shortExecutionId(id)}</EuiCode>,
    },
    {
      align: 'right',
      width: '40px',
      isExpander: true,
      name: (
        <EuiScreenReaderOnly>
          <span>Expand row</span>
        </EuiScreenReaderOnly>
      ),
      render: (execution: ExecutionView) => (
        <EuiButtonIcon
          onClick={() => toggle(execution.execution_id)}
          aria-label={expanded[execution.execution_id] ? 'Collapse' : 'Show output'}
          iconType={expanded[execution.execution_id] ? 'chevronSingleDown' : 'chevronSingleRight'}
          data-test-subj="executionExpand"
        />
      ),
    },
  ];

  const expandedRows = Object.fromEntries(
    executions
      .filter((execution) => expanded[execution.execution_id])
      .map((execution) => [execution.execution_id, <ExecutionDetails key={execution.execution_id} execution={execution} />]),
  );

  return (
    <EuiBasicTable
      tableCaption="Executions, newest first"
      items={executions}
      itemId="execution_id"
      itemIdToExpandedRowMap={expandedRows}
      columns={columns}
      loading={loading}
      noItemsMessage={noItemsMessage}
      rowProps={(execution) => ({ 'data-test-subj': `execution-row-${execution.track_name ?? execution.execution_id}` })}
      data-test-subj="executionsTable"
    />
  );
}
