'use client';

import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useRef } from 'react';
import { parseEscript } from '../../lib/runtime/parse';
import { diagnosticMarkers, type PositionedDiagnostic, positionDiagnostics } from './diagnostic-markers';
import { monaco } from './monaco-setup';
import { ESCRIPT_LANGUAGE_ID, ESCRIPT_THEME } from './token-styles';

/** Imperative access to the editor for the rest of the IDE. */
export interface EditorHandle {
  /** The whole buffer. */
  getValue(): string;
  /** Replaces the whole buffer as one undoable edit and puts the cursor at the start. */
  replaceAll(text: string): void;
  /** Moves the cursor to a 1-based line and code-point column (LANGUAGE.md §2.1) and focuses the editor. */
  goTo(line: number, column: number): void;
}

/** Props of `ScriptEditor`. */
export interface ScriptEditorProps {
  /** The buffer at mount time (later changes go through `EditorHandle.replaceAll`). */
  initialValue: string;
  /** Called with the whole buffer after every change. */
  onChange: (source: string) => void;
  /** Called on Ctrl+Enter / Cmd+Enter. */
  onRun: () => void;
  /** Receives the handle once the editor exists. */
  onReady: (handle: EditorHandle) => void;
  /** Receives the syntax diagnostics of the buffer whenever they are recomputed. */
  onDiagnostics: (diagnostics: PositionedDiagnostic[]) => void;
}

// Parsing on every keystroke is cheap (incremental trees serve highlighting); markers wait for a pause.
const DIAGNOSTICS_DELAY_MS = 200;
const MARKER_OWNER = 'escript';

/** Converts a code-point column (LANGUAGE.md §2.1) to Monaco's UTF-16 column on `lineText`. */
function utf16Column(lineText: string, column: number): number {
  let index = 0;
  for (let point = 1; point < column && index < lineText.length; point++) {
    index += (lineText.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index + 1;
}

/** The Monaco editor of the IDE, in the `escript` language with Lezer highlighting and syntax markers. */
export function ScriptEditor({ initialValue, onChange, onRun, onReady, onDiagnostics }: ScriptEditorProps) {
  const callbacks = useRef({ onChange, onRun, onReady, onDiagnostics });
  callbacks.current = { onChange, onRun, onReady, onDiagnostics };
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const handleMount = useCallback<OnMount>((editor) => {
    const model = editor.getModel();
    if (!model) return;

    const refreshDiagnostics = () => {
      const source = model.getValue();
      const { diagnostics } = parseEscript(source);
      monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnosticMarkers(source, diagnostics));
      callbacks.current.onDiagnostics(positionDiagnostics(source, diagnostics));
    };

    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRun());
    editor.onDidChangeModelContent(() => {
      callbacks.current.onChange(model.getValue());
      clearTimeout(timer.current);
      timer.current = setTimeout(refreshDiagnostics, DIAGNOSTICS_DELAY_MS);
    });
    refreshDiagnostics();

    callbacks.current.onReady({
      getValue: () => model.getValue(),
      replaceAll(text) {
        editor.pushUndoStop();
        editor.executeEdits('escript', [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.revealLine(1);
      },
      goTo(line, column) {
        const lineNumber = Math.min(Math.max(line, 1), model.getLineCount());
        const position = { lineNumber, column: utf16Column(model.getLineContent(lineNumber), column) };
        editor.setPosition(position);
        editor.revealPositionInCenterIfOutsideViewport(position);
        editor.focus();
      },
    });
    editor.focus();
  }, []);

  return (
    <Editor
      height="100%"
      language={ESCRIPT_LANGUAGE_ID}
      theme={ESCRIPT_THEME}
      defaultValue={initialValue}
      onMount={handleMount}
      loading={<div style={{ padding: 16, color: '#6A717D' }}>Loading editor…</div>}
      options={{
        'semanticHighlighting.enabled': true,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 14,
        lineHeight: 21,
        tabSize: 2,
        scrollBeyondLastLine: false,
        fixedOverflowWidgets: true,
        renderLineHighlight: 'line',
        padding: { top: 8 },
        wordWrap: 'off',
      }}
    />
  );
}
