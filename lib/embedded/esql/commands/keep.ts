/**
 * KEEP: keeps the listed columns in the listed order. A column matched by several patterns belongs to
 * the most specific one (exact name, then partial wildcard, then `*`); among equals the rightmost wins.
 */
import type { KeepNode, NamePattern } from '../ast';
import { unknownColumn, verification, type EsqlMessage } from '../errors';
import type { Column } from '../table';
import { matchesPattern, project, type EsqlCommand } from './command';

const specificity = (p: string) => (p === '*' ? 1 : p.includes('*') ? 2 : 3);

/** Indices of the kept columns, in output order. */
function pick(columns: Column[], patterns: NamePattern[]): number[] {
  const owner = columns.map((c) => {
    let best = -1;
    patterns.forEach((p, i) => {
      if (matchesPattern(p.pattern, c.name) && (best < 0 || specificity(p.pattern) >= specificity(patterns[best].pattern))) best = i;
    });
    return best;
  });
  return patterns.flatMap((_, i) => columns.map((_c, k) => k).filter((k) => owner[k] === i));
}

/** Problems for patterns that match no column (shared with DROP). */
export function unmatched(columns: Column[], patterns: NamePattern[]): EsqlMessage[] {
  return patterns.filter((p) => p.pattern !== '*' && !columns.some((c) => matchesPattern(p.pattern, c.name))).map((p) =>
    p.pattern.includes('*') ? verification(`No matches found for pattern [${p.pattern}]`, p.span.from)
      : unknownColumn(p.pattern, p.span.from, columns.map((c) => c.name)));
}

export const keep: EsqlCommand<KeepNode> = {
  name: 'KEEP', syntax: 'KEEP column1[, ..., columnN]', doc: 'Keeps the listed columns, in that order; `*` patterns allowed.',
  columnsAfter: (node, columns) => pick(columns, node.patterns).map((i) => columns[i]),
  validate: (node, columns) => unmatched(columns, node.patterns),
  execute: (node, table) => project(table, pick(table.columns, node.patterns)),
};
