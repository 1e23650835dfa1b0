'use client';

import type { HTMLAttributes } from 'react';
import { EsqlTable } from './esql-table';
import { LINE_STYLE } from './output-styles';
import { renderValue, resultRows } from './render-value';

/** Props of `ResultEntry`. */
export interface ResultEntryProps extends HTMLAttributes<HTMLDivElement> {
  /** The value a top-level statement produced, as JSON (LANGUAGE.md §3.3). */
  value: unknown;
  /** The 1-based line of the statement. */
  line: number;
  /** Whether the statement is an ES|QL query, whose value always shows as a table. */
  isQuery: boolean;
}

/** A statement's result: `=> value`, or a table for rows of an ES|QL result. */
export function ResultEntry({ value, line, isQuery, style, ...rest }: ResultEntryProps) {
  const rows = resultRows(value, isQuery);
  return (
    <div data-test-subj="outputResult" {...rest}>
      <div style={{ ...LINE_STYLE, color: '#516381', ...style }} title={`statement on line ${line}`}>
        <span aria-hidden style={{ flexShrink: 0 }}>
          =&gt;
        </span>
        <span style={{ minWidth: 0 }}>{rows ? `${rows.length} row${rows.length === 1 ? '' : 's'}` : renderValue(value)}</span>
      </div>
      {rows && <EsqlTable rows={rows} />}
    </div>
  );
}
