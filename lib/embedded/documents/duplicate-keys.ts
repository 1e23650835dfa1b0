/**
 * Duplicate keys in a `_source`: Elasticsearch refuses `{"a": 1, "a": 2}` ("Duplicate field 'a'"), where
 * JSON.parse keeps the last value and SQLite's `json_extract` the first. Refusing them keeps every reading
 * of a stored document the same, which the field indexes rely on (storage/field-indexes.ts).
 *
 * Counting is cheap and finds no duplicate in nearly every document: the `":` in the text against the keys
 * JSON.parse gave. When no key is spaced from its colon, every key accounts for one `":` and anything else
 * (an escaped quote before a colon inside a string) only adds to the count, so equal counts mean no key
 * was repeated. Otherwise the text is walked key by key, to name the first repeated one and where it is.
 */

/** Where a repeated key ends: the key, and the 1-based line and column just after it. */
export interface DuplicateKey { key: string; line: number; column: number }

/** The first key repeated within one object of `text`, which JSON.parse read as `parsed`; undefined when none is. */
export function duplicateKey(text: string, parsed: unknown): DuplicateKey | undefined {
  const keys = keysIn(parsed);
  if (!SPACED_COLON.test(text) && quoteColons(text) === keys) return undefined;
  return keysInText(text) === keys ? undefined : firstRepeated(text);
}

/** A key spaced from its colon (or such text inside a string: then the exact count decides). */
const SPACED_COLON = /"[ \t\r\n]+:/;

/** How many times `":` occurs in the text. */
function quoteColons(text: string): number {
  let n = 0;
  for (let at = text.indexOf('":'); at !== -1; at = text.indexOf('":', at + 2)) n++;
  return n;
}

/** Keys of a parsed JSON value, nested ones included. */
function keysIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) n += keysIn(value[i]);
    return n;
  }
  const keys = Object.keys(value);
  n = keys.length;
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    if (typeof v === 'object' && v !== null) n += keysIn(v);
  }
  return n;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) === 92) i--;
  return (at - 1 - i) % 2 === 1;
}

/** The index of the quote closing the string opened at `open`. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** The index of the first character after `from` that is not JSON whitespace. */
function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  return i;
}

/** Keys in a valid JSON text: strings followed by a colon. */
function keysInText(text: string): number {
  let n = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    const end = closingQuote(text, open);
    const next = skipSpace(text, end + 1);
    if (text.charCodeAt(next) === 58) n++;
    open = text.indexOf('"', next);
  }
  return n;
}

/** The first repeated key of a valid JSON text, walking its objects with a set of keys each. */
function firstRepeated(text: string): DuplicateKey | undefined {
  const open: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') open.push(new Set());
    else if (c === '[') open.push(undefined);
    else if (c === '}' || c === ']') open.pop();
    else if (c === '"') {
      const end = closingQuote(text, i);
      const keys = open[open.length - 1];
      if (keys && text.charCodeAt(skipSpace(text, end + 1)) === 58) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return { key, ...lineColumn(text, end + 1) };
        keys.add(key);
      }
      i = end;
    }
  }
  return undefined;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
