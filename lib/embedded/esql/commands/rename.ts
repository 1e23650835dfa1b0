/** RENAME: renames columns in place, one clause after another; a column already named like the target goes away. */
import type { RenameNode } from '../ast';
import { unknownColumn, type EsqlMessage } from '../errors';
import type { Column } from '../table';
import type { EsqlCommand } from './command';

/** Applies the clauses; returns the resulting columns with, for each, the index of its source column. */
function apply(node: RenameNode, columns: Column[], errors: EsqlMessage[]): { columns: Column[]; sources: number[] } {
  let current = columns.map((c, i) => ({ column: c, source: i }));
  for (const { from, to } of node.renames) {
    const at = current.findIndex((c) => c.column.name === from.pattern);
    if (at < 0) {
      errors.push(unknownColumn(from.pattern, from.span.from, current.map((c) => c.column.name)));
      continue;
    }
    const renamed = { column: { name: to.pattern, type: current[at].column.type }, source: current[at].source };
    current = current.map((c, i) => (i === at ? renamed : c)).filter((c, i) => i === at || c.column.name !== to.pattern);
  }
  return { columns: current.map((c) => c.column), sources: current.map((c) => c.source) };
}

export const rename: EsqlCommand<RenameNode> = {
  name: 'RENAME', syntax: 'RENAME old1 AS new1[, ..., oldN AS newN]', doc: 'Renames columns.',
  columnsAfter: (node, columns) => apply(node, columns, []).columns,
  validate: (node, columns) => { const errors: EsqlMessage[] = []; apply(node, columns, errors); return errors; },
  execute: (node, table) => {
    const { columns, sources } = apply(node, table.columns, []);
    return { columns, rows: table.rows.map((r) => sources.map((i) => r[i])) };
  },
};
