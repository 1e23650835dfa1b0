import { readFileSync } from 'node:fs';
import { isScalar, parseAllDocuments, visit } from 'yaml';

/**
 * A YAML float whose value is whole (`2.0`, `1e3`). JavaScript has one number type, so without this the
 * runner would send `2` where the test wrote `2.0`, and Elasticsearch types the two differently (an ES|QL
 * parameter `2.0` is a double, `2` an integer). It compares and converts as its number, prints as a float.
 */
export class FloatLiteral {
  constructor(readonly value: number) {}
  valueOf(): number { return this.value; }
  toString(): string { return Number.isInteger(this.value) && Math.abs(this.value) < 1e21 ? this.value.toFixed(1) : String(this.value); }
}

/** JSON text of a parsed YAML value, writing each FloatLiteral as a float (`2.0`). */
export function toJsonText(value: unknown): string {
  if (value instanceof FloatLiteral) return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether a parsed YAML value contains a FloatLiteral anywhere (then it must be sent with `toJsonText`). */
export function hasFloatLiteral(value: unknown): boolean {
  if (value instanceof FloatLiteral) return true;
  if (Array.isArray(value)) return value.some(hasFloatLiteral);
  return value !== null && typeof value === 'object' && Object.values(value).some(hasFloatLiteral);
}

/**
 * Parses YAML streams (one file → its documents) for the conformance runners. The YAML 1.2 core schema
 * keeps timestamps as strings, as Elasticsearch's Java runner does; whole floats become FloatLiteral.
 */
export async function loadYamlDocuments(files: string[]): Promise<Map<string, unknown[]>> {
  return new Map(files.map((f) => [f, parseLeniently(readFileSync(f, 'utf8')).map((doc) => {
    visit(doc, {
      Scalar(_key, node) {
        if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && /[.eE]/.test(node.source ?? '')) {
          node.value = new FloatLiteral(node.value);
        }
      },
    });
    return doc.toJS() as unknown;
  })]));
}

/**
 * Parses a YAML stream; when that fails, retries with the continuation lines of multi-line flow collections
 * indented further. SnakeYAML (Elasticsearch's runner) accepts a flow mapping whose lines are no more
 * indented than its block parent (`- match: {a: {` then `    "k": 1`), which YAML 1.2 and this parser do
 * not; indentation inside flow content carries no meaning, so the retry only changes what fails to parse.
 */
function parseLeniently(text: string): ReturnType<typeof parseAllDocuments> {
  const docs = parseAllDocuments(text);
  if (docs.every((d) => d.errors.length === 0)) return docs;
  const retried = parseAllDocuments(indentFlowContinuations(text));
  return retried.every((d) => d.errors.length === 0) ? retried : docs;
}

/** Indents every line that continues an open `{`/`[` collection past the line that opened it. */
export function indentFlowContinuations(text: string): string {
  let depth = 0;
  let openerIndent = 0;
  return text.split('\n').map((line) => {
    const continuing = depth > 0;
    const out = continuing ? ' '.repeat(openerIndent + 8) + line.trimStart() : line;
    if (!continuing) openerIndent = line.length - line.trimStart().length;
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && depth > 0) depth--;
    }
    return out;
  }).join('\n');
}
