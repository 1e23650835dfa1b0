/**
 * Elasticsearch commands the embedded engine does not run (ENRICH, LOOKUP JOIN, FORK, TS, …). The grammar
 * parses them loosely so that the answer is a `verification_exception` naming the command, never a syntax
 * error that suggests the query is wrong, and never a result computed without the command.
 */
import type { UnsupportedNode } from '../ast';
import { verification } from '../errors';
import type { EsqlCommand } from './command';

/** The refusal of `command` at `offset`. */
export const unsupportedCommand = (command: string, offset: number) =>
  verification(`Unsupported command [${command}]: the embedded engine does not implement it`, offset);

export const unsupported: EsqlCommand<UnsupportedNode> = {
  name: 'UNSUPPORTED', syntax: '', doc: 'An Elasticsearch command the embedded engine refuses by name.',
  columnsAfter: (_node, columns) => columns,
  validate: (node) => [unsupportedCommand(node.command, node.span.from)],
  execute: (node) => { throw new Error(`bug: the unsupported command ${node.command} passed validation`); },
};
