/** LIMIT: keeps the first n rows. */
import type { LimitNode } from '../ast';
import type { EsqlContext } from '../context';
import { parsing, type EsqlMessage } from '../errors';
import { paramFor, type Param } from '../params';
import type { EsqlCommand } from './command';

/** The limit's value: the literal, or the parameter's value; null when the parameter is not a valid count. */
function count(node: LimitNode, ctx: EsqlContext): number | null {
  if (typeof node.count === 'number') return node.count;
  const p = paramFor(node.count, ctx.params);
  return p?.kind === 'value' && p.type === 'integer' && (p.value as number) >= 0 ? (p.value as number) : null;
}

/** Java's simple class name of a parameter's value, as Elasticsearch 9.1 names it in the LIMIT error. */
const JAVA_TYPES: Partial<Record<string, string>> = { keyword: 'String', integer: 'Integer', long: 'Long', double: 'Double', boolean: 'Boolean' };

/** Java's `toString` of the value (a whole double keeps its `.0`). */
const javaText = (p: Extract<Param, { kind: 'value' }>) =>
  p.type === 'double' && Number.isInteger(p.value) ? `${p.value}.0` : String(p.value);

/** Elasticsearch rejects a bad LIMIT while parsing (9.1 wording), before any column is checked. */
function invalid(node: LimitNode, ctx: EsqlContext): EsqlMessage {
  const expr = node.count as Exclude<LimitNode['count'], number>;
  const p = paramFor(expr, ctx.params);
  if (!p) return parsing(expr.name !== null ? `Unknown query parameter [${expr.name}]` : `No parameter is defined for position ${(expr.position ?? 0) + 1}`, expr.span.from);
  if (p.kind !== 'value') return parsing(`Invalid value for LIMIT [${p.kind === 'identifier' ? p.name : p.pattern}], expecting a non negative integer`, node.span.from);
  const text = p.type === 'integer'
    ? `Invalid value for LIMIT [${p.value}], expecting a non negative integer`
    : `Invalid value for LIMIT [${javaText(p)}: ${JAVA_TYPES[p.type] ?? 'Object'}], expecting a non negative integer`;
  return parsing(text, node.span.from);
}

export const limit: EsqlCommand<LimitNode> = {
  name: 'LIMIT', syntax: 'LIMIT max_number_of_rows', doc: 'Keeps the first rows.',
  columnsAfter: (_node, columns) => columns,
  validate: (node, _columns, ctx) => (count(node, ctx) !== null ? [] : [invalid(node, ctx)]),
  execute: (node, table, ctx) => ({ columns: table.columns, rows: table.rows.slice(0, count(node, ctx) ?? 0) }),
};
