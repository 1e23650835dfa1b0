/**
 * The contract of one ES|QL command module (STYLE.md R16): how it changes the columns, what it
 * reports as problems, and how it turns a table into the next one.
 */
import type { Command } from '../ast';
import type { EsqlContext } from '../context';
import type { EsqlMessage } from '../errors';
import type { Column, Table } from '../table';

/** One command: `columnsAfter` and `validate` run before anything executes; `execute` only on valid queries. */
export interface EsqlCommand<N extends Command> {
  name: N['kind'];
  syntax: string;
  doc: string;
  columnsAfter: (node: N, columns: Column[], ctx: EsqlContext) => Column[];
  validate: (node: N, columns: Column[], ctx: EsqlContext) => EsqlMessage[];
  execute: (node: N, table: Table, ctx: EsqlContext) => Table;
}

/** Whether `name` matches a column pattern where `*` stands for any run of characters. */
export function matchesPattern(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(name);
}

/** Replaces or appends columns by name: a new column with an existing name moves to the end. */
export function withColumns(columns: Column[], added: Column[]): Column[] {
  const names = new Set(added.map((c) => c.name));
  return [...columns.filter((c) => !names.has(c.name)), ...added];
}

/** Keeps, in order, the row cells at `indices`. */
export function project(table: Table, indices: number[]): Table {
  return { columns: indices.map((i) => table.columns[i]), rows: table.rows.map((r) => indices.map((i) => r[i])) };
}
