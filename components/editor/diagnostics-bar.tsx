'use client';

import { EuiIcon, EuiLink } from '@elastic/eui';
import type { HTMLAttributes } from 'react';
import type { PositionedDiagnostic } from './diagnostic-markers';

/** Props of `DiagnosticsBar`. */
export interface DiagnosticsBarProps extends HTMLAttributes<HTMLDivElement> {
  /** The current syntax diagnostics of the buffer, in source order. */
  diagnostics: PositionedDiagnostic[];
  /** Moves the editor's cursor to a 1-based line and column. */
  onGoTo: (line: number, column: number) => void;
}

// The first few problems stay readable under the editor; the markers show them all.
const MAX_SHOWN = 3;

/** A strip under the editor listing syntax errors (LANGUAGE.md §3.5) with links to their positions. */
export function DiagnosticsBar({ diagnostics, onGoTo, style, ...rest }: DiagnosticsBarProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const barStyle = {
    borderTop: '1px solid #E3E8F2',
    padding: '4px 12px',
    fontSize: 12,
    lineHeight: '20px',
    background: errors.length ? '#FFF4F2' : '#F6F9FC',
    ...style,
  };
  if (diagnostics.length === 0) {
    return (
      <div data-test-subj="diagnosticsBar" style={{ ...barStyle, color: '#516381' }} {...rest}>
        <EuiIcon type="check" size="s" color="success" /> No syntax errors
      </div>
    );
  }
  return (
    <div data-test-subj="diagnosticsBar" style={barStyle} {...rest}>
      <strong style={{ color: errors.length ? '#BD271E' : '#966B03' }}>
        {diagnostics.length} syntax {diagnostics.length === 1 ? 'problem' : 'problems'}
      </strong>
      {diagnostics.slice(0, MAX_SHOWN).map((d) => (
        <div key={`${d.offset}-${d.code}`} data-test-subj="diagnostic">
          <EuiLink onClick={() => onGoTo(d.line, d.column)}>
            {d.line}:{d.column}
          </EuiLink>{' '}
          {d.message}
        </div>
      ))}
      {diagnostics.length > MAX_SHOWN && <div>… and {diagnostics.length - MAX_SHOWN} more</div>}
    </div>
  );
}
