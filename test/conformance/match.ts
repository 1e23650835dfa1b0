/**
 * The matching rules of shared/conformance/lang/README.md: exact JSON equality below the written
 * keys, numbers by value, and the placeholders `$any`, `$id` and `$date`.
 */

const ID = /^exec-[0-9a-f]{16}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Deep equality of `actual` against `expected`, with placeholders in `expected`. Returns a mismatch path or null. */
export function mismatch(expected: unknown, actual: unknown, path = '$'): string | null {
  if (expected === '$any') return null;
  if (expected === '$id') return typeof actual === 'string' && ID.test(actual) ? null : `${path}: expected an execution id, got ${JSON.stringify(actual)}`;
  if (expected === '$date') return typeof actual === 'string' && ISO_DATE.test(actual) ? null : `${path}: expected an ISO date, got ${JSON.stringify(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} elements, got ${actual.length}: ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const ek = Object.keys(e).sort();
    const ak = Object.keys(a).sort();
    if (ek.join('\u0000') !== ak.join('\u0000')) return `${path}: expected keys ${JSON.stringify(ek)}, got ${JSON.stringify(ak)}`;
    for (const k of ek) {
      const m = mismatch(e[k], a[k], `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(expected, actual) || (typeof expected === 'number' && expected === actual)
    ? null
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Like `mismatch`, but only the keys written in `expected` are compared (events, their `error` objects). */
export function partialMismatch(expected: Record<string, unknown>, actual: Record<string, unknown>, path = '$'): string | null {
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in actual)) return `${path}.${key}: missing`;
    const m = key === 'error' && value && typeof value === 'object' && !Array.isArray(value)
      ? partialMismatch(value as Record<string, unknown>, (actual[key] ?? {}) as Record<string, unknown>, `${path}.${key}`)
      : mismatch(value, actual[key], `${path}.${key}`);
    if (m) return m;
  }
  return null;
}

/**
 * Matches expected executions to actual ones as a multiset (each actual used once).
 * Returns a description of the first expected execution that has no partner, or null.
 */
export function multisetMismatch(expected: Record<string, unknown>[], actual: Record<string, unknown>[]): string | null {
  if (expected.length !== actual.length) {
    return `expected ${expected.length} executions, got ${actual.length}: ${JSON.stringify(actual)}`;
  }
  const used = new Array<boolean>(actual.length).fill(false);
  const assign = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used[j] || partialMismatch(expected[i], actual[j])) continue;
      used[j] = true;
      if (assign(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  if (assign(0)) return null;
  const unmatched = expected.find((e) => actual.every((a) => partialMismatch(e, a)));
  return `no execution matches ${JSON.stringify(unmatched ?? expected)}; got ${JSON.stringify(actual)}`;
}
