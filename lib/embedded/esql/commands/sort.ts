/**
 * SORT: a stable multi-key sort. Nulls sort last ascending and first descending unless NULLS FIRST/LAST
 * says otherwise; a multi-value sorts by its smallest value ascending and its largest descending.
 */
import type { SortNode } from '../ast';
import type { EsqlMessage } from '../errors';
import { verification } from '../errors';
import { compareScalars, ExpressionCompiler } from '../expressions';
import { cellValues, type Cell, type Scalar } from '../table';
import type { EsqlCommand } from './command';

export const sort: EsqlCommand<SortNode> = {
  name: 'SORT', syntax: 'SORT column1 [ASC|DESC][NULLS FIRST|NULLS LAST][, ...]', doc: 'Sorts the rows.',
  columnsAfter: (_node, columns) => columns,
  validate: (node, columns, ctx) => {
    const errors: EsqlMessage[] = [];
    for (const o of node.orders) {
      const c = new ExpressionCompiler(columns, ctx, errors).compile(o.expr);
      if (c.type === 'date_period' || c.type === 'time_duration' || c.type === '_source') errors.push(verification(`cannot sort on ${c.type}`, o.span.from));
    }
    return errors;
  },
  execute: (node, table, ctx) => {
    const keys = node.orders.map((o) => ({ ...o, c: new ExpressionCompiler(table.columns, ctx, []).compile(o.expr) }));
    const sortKey = (cell: Cell, descending: boolean): Scalar | null => {
      const values = cellValues(cell);
      if (values.length === 0) return null;
      return values.reduce((best, v) => ((compareScalars(v, best, 'keyword') < 0) !== descending ? v : best));
    };
    const decorated = table.rows.map((row, index) => ({ row, index, keys: keys.map((k) => sortKey(k.c.eval(row), k.descending)) }));
    decorated.sort((a, b) => {
      for (const [i, k] of keys.entries()) {
        const x = a.keys[i], y = b.keys[i];
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === k.nullsFirst ? -1 : 1;
        }
        const c = compareScalars(x, y, k.c.type);
        if (c !== 0) return k.descending ? -c : c;
      }
      return a.index - b.index;
    });
    return { columns: table.columns, rows: decorated.map((d) => d.row) };
  },
};
