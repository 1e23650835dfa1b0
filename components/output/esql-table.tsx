'use client';

import { EuiBasicTable, type EuiBasicTableColumn } from '@elastic/eui';
import { useMemo } from 'react';
import { type ResultRow, renderValue, resultColumns } from './render-value';

/** Props of `EsqlTable`. */
export interface EsqlTableProps {
  /** The rows of an ES|QL result (LANGUAGE.md §10.3). */
  rows: ResultRow[];
  /** Shown in place of an empty table. */
  noItemsMessage?: string;
  /** Test selector of the table. */
  'data-test-subj'?: string;
}

// Keeps the output readable for queries without LIMIT (up to 1000 rows by default, §10.3).
const MAX_ROWS = 200;

/** An ES|QL result as a table, one column per key, cells rendered as PRINT renders them (§5). */
export function EsqlTable({ rows, noItemsMessage = 'No rows', ...rest }: EsqlTableProps) {
  const columns = useMemo<EuiBasicTableColumn<ResultRow>[]>(
    () =>
      resultColumns(rows).map((name) => ({
        name,
        field: name,
        render: (_: unknown, row: ResultRow) => (name in row ? renderValue(row[name]) : ''),
        truncateText: true,
      })),
    [rows],
  );
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  return (
    <div style={{ padding: '4px 12px 8px' }}>
      <EuiBasicTable
        tableCaption="ES|QL result"
        items={shown}
        columns={columns}
        compressed
        noItemsMessage={noItemsMessage}
        data-test-subj={rest['data-test-subj'] ?? 'outputTable'}
      />
      {rows.length > MAX_ROWS && (
        <div style={{ fontSize: 12, color: '#6A717D', paddingTop: 4 }}>
          Showing the first {MAX_ROWS} of {rows.length} rows.
        </div>
      )}
    </div>
  );
}
