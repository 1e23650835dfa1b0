'use client';

import { EuiCallOut, EuiEmptyPrompt, EuiFlexGroup, EuiFlexItem, EuiTitle } from '@elastic/eui';
import type { HTMLAttributes } from 'react';
import type { RunEvent } from '../../lib/service/types';
import { ErrorEntry } from './error-entry';
import { ExecutionEntry } from './execution-entry';
import { PrintLine } from './print-line';
import { ResultEntry } from './result-entry';
import type { RunState } from './run-state';
import { RunStatus } from './run-status';

/** Props of `OutputPanel`. */
export interface OutputPanelProps extends HTMLAttributes<HTMLDivElement> {
  /** The latest run. */
  state: RunState;
  /** Moves the editor's cursor to a 1-based line and column (for error positions). */
  onGoTo: (line: number, column: number) => void;
  /** The shortcut that runs the script, shown in the empty state. */
  shortcut: string;
}

function OutputEvent({ event, index, state, onGoTo }: { event: RunEvent; index: number; state: RunState; onGoTo: OutputPanelProps['onGoTo'] }) {
  switch (event.event) {
    case 'print':
      return <PrintLine text={event.text} level={event.level} executionId={event.execution_id} />;
    case 'result':
      return <ResultEntry value={event.value} line={event.line} isQuery={state.queryStatements.includes(event.statement)} />;
    case 'error':
      return <ErrorEntry error={event.error} onGoTo={onGoTo} data-statement={event.statement} />;
    case 'execution':
      return <ExecutionEntry execution={event} data-index={index} />;
  }
}

/** The console of the IDE: PRINT lines, results, errors and background execution lines of the latest run. */
export function OutputPanel({ state, onGoTo, shortcut, style, ...rest }: OutputPanelProps) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', ...style }} {...rest}>
      <EuiFlexGroup
        gutterSize="s"
        alignItems="center"
        responsive={false}
        style={{ padding: '8px 12px', borderBottom: '1px solid #E3E8F2', flexGrow: 0 }}
      >
        <EuiFlexItem>
          <EuiTitle size="xxs">
            <h2>Output</h2>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <RunStatus state={state} />
        </EuiFlexItem>
      </EuiFlexGroup>
      <div
        data-test-subj="outputPanel"
        role="log"
        aria-live="polite"
        style={{ flex: 1, overflow: 'auto', paddingBottom: 12 }}
      >
        {state.failure && (
          <EuiCallOut title="The run could not complete" color="danger" iconType="error" size="s" style={{ margin: 12 }}>
            {state.failure}
          </EuiCallOut>
        )}
        {state.phase === 'idle' && (
          <EuiEmptyPrompt
            iconType="consoleApp"
            titleSize="xs"
            title={<h3>Nothing has run yet</h3>}
            body={<p>Run the script with the Run button or {shortcut}. PRINT lines, results and errors appear here.</p>}
          />
        )}
        {state.events.map((event, index) => (
          <OutputEvent key={index} event={event} index={index} state={state} onGoTo={onGoTo} />
        ))}
        {state.phase === 'done' && state.exit === 0 && state.events.length === 0 && (
          <div style={{ padding: '8px 12px', color: '#6A717D', fontSize: 13 }}>The script ran and printed nothing.</div>
        )}
      </div>
    </div>
  );
}
