/**
 * JSON parsing that hands each number to the caller as it is written: ES|QL's request parameters tell
 * `2.0` from `2` (esql/params.ts), and keyword fields index a number's text (`-3.90`), not its value
 * (ES|QL's FROM, queries and sorts). JSON.parse keeps neither.
 */

// Sticky: each matches at `lastIndex` only, so no token slices the rest of the text.
const SPACE = /\s*/y;
const STRING = /"(?:[^"\\]|\\.)*"/sy;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Parses a JSON text like `JSON.parse`, except that each number is what `number` makes of its text.
 * Throws `SyntaxError` on malformed text (callers parse with `JSON.parse` first, for its messages).
 */
export function parseJsonNumbers(text: string, number: (text: string) => unknown): unknown {
  let at = 0;
  const space = () => { SPACE.lastIndex = at; SPACE.test(text); at = SPACE.lastIndex; };
  const fail = (): never => { throw new SyntaxError(`Unexpected token at position ${at}`); };
  const token = (pattern: RegExp): string => {
    pattern.lastIndex = at;
    const m = pattern.exec(text) ?? fail();
    at = pattern.lastIndex;
    return m[0];
  };
  const value = (): unknown => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const out: Record<string, unknown> = {};
      space();
      if (text[at] === '}') { at++; return out; }
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        const key = JSON.parse(token(STRING)) as string;
        space();
        if (text[at++] !== ':') fail();
        out[key] = value();
        space();
        const sep = text[at++];
        if (sep === '}') return out;
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      at++;
      const out: unknown[] = [];
      space();
      if (text[at] === ']') { at++; return out; }
      for (;;) {
        out.push(value());
        space();
        const sep = text[at++];
        if (sep === ']') return out;
        if (sep !== ',') fail();
      }
    }
    if (c === '"') return JSON.parse(token(STRING)) as string;
    const literal = token(LITERAL);
    return literal === 'true' ? true : literal === 'false' ? false : literal === 'null' ? null : number(literal);
  };
  const result = value();
  space();
  if (at !== text.length) fail();
  return result;
}

/** A number of a `_source` as it is written there. */
class WrittenNumber {
  constructor(readonly text: string) {}
}

/** The last `_source` text read with its numbers as written: a document's fields share it. */
let lastWritten: { text: string; value: unknown } | undefined;

/**
 * What `read` gives of the document `sourceText` with each number as the text it is written as there
 * (`-3.90`, `1e3`): keyword fields index that text, not the number's value (Elasticsearch takes the JSON
 * token's text), so this is how their values read when `read`'s answer for the parsed document holds a number.
 */
export function withWrittenNumbers(sourceText: string, read: (source: unknown) => unknown[]): unknown[] {
  if (lastWritten?.text !== sourceText) {
    lastWritten = { text: sourceText, value: parseJsonNumbers(sourceText, (text) => new WrittenNumber(text)) };
  }
  return read(lastWritten.value).map((v) => (v instanceof WrittenNumber ? v.text : v));
}

/** Whether a mapping type indexes a number of `_source` as its written text. */
export const indexesWrittenNumbers = (type: string | undefined): boolean => type === 'keyword' || type === 'wildcard';
