/** WHERE: keeps the rows whose condition is true (null and false drop the row). */
import type { WhereNode } from '../ast';
import type { EsqlMessage } from '../errors';
import { verification } from '../errors';
import { ExpressionCompiler } from '../expressions';
import type { EsqlCommand } from './command';

export const where: EsqlCommand<WhereNode> = {
  name: 'WHERE', syntax: 'WHERE expression', doc: 'Keeps the rows for which the condition is true.',
  columnsAfter: (_node, columns) => columns,
  validate: (node, columns, ctx) => {
    const errors: EsqlMessage[] = [];
    const c = new ExpressionCompiler(columns, ctx, errors).compile(node.condition);
    if (errors.length === 0 && c.type !== 'boolean' && c.type !== 'null') {
      errors.push(verification(`Condition expression needs to be boolean, found [${c.type}]`, node.condition.span.from));
    }
    return errors;
  },
  execute: (node, table, ctx) => {
    const c = new ExpressionCompiler(table.columns, ctx, []).compile(node.condition);
    return { columns: table.columns, rows: table.rows.filter((r) => c.eval(r) === true) };
  },
};
