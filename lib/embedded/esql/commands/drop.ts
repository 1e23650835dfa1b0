/** DROP: removes the columns matching any of the patterns. */
import type { DropNode, NamePattern } from '../ast';
import type { Column } from '../table';
import { matchesPattern, project, type EsqlCommand } from './command';
import { unmatched } from './keep';

const kept = (columns: Column[], patterns: NamePattern[]) =>
  columns.map((_, i) => i).filter((i) => !patterns.some((p) => matchesPattern(p.pattern, columns[i].name)));

export const drop: EsqlCommand<DropNode> = {
  name: 'DROP', syntax: 'DROP column1[, ..., columnN]', doc: 'Removes columns; `*` patterns allowed.',
  columnsAfter: (node, columns) => kept(columns, node.patterns).map((i) => columns[i]),
  validate: (node, columns) => {
    const problems = unmatched(columns, node.patterns);
    if (problems.length === 0 && kept(columns, node.patterns).length === 0 && node.patterns.some((p) => p.pattern === '*')) {
      return [{ type: 'verification_exception', text: 'Removing all fields is not allowed [DROP *]', offset: node.span.from }];
    }
    return problems;
  },
  execute: (node, table) => project(table, kept(table.columns, node.patterns)),
};
