'use client';

import { EuiFlexGroup, EuiFlexItem, EuiResizableContainer, EuiText, EuiTitle, useEuiTheme } from '@elastic/eui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ActionResult, errorMessage, isActionError } from '../common/action-result';
import { OutputPanel } from '../output/output-panel';
import { isRunActive } from '../output/run-state';
import { loadBuffer, saveBuffer } from './buffer-storage';
import type { PositionedDiagnostic } from './diagnostic-markers';
import { DiagnosticsBar } from './diagnostics-bar';
import { ExamplesMenu } from './examples-menu';
import { type ListExamplesAction, useExamples } from './queries';
import { RunButton } from './run-button';
import { type EditorHandle, ScriptEditor } from './script-editor';
import { type RunActions, useScriptRun } from './use-script-run';

/** An example script with its source. */
export interface Example {
  name: string;
  title: string;
  source: string;
}

/** The server actions the IDE uses, handed down from the page. */
export interface StudioActions extends RunActions {
  /** Lists the example scripts. */
  listExamples: ListExamplesAction;
  /** Fetches one example script. */
  getExample: (input: { name: string }) => Promise<ActionResult<Example>>;
}

/** Props of `Studio`. */
export interface StudioProps {
  /** The server actions. */
  actions: StudioActions;
}

function shortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘+Enter' : 'Ctrl+Enter';
}

/** The IDE page: toolbar (Examples, Run), the Monaco editor with syntax problems, and the output console. */
export function Studio({ actions }: StudioProps) {
  const { euiTheme } = useEuiTheme();
  const [initialValue] = useState(loadBuffer);
  const [diagnostics, setDiagnostics] = useState<PositionedDiagnostic[]>([]);
  const [exampleError, setExampleError] = useState<string | null>(null);
  const [loadingExample, setLoadingExample] = useState(false);
  const editor = useRef<EditorHandle | null>(null);
  const { state, run } = useScriptRun(actions);
  const examples = useExamples(actions.listExamples);
  const shortcut = useMemo(shortcutLabel, []);

  const runBuffer = useCallback(() => {
    if (editor.current) void run(editor.current.getValue());
  }, [run]);
  const goTo = useCallback((line: number, column: number) => editor.current?.goTo(line, column), []);

  const pickExample = useCallback(
    async (name: string) => {
      setLoadingExample(true);
      setExampleError(null);
      try {
        const example = await actions.getExample({ name });
        if (isActionError(example)) setExampleError(example.error);
        else editor.current?.replaceAll(example.source);
      } catch (thrown) {
        setExampleError(errorMessage(thrown));
      } finally {
        setLoadingExample(false);
      }
    },
    [actions],
  );

  // Ctrl/Cmd+Enter also runs when the focus is outside the editor (the editor handles it itself inside).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if ((event.target as HTMLElement | null)?.closest?.('.monaco-editor')) return;
      event.preventDefault();
      runBuffer();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runBuffer]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 48px)' }}>
      <EuiFlexGroup
        gutterSize="s"
        alignItems="center"
        responsive={false}
        style={{
          flexGrow: 0,
          padding: '8px 16px',
          borderBottom: euiTheme.border.thin,
          background: euiTheme.colors.emptyShade,
        }}
      >
        <EuiFlexItem grow={false}>
          <EuiTitle size="xs">
            <h1>Script editor</h1>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <ExamplesMenu
            examples={examples.data}
            isLoading={examples.isPending}
            error={examples.error ? examples.error.message : null}
            onPick={pickExample}
            disabled={loadingExample}
          />
        </EuiFlexItem>
        <EuiFlexItem>
          {exampleError && (
            <EuiText size="xs" color="danger">
              Could not load the example: {exampleError}
            </EuiText>
          )}
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <RunButton onRun={runBuffer} isRunning={state.phase === 'running'} shortcut={shortcut} />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiResizableContainer direction="horizontal" style={{ flex: 1, minHeight: 0 }}>
        {(EuiResizablePanel, EuiResizableButton) => (
          <>
            <EuiResizablePanel initialSize={55} minSize="25%" paddingSize="none" scrollable={false}>
              <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-test-subj="editorPanel">
                <div style={{ flex: 1, minHeight: 0 }}>
                  <ScriptEditor
                    initialValue={initialValue}
                    onChange={saveBuffer}
                    onRun={runBuffer}
                    onReady={(handle) => {
                      editor.current = handle;
                    }}
                    onDiagnostics={setDiagnostics}
                  />
                </div>
                <DiagnosticsBar diagnostics={diagnostics} onGoTo={goTo} />
              </div>
            </EuiResizablePanel>
            <EuiResizableButton />
            <EuiResizablePanel initialSize={45} minSize="20%" paddingSize="none" scrollable={false}>
              <OutputPanel
                state={state}
                onGoTo={goTo}
                shortcut={shortcut}
                data-run-active={isRunActive(state) ? 'true' : 'false'}
                data-run-phase={state.phase}
              />
            </EuiResizablePanel>
          </>
        )}
      </EuiResizableContainer>
    </div>
  );
}
