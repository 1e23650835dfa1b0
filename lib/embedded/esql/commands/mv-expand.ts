/** MV_EXPAND: one row per value of a multi-valued column; the column keeps its place. */
import type { MvExpandNode } from '../ast';
import { unknownColumn } from '../errors';
import { cellValues } from '../table';
import type { EsqlCommand } from './command';

export const mvExpand: EsqlCommand<MvExpandNode> = {
  name: 'MV_EXPAND', syntax: 'MV_EXPAND column', doc: 'Expands a multi-valued column into one row per value.',
  columnsAfter: (_node, columns) => columns,
  validate: (node, columns) => (columns.some((c) => c.name === node.column.name) ? []
    : [unknownColumn(node.column.name, node.column.span.from, columns.map((c) => c.name))]),
  execute: (node, table) => {
    const at = table.columns.findIndex((c) => c.name === node.column.name);
    const rows = table.rows.flatMap((r) => {
      const values = cellValues(r[at]);
      return values.length <= 1 ? [r] : values.map((v) => r.map((cell, i) => (i === at ? v : cell)));
    });
    return { columns: table.columns, rows };
  },
};
