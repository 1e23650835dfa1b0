/**
 * Text and table views of result values as they arrive in JSON (the `result` event of `escript run --json`).
 * Pure and browser-safe.
 */

/** A row of an ES|QL result: one DOCUMENT whose keys are the column names (LANGUAGE.md §10.3). */
export type ResultRow = Record<string, unknown>;

/**
 * Renders a value the way PRINT would (LANGUAGE.md §5): strings as their characters, everything else as
 * compact JSON. DATEs already arrive as ISO strings, and JavaScript's number formatting is §5's.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'null';
  return JSON.stringify(value) ?? 'null';
}

function isRow(value: unknown): value is ResultRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The rows of a result to show as a table, or null to show it as text. A query statement's value is
 * always a table (an empty one included, LANGUAGE.md §10.4); any other value is one only when it is a
 * non-empty array of documents.
 */
export function resultRows(value: unknown, isQuery: boolean): ResultRow[] | null {
  if (!Array.isArray(value)) return null;
  if (!value.every(isRow)) return null;
  return isQuery || value.length > 0 ? value : null;
}

/** The columns of `rows`: every key, in order of first appearance. */
export function resultColumns(rows: readonly ResultRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** A short form of an execution id for badges: `exec-0123456789abcdef` → `0123456`. */
export function shortExecutionId(id: string): string {
  return id.replace(/^exec-/, '').slice(0, 7);
}
