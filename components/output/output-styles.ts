import type { CSSProperties } from 'react';

/** Shared inline styles of output lines: monospace, wrapped, aligned like a console. */
export const LINE_STYLE: CSSProperties = {
  fontFamily: "'Roboto Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  fontSize: 13,
  lineHeight: '20px',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  padding: '2px 12px',
  display: 'flex',
  gap: 8,
  alignItems: 'flex-start',
};

/** Colour of PRINT text per level (LANGUAGE.md §7.3); data, not an `if` chain (STYLE.md R21). */
export const LEVEL_COLOR = { DEBUG: '#6A717D', INFO: 'inherit', WARN: '#966B03', ERROR: '#BD271E' } as const;
