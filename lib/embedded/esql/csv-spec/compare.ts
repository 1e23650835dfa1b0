/**
 * Compares one csv-spec case's answer the way Elasticsearch's harness does: column names and types
 * exactly, values converted by column type, rows in order unless `ignoreOrder`.
 */
import { parseDate } from '../functions/convert';
import { canonicalType, splitCells, type SpecCase } from './spec-file';

function sameScalar(expected: string, actual: unknown, type: string): boolean {
  if (expected.toLowerCase() === 'null') return actual === null;
  if (actual === null || actual === undefined) return false;
  switch (type) {
    case 'integer': case 'long': case 'unsigned_long': case 'double': {
      const e = Number(expected);
      if (typeof actual !== 'number') return false;
      if (Number.isNaN(e)) return Number.isNaN(actual) || expected === String(actual);
      return e === actual || Math.abs(e - actual) <= 1e-9 * Math.max(1, Math.abs(e));
    }
    case 'boolean': return String(actual) === expected.toLowerCase();
    case 'date': case 'date_nanos': return parseDate(expected) === parseDate(String(actual));
    default: return String(actual) === expected;
  }
}

function sameCell(expected: string, actual: unknown, type: string): boolean {
  if (expected.startsWith('[') && expected.endsWith(']')) {
    const items = splitCells(expected.slice(1, -1), ',');
    const values = Array.isArray(actual) ? actual : [actual];
    return items.length === values.length && items.every((e, i) => sameScalar(e, values[i], type));
  }
  if (Array.isArray(actual)) return false;
  return sameScalar(expected, actual, type);
}

/**
 * Compares what `POST /_query` answered (status and parsed body) with the case's expected table; null
 * when they agree, else the first difference.
 */
export function compareAnswer(c: SpecCase, status: number, body: unknown): string | null {
  if (status !== 200) return `status ${status}: ${JSON.stringify((body as { error?: { reason?: string } } | undefined)?.error?.reason)}`;
  const result = body as { columns: { name: string; type: string }[]; values: unknown[][] };
  const names = result.columns.map((col) => `${col.name}:${canonicalType(col.type)}`).join(' | ');
  const expectedNames = c.columns.map((col) => `${col.name}:${col.type}`).join(' | ');
  if (names !== expectedNames) return `columns ${names} != ${expectedNames}`;
  if (result.values.length !== c.rows.length) return `${result.values.length} rows != ${c.rows.length}`;
  const matches = (exp: string[], act: unknown[]) => exp.length === act.length && exp.every((e, i) => sameCell(e, act[i], c.columns[i].type));
  if (!c.ignoreOrder) {
    for (const [i, row] of c.rows.entries()) {
      if (!matches(row, result.values[i])) return `row ${i}: ${JSON.stringify(result.values[i])} != ${JSON.stringify(row)}`;
    }
    return null;
  }
  const remaining = [...result.values];
  for (const row of c.rows) {
    const at = remaining.findIndex((r) => matches(row, r));
    if (at < 0) return `no row matches ${JSON.stringify(row)}`;
    remaining.splice(at, 1);
  }
  return null;
}
