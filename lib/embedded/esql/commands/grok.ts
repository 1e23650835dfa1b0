/**
 * GROK: matches a string against a grok expression and adds one column per named capture (sorted by
 * name, replacing columns of the same name). Captures are keywords unless typed (`%{NUMBER:n:int}`); a
 * name captured several times, or a multi-valued input, gives a multi-value; no match gives nulls.
 * The expression itself is checked while lowering (lower.ts), as Elasticsearch checks it while parsing.
 */
import type { GrokNode } from '../ast';
import type { EsqlContext } from '../context';
import { verification, type EsqlMessage } from '../errors';
import { ExpressionCompiler } from '../expressions';
import { compileGrok, grokColumns, type GrokType } from '../grok/compile';
import { cellValues, isStringType, toCell, type Cell, type Column, type Scalar, type Table } from '../table';
import { withColumns, type EsqlCommand } from './command';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_LIMIT = 2n ** 63n;

/** A captured text Java's number parsing refuses; reported as Elasticsearch's JVM would word it. */
class CaptureConversionFailure extends Error {}

const notANumber = (text: string) => new CaptureConversionFailure(`java.lang.NumberFormatException: For input string: "${text}"`);

/** Converts a captured text the way the capture's type asks (Java's parseInt/parseLong/parseFloat/parseDouble/parseBoolean). */
function convert(text: string, type: GrokType): Scalar {
  switch (type) {
    case 'keyword': return text;
    case 'boolean': return text.toLowerCase() === 'true';
    case 'integer': case 'long': {
      if (!/^[+-]?[0-9]+$/.test(text)) throw notANumber(text);
      const n = BigInt(text);
      const fits = type === 'integer' ? n >= BigInt(INT_MIN) && n <= BigInt(INT_MAX) : n >= -LONG_LIMIT && n < LONG_LIMIT;
      if (!fits) throw notANumber(text);
      return Number(n);
    }
    case 'float': case 'double': {
      const trimmed = text.trim();
      if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?$/.test(trimmed)) throw notANumber(text);
      const value = Number.parseFloat(trimmed);
      // a float capture is read as a 32-bit float, then widened to double
      return type === 'float' ? Math.fround(value) : value;
    }
  }
}

/** The values each column gets from one input string (empty lists where nothing matched). */
function extract(text: string, grok: ReturnType<typeof compileGrok>, onFailure: (message: string) => void): Map<string, Scalar[]> {
  const out = new Map<string, Scalar[]>();
  const m = grok.regex.exec(text);
  if (!m) return out;
  for (const c of grok.captures) {
    const captured = m[c.group];
    if (captured === undefined) continue;
    let value: Scalar;
    try { value = convert(captured, c.type); } catch (e) {
      if (!(e instanceof CaptureConversionFailure)) throw e;
      onFailure(e.message);
      continue;
    }
    const list = out.get(c.name);
    if (list) list.push(value); else out.set(c.name, [value]);
  }
  return out;
}

function columnsAfter(node: GrokNode, columns: Column[]): Column[] {
  return withColumns(columns, grokColumns(compileGrok(node.patterns)));
}

export const grok: EsqlCommand<GrokNode> = {
  name: 'GROK', syntax: 'GROK input "pattern"[, "pattern2", ...]', doc: 'Extracts structured fields from a string with the first grok pattern that matches.',
  columnsAfter,
  validate: (node, columns, ctx: EsqlContext) => {
    const errors: EsqlMessage[] = [];
    const c = new ExpressionCompiler(columns, ctx, errors).compile(node.input);
    if (errors.length === 0 && !isStringType(c.type) && c.type !== 'null') {
      errors.push(verification(`Grok only supports KEYWORD or TEXT values, found expression [${ctx.query.slice(node.input.span.from, node.input.span.to)}] type [${c.type}]`, node.input.span.from));
    }
    return errors;
  },
  execute: (node, table: Table, ctx) => {
    const input = new ExpressionCompiler(table.columns, ctx, []).compile(node.input);
    const compiled = compileGrok(node.patterns);
    const added = grokColumns(compiled);
    const addedNames = new Set(added.map((c) => c.name));
    const kept = table.columns.flatMap((col, i) => (addedNames.has(col.name) ? [] : [i]));
    const onFailure = (message: string) => ctx.warnings.failure(node.span, message);
    const rows = table.rows.map((row) => {
      const values = new Map<string, Scalar[]>();
      // each value of a multi-valued input is matched on its own; what they capture adds up
      for (const text of cellValues(input.eval(row))) {
        for (const [name, list] of extract(String(text), compiled, onFailure)) values.set(name, [...(values.get(name) ?? []), ...list]);
      }
      const cells: Cell[] = added.map((c) => toCell(values.get(c.name) ?? []));
      return [...kept.map((i) => row[i]), ...cells];
    });
    return { columns: columnsAfter(node, table.columns), rows };
  },
};
