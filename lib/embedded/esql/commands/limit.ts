/** LIMIT: keeps the first n rows. */
import type { LimitNode } from '../ast';
import type { EsqlContext } from '../context';
import { verification } from '../errors';
import type { EsqlCommand } from './command';

/** The limit's value: the literal, or the parameter's value; null when the parameter is not a valid count. */
function count(node: LimitNode, ctx: EsqlContext): number | null {
  if (typeof node.count === 'number') return node.count;
  const p = node.count;
  const value = p.name !== null ? ctx.params.named.get(p.name) : ctx.params.positional[p.position ?? -1];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

export const limit: EsqlCommand<LimitNode> = {
  name: 'LIMIT', syntax: 'LIMIT max_number_of_rows', doc: 'Keeps the first rows.',
  columnsAfter: (_node, columns) => columns,
  validate: (node, _columns, ctx) => {
    if (count(node, ctx) !== null) return [];
    const p = typeof node.count === 'number' ? null : node.count;
    const value = p && (p.name !== null ? ctx.params.named.get(p.name) : ctx.params.positional[p.position ?? -1]);
    return [verification(`value of [${ctx.query.slice(node.span.from, node.span.to)}] must be a non-negative integer, found value [${p ? ctx.query.slice(p.span.from, p.span.to) : ''}] type [${value === null || value === undefined ? 'null' : typeof value === 'number' ? 'double' : 'keyword'}]`, node.span.from)];
  },
  execute: (node, table, ctx) => ({ columns: table.columns, rows: table.rows.slice(0, count(node, ctx) ?? 0) }),
};
