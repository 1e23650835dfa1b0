/**
 * DISSECT: splits a string by a pattern of `%{key}` fields and literal delimiters into new keyword
 * columns (`%{}` and `%{?name}` skip, `%{+name}` appends with the APPEND_SEPARATOR).
 */
import type { DissectNode } from '../ast';
import type { EsqlContext } from '../context';
import { verification, type EsqlMessage } from '../errors';
import { ExpressionCompiler } from '../expressions';
import { isStringType, type Cell, type Column, type Table } from '../table';
import { withColumns, type EsqlCommand } from './command';

interface Part { key: string | null; append: boolean; delimiter: string }

/** The pattern as keys, each followed by the delimiter that ends it; `lead` is the text before the first key. */
function parse(pattern: string): { lead: string; parts: Part[] } | null {
  const re = /%\{([^}]*)\}/g;
  const parts: Part[] = [];
  let last = 0, lead = '', m: RegExpExecArray | null;
  while ((m = re.exec(pattern))) {
    const text = pattern.slice(last, m.index);
    if (parts.length === 0) lead = text; else parts[parts.length - 1].delimiter = text;
    let key = m[1].replace(/->$/, '');
    const append = key.startsWith('+');
    if (append) key = key.slice(1);
    const skip = key === '' || key.startsWith('?');
    parts.push({ key: skip ? null : key, append, delimiter: '' });
    last = re.lastIndex;
  }
  if (parts.length === 0) return null;
  parts[parts.length - 1].delimiter = pattern.slice(last);
  return { lead, parts };
}

function keys(pattern: string): string[] {
  return [...new Set((parse(pattern)?.parts ?? []).flatMap((p) => (p.key ? [p.key] : [])))];
}

function split(text: string, lead: string, parts: Part[], separator: string): Map<string, string> | null {
  if (!text.startsWith(lead)) return null;
  let at = lead.length;
  const out = new Map<string, string>();
  for (const [i, p] of parts.entries()) {
    let end: number;
    if (p.delimiter === '') end = i === parts.length - 1 ? text.length : at;
    else { end = text.indexOf(p.delimiter, at); if (end < 0) return null; }
    const value = text.slice(at, end);
    if (p.key) out.set(p.key, p.append && out.has(p.key) ? `${out.get(p.key)}${separator}${value}` : value);
    at = end + p.delimiter.length;
    // repeated delimiters (padding) are skipped, as with the `->` modifier
    while (p.delimiter !== '' && i < parts.length - 1 && text.startsWith(p.delimiter, at) && p.delimiter.trim() === '') at += p.delimiter.length;
  }
  return out;
}

function columnsAfter(node: DissectNode, columns: Column[]): Column[] {
  return withColumns(columns, keys(node.pattern).map((name) => ({ name, type: 'keyword' as const })));
}

export const dissect: EsqlCommand<DissectNode> = {
  name: 'DISSECT', syntax: 'DISSECT input "pattern" [APPEND_SEPARATOR="<separator>"]', doc: 'Extracts structured fields from a string.',
  columnsAfter,
  validate: (node, columns, ctx: EsqlContext) => {
    const errors: EsqlMessage[] = [];
    const c = new ExpressionCompiler(columns, ctx, errors).compile(node.input);
    if (errors.length === 0 && !isStringType(c.type) && c.type !== 'null') errors.push(verification(`Dissect only supports KEYWORD or TEXT values, found expression [${ctx.query.slice(node.input.span.from, node.input.span.to)}] type [${c.type}]`, node.input.span.from));
    if (!parse(node.pattern)) errors.push(verification(`Invalid pattern for dissect: [${node.pattern}]`, node.span.from));
    return errors;
  },
  execute: (node, table: Table, ctx) => {
    const c = new ExpressionCompiler(table.columns, ctx, []).compile(node.input);
    const parsed = parse(node.pattern)!;
    const names = keys(node.pattern);
    const columns = columnsAfter(node, table.columns);
    const keepIdx = table.columns.map((col, i) => (names.includes(col.name) ? -1 : i)).filter((i) => i >= 0);
    const rows = table.rows.map((row) => {
      const v = c.eval(row);
      const m = typeof v === 'string' ? split(v, parsed.lead, parsed.parts, node.appendSeparator ?? '') : null;
      const added: Cell[] = names.map((n) => m?.get(n) ?? null);
      return [...keepIdx.map((i) => row[i]), ...added];
    });
    return { columns, rows };
  },
};
