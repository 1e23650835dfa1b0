'use client';

import { EuiLink } from '@elastic/eui';
import type { HTMLAttributes } from 'react';
import type { ErrorDocument } from '../../lib/service/types';
import { LINE_STYLE } from './output-styles';

/** Props of `ErrorEntry`. */
export interface ErrorEntryProps extends HTMLAttributes<HTMLDivElement> {
  /** The error document (LANGUAGE.md §8.1). */
  error: Pick<ErrorDocument, 'type' | 'code' | 'message' | 'line' | 'column'> & Partial<ErrorDocument>;
  /** Moves the editor's cursor to the error's position. */
  onGoTo?: (line: number, column: number) => void;
}

/** An uncaught error or a syntax error with its position; the position is a link into the editor. */
export function ErrorEntry({ error, onGoTo, style, ...rest }: ErrorEntryProps) {
  const position = `${error.line}:${error.column}`;
  return (
    <div data-test-subj="outputError" style={{ ...LINE_STYLE, color: '#BD271E', ...style }} {...rest}>
      <span aria-hidden>✖</span>
      <span>
        {onGoTo ? (
          <EuiLink color="danger" onClick={() => onGoTo(error.line, error.column)} data-test-subj="outputErrorPosition">
            {position}
          </EuiLink>
        ) : (
          position
        )}{' '}
        <strong>{error.type}</strong> {error.code}: {error.message}
        {error.procedure ? ` (in ${error.procedure})` : ''}
        {error.stack && error.stack.length > 0 && (
          <span style={{ display: 'block', color: '#6A717D' }}>{error.stack.join('\n')}</span>
        )}
      </span>
    </div>
  );
}
