/** EVAL: adds (or replaces) columns computed from expressions, left to right. */
import type { EvalNode, FieldNode } from '../ast';
import type { EsqlContext } from '../context';
import type { EsqlMessage } from '../errors';
import { ExpressionCompiler } from '../expressions';
import type { Cell, Column, Table } from '../table';
import { withColumns, type EsqlCommand } from './command';

/** Compiles the fields in order; each one sees the columns the previous ones produced. */
function plan(fields: FieldNode[], columns: Column[], ctx: EsqlContext, errors: EsqlMessage[]) {
  let current = columns;
  const steps: { columns: Column[]; eval: (row: Cell[]) => Cell; name: string }[] = [];
  for (const f of fields) {
    const c = new ExpressionCompiler(current, ctx, errors).compile(f.expr);
    steps.push({ columns: current, eval: c.eval, name: f.name });
    current = withColumns(current, [{ name: f.name, type: c.type }]);
  }
  return { columns: current, steps };
}

/** Appends computed cells to each row, dropping the cells of replaced columns. */
function run(fields: FieldNode[], table: Table, ctx: EsqlContext): Table {
  const { columns, steps } = plan(fields, table.columns, ctx, []);
  const rows = table.rows.map((row) => {
    let r = row;
    for (const step of steps) {
      const value = step.eval(r);
      const at = step.columns.findIndex((c) => c.name === step.name);
      r = at < 0 ? [...r, value] : [...r.slice(0, at), ...r.slice(at + 1), value];
    }
    return r;
  });
  return { columns, rows };
}

export const evalCommand: EsqlCommand<EvalNode> = {
  name: 'EVAL', syntax: 'EVAL [column1 =] value1[, ..., [columnN =] valueN]', doc: 'Appends columns with calculated values.',
  columnsAfter: (node, columns, ctx) => plan(node.fields, columns, ctx, []).columns,
  validate: (node, columns, ctx) => { const errors: EsqlMessage[] = []; plan(node.fields, columns, ctx, errors); return errors; },
  execute: (node, table, ctx) => run(node.fields, table, ctx),
};

export { run as evalFields, plan as planFields };
