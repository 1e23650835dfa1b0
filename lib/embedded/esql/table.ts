/**
 * The data model of the ES|QL engine: ES|QL types, cell values and tables (columns + rows).
 * Dates are epoch milliseconds internally and become ISO strings only in the response.
 */

/** ES|QL data types the engine produces (names as the `_query` response spells them). */
export type EsqlType =
  | 'keyword' | 'text' | 'long' | 'integer' | 'double' | 'boolean' | 'date' | 'date_nanos' | 'ip' | 'version'
  | 'unsigned_long' | 'null' | 'unsupported' | 'date_period' | 'time_duration'
  /** METADATA _source: the document's source, held as JSON text and answered as the object. */
  | '_source';

/** One scalar value. */
export type Scalar = string | number | boolean;
/** A cell: null, a single value, or a multi-value (an array of two or more scalars). */
export type Cell = Scalar | Scalar[] | null;

/** A column of a table. */
export interface Column { name: string; type: EsqlType }

/** A table flowing between commands. Rows are arrays aligned with `columns`. */
export interface Table { columns: Column[]; rows: Cell[][] }

/** Numeric ES|QL types. */
export const isNumeric = (t: EsqlType): boolean => t === 'integer' || t === 'long' || t === 'double' || t === 'unsigned_long';
/** String-like ES|QL types. */
export const isStringType = (t: EsqlType): boolean => t === 'keyword' || t === 'text';

/** The values of a cell as a list (empty for null). */
export function cellValues(cell: Cell): Scalar[] {
  if (cell === null) return [];
  return Array.isArray(cell) ? cell : [cell];
}

/** Builds a cell from a list of values: null when empty, the value itself when single. */
export function toCell(values: Scalar[]): Cell {
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

/** Index of the column named `name`, or -1. */
export const columnIndex = (columns: Column[], name: string): number => columns.findIndex((c) => c.name === name);
