'use client';

import { EuiButton, EuiToolTip } from '@elastic/eui';

/** Props of `RunButton`. */
export interface RunButtonProps {
  /** Starts a run of the whole buffer. */
  onRun: () => void;
  /** True while the foreground part of a run is in flight. */
  isRunning: boolean;
  /** The keyboard shortcut, as shown to the user (for example `Ctrl+Enter`). */
  shortcut: string;
}

/** The toolbar's Run button; its tooltip names the keyboard shortcut. */
export function RunButton({ onRun, isRunning, shortcut }: RunButtonProps) {
  return (
    <EuiToolTip content={`Run the whole script (${shortcut})`} position="bottom">
      <EuiButton
        fill
        size="s"
        iconType="play"
        onClick={onRun}
        isLoading={isRunning}
        data-test-subj="runButton"
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        {isRunning ? 'Running' : 'Run'}
      </EuiButton>
    </EuiToolTip>
  );
}
