/** Word runs as Elasticsearch's standard tokenizer roughly sees them (letters and digits, inner `'` `.` `_` kept). */
const WORD = /[\p{L}\p{N}]+(?:['’_.][\p{L}\p{N}]+)*/gu;

/** The lower-cased tokens of a `text` value (the standard analyzer, approximately). */
export function analyze(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(WORD), (m) => m[0]);
}
