/**
 * ES|QL answers as text, for `POST /_query?format=txt|csv|tsv` (or an `Accept` of `text/plain`,
 * `text/csv`, `text/tab-separated-values`): what `curl` users read, and what spreadsheets import. The
 * shapes are Elasticsearch's: `txt` is a table whose columns are at least 15 characters wide, headers
 * centred, `|` between columns and a `-`/`+` rule under the header; `csv` follows RFC 4180 (CRLF line ends,
 * a field quoted when it holds a quote, a line break or the delimiter); `tsv` escapes tabs and line breaks
 * as `\t` and `\n`. A value is written as Elasticsearch's Java prints it (`1.0`, `1.0E-4`, a multi-value
 * as `[a, b]`); a null is `null` in `txt` and empty in `csv` and `tsv`.
 */
import { toText } from './functions/convert';
import type { Cell, Column, Scalar } from './table';

export type TextFormat = 'txt' | 'csv' | 'tsv';

export const TEXT_FORMATS: readonly TextFormat[] = ['txt', 'csv', 'tsv'];

/** The media type each format answers with (csv's `header` parameter is added by `contentTypeOf`). */
const CONTENT_TYPES: Record<TextFormat, string> = {
  txt: 'text/plain',
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
};

export function contentTypeOf(format: TextFormat, header: boolean): string {
  return format === 'csv' ? `${CONTENT_TYPES.csv}; header=${header ? 'present' : 'absent'}` : CONTENT_TYPES[format];
}

/** The rows of an answer, with the columns to write (the others, `drop_null_columns`, left out). */
export interface TextTable {
  columns: Column[];
  rows: Cell[][];
}

export interface TextOptions {
  /** csv only: the character between fields (`,` by default). */
  delimiter?: string;
  /** csv only: whether the first line names the columns (true by default). */
  header?: boolean;
}

/** The narrowest a `txt` column is. */
const MIN_COLUMN_WIDTH = 15;

const scalarText = (value: Scalar, column: Column): string =>
  column.type === '_source' && typeof value === 'string' ? value : toText(value, column.type);

/** A cell as Elasticsearch prints it; `nullText` for a null. */
function cellText(cell: Cell, column: Column, nullText: string): string {
  if (cell === null) return nullText;
  if (Array.isArray(cell)) return `[${cell.map((v) => scalarText(v, column)).join(', ')}]`;
  return scalarText(cell, column);
}

/** The answer as `format` text. */
export function formatTable(table: TextTable, format: TextFormat, options: TextOptions = {}): string {
  if (format === 'txt') return plainText(table);
  const delimiter = format === 'tsv' ? '\t' : options.delimiter ?? ',';
  const escape = format === 'tsv' ? escapeTsv : (text: string) => escapeCsv(text, delimiter);
  const eol = format === 'tsv' ? '\n' : '\r\n';
  const lines: string[] = [];
  if (format === 'tsv' || options.header !== false) lines.push(table.columns.map((c) => escape(c.name)).join(delimiter));
  for (const row of table.rows) lines.push(row.map((cell, i) => escape(cellText(cell, table.columns[i], ''))).join(delimiter));
  return lines.map((line) => line + eol).join('');
}

function plainText(table: TextTable): string {
  const { columns, rows } = table;
  if (columns.length === 0) return '';
  const texts = rows.map((row) => row.map((cell, i) => cellText(cell, columns[i], 'null')));
  const widths = columns.map((c, i) => Math.max(MIN_COLUMN_WIDTH, c.name.length, ...texts.map((t) => t[i].length)));
  const header = columns.map((c, i) => {
    const left = Math.floor((widths[i] - c.name.length) / 2);
    return ' '.repeat(left) + c.name + ' '.repeat(widths[i] - c.name.length - left);
  }).join('|');
  const rule = widths.map((w) => '-'.repeat(w)).join('+');
  const body = texts.map((t) => t.map((text, i) => text.padEnd(widths[i])).join('|'));
  return [header, rule, ...body].map((line) => `${line}\n`).join('');
}

function escapeCsv(text: string, delimiter: string): string {
  if (!/["\r\n]/.test(text) && !text.includes(delimiter)) return text;
  return `"${text.replace(/"/g, '""')}"`;
}

const escapeTsv = (text: string): string => text.replace(/\n/g, '\\n').replace(/\t/g, '\\t');

/**
 * The columns whose every value is null (all of them when there is no row), which
 * `drop_null_columns=true` leaves out.
 */
export function nullColumns(table: TextTable): boolean[] {
  return table.columns.map((_, i) => table.rows.every((row) => row[i] === null));
}

/** The table without the columns `drop` marks. */
export function withoutColumns(table: TextTable, drop: boolean[]): TextTable {
  const keep = (_: unknown, i: number) => !drop[i];
  return { columns: table.columns.filter(keep), rows: table.rows.map((row) => row.filter(keep)) };
}
