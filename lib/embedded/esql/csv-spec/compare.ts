/**
 * Compares one csv-spec case's answer the way Elasticsearch's harness does: column names and types
 * exactly, values converted by column type, rows in order unless `ignoreOrder`, and the `Warning`
 * headers against the case's `warning:`/`warningRegex:` lines (the default-limit warning aside).
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
 * The warning texts of `Warning` headers (`299 Elasticsearch-9.1.0 "text"`, several per header separated
 * by commas). Texts keep their escapes (`\"`), as Elasticsearch's harness compares them with the cases.
 */
export function warningTexts(headers: string | string[] | undefined): string[] {
  const out: string[] = [];
  for (const header of [headers ?? []].flat()) {
    for (const m of header.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) out.push(m[1]);
  }
  return out;
}

/** Elasticsearch's harness ignores this warning: most cases have no LIMIT, and it is tested on its own. */
const DEFAULT_LIMIT_WARNING = 'No limit defined, adding default limit of [';

/**
 * Compares the response's `Warning` headers with the case's warnings: with `warning:` lines, the same set
 * of texts; with `warningRegex:` lines, each warning found by some regex (they allow, the harness does not
 * require each one to occur); with neither, no warning at all. Null when they agree.
 */
export function compareWarnings(c: SpecCase, headers: string | string[] | undefined): string | null {
  const actual = [...new Set(warningTexts(headers).filter((w) => !w.startsWith(DEFAULT_LIMIT_WARNING)))].sort();
  const exact = c.warnings.filter((w) => w.startsWith('warning:')).map((w) => w.slice('warning:'.length).trim());
  const regexes = c.warnings.filter((w) => w.startsWith('warningRegex:')).map((w) => new RegExp(w.slice('warningRegex:'.length).trim(), 's'));
  if (regexes.length > 0) {
    const unmatched = actual.filter((w) => !regexes.some((r) => r.test(w)) && !exact.includes(w));
    return unmatched.length === 0 ? null : `warnings ${JSON.stringify(unmatched)} match none of ${JSON.stringify(regexes.map((r) => r.source))}`;
  }
  const expected = [...new Set(exact)].sort();
  if (expected.length === actual.length && expected.every((w, i) => w === actual[i])) return null;
  const missing = expected.filter((w) => !actual.includes(w));
  const extra = actual.filter((w) => !expected.includes(w));
  return `warnings differ: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`;
}

/**
 * Compares what `POST /_query` answered (status, parsed body and the `Warning` header, as the client
 * received it) with the case's expected table and warnings; null when they agree, else the first difference.
 */
export function compareAnswer(c: SpecCase, status: number, body: unknown, warnings: string | string[] | undefined): string | null {
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
    return compareWarnings(c, warnings);
  }
  const remaining = [...result.values];
  for (const row of c.rows) {
    const at = remaining.findIndex((r) => matches(row, r));
    if (at < 0) return `no row matches ${JSON.stringify(row)}`;
    remaining.splice(at, 1);
  }
  return compareWarnings(c, warnings);
}
