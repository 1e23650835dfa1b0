'use client';

import { EuiCallOut, EuiEmptyPrompt, EuiFlexGroup, EuiFlexItem, EuiPageTemplate, EuiText } from '@elastic/eui';
import { EXECUTIONS_REFRESH_MS, type ListExecutionsAction, useExecutions } from './queries';
import { ExecutionsTable } from './executions-table';

/** Props of `ExecutionsView`. */
export interface ExecutionsViewProps {
  /** The server action that lists executions. */
  listExecutions: ListExecutionsAction;
}

/** The executions dashboard: every async execution, newest first, refreshed every 2 seconds. */
export function ExecutionsView({ listExecutions }: ExecutionsViewProps) {
  const { data, error, isPending, dataUpdatedAt, isFetching } = useExecutions(listExecutions);
  return (
    <EuiPageTemplate restrictWidth={false} grow={false} offset={0} minHeight="calc(100vh - 48px)">
      <EuiPageTemplate.Header
        pageTitle="Executions"
        description="Async executions started by scripts (procedure calls, PARALLEL, continuations), newest first."
        rightSideItems={[
          <EuiText size="xs" color="subdued" key="refresh" data-test-subj="executionsRefreshed">
            {isFetching ? 'Refreshing…' : dataUpdatedAt ? `Updated ${new Date(dataUpdatedAt).toLocaleTimeString(undefined, { hour12: false })}` : ''}
            {` · every ${EXECUTIONS_REFRESH_MS / 1000} s`}
          </EuiText>,
        ]}
      />
      <EuiPageTemplate.Section>
        <EuiFlexGroup direction="column" gutterSize="m">
          {error && (
            <EuiFlexItem>
              <EuiCallOut title="Could not load executions" color="danger" iconType="error" size="s">
                {error.message}
              </EuiCallOut>
            </EuiFlexItem>
          )}
          <EuiFlexItem>
            <ExecutionsTable
              executions={data ?? []}
              loading={isPending}
              noItemsMessage={
                isPending ? (
                  'Loading executions…'
                ) : (
                  <EuiEmptyPrompt
                    iconType="clock"
                    titleSize="xs"
                    title={<h3>No executions yet</h3>}
                    body={<p>Run a script with an async call or PARALLEL in the editor, and its executions appear here.</p>}
                  />
                )
              }
            />
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiPageTemplate.Section>
    </EuiPageTemplate>
  );
}
