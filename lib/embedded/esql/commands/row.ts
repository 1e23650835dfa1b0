/** ROW: a one-row table of literal (or parameter) columns. */
import type { RowNode } from '../ast';
import type { EsqlMessage } from '../errors';
import { planFields, evalFields } from './eval';
import type { EsqlCommand } from './command';

export const row: EsqlCommand<RowNode> = {
  name: 'ROW', syntax: 'ROW column1 = value1[, ..., columnN = valueN]', doc: 'Produces one row with the given columns.',
  columnsAfter: (node, _columns, ctx) => planFields(node.fields, [], ctx, []).columns,
  validate: (node, _columns, ctx) => { const errors: EsqlMessage[] = []; planFields(node.fields, [], ctx, errors); return errors; },
  execute: (node, _table, ctx) => evalFields(node.fields, { columns: [], rows: [[]] }, ctx),
};
