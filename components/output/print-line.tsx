'use client';

import { EuiBadge, EuiToolTip } from '@elastic/eui';
import type { HTMLAttributes } from 'react';
import type { PrintLevel } from '../../lib/service/types';
import { LEVEL_COLOR, LINE_STYLE } from './output-styles';
import { shortExecutionId } from './render-value';

/** Props of `PrintLine`. */
export interface PrintLineProps extends HTMLAttributes<HTMLDivElement> {
  /** The printed text. */
  text: string;
  /** The PRINT level (LANGUAGE.md §7.3). */
  level: PrintLevel;
  /** The background execution that printed the line, or null for the script itself. */
  executionId: string | null;
}

/** One PRINT line; lines from background executions carry a short execution id badge. */
export function PrintLine({ text, level, executionId, style, ...rest }: PrintLineProps) {
  return (
    <div data-test-subj="outputPrint" style={{ ...LINE_STYLE, color: LEVEL_COLOR[level], ...style }} {...rest}>
      {executionId && (
        <EuiToolTip content={executionId} anchorProps={{ style: { flexShrink: 0 } }}>
          <EuiBadge color="hollow" data-test-subj="outputExecutionBadge">
            {shortExecutionId(executionId)}
          </EuiBadge>
        </EuiToolTip>
      )}
      {level !== 'INFO' && <span style={{ fontWeight: 600 }}>{level}</span>}
      <span style={{ minWidth: 0 }}>{text}</span>
    </div>
  );
}
