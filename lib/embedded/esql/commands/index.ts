/**
 * The registry of ES|QL commands by AST kind. The planner and the validator both loop over the query's
 * commands through this table; a command absent from it is reported as unsupported, never run wrongly.
 */
import type { Command } from '../ast';
import type { EsqlCommand } from './command';
import { drop } from './drop';
import { evalCommand } from './eval';
import { from } from './from';
import { keep } from './keep';
import { limit } from './limit';
import { mvExpand } from './mv-expand';
import { rename } from './rename';
import { row } from './row';
import { showInfo } from './show-info';
import { sort } from './sort';
import { stats } from './stats';
import { where } from './where';
import { dissect } from './dissect';
import { grok } from './grok';
import { sample } from './sample';
import { unsupported } from './unsupported';

type Registry = { [K in Command['kind']]?: EsqlCommand<Extract<Command, { kind: K }>> };

/** Commands by kind. */
export const COMMANDS: Registry = {
  FROM: from, ROW: row, SHOW_INFO: showInfo, WHERE: where, EVAL: evalCommand, KEEP: keep, DROP: drop, RENAME: rename, SORT: sort,
  LIMIT: limit, STATS: stats, MV_EXPAND: mvExpand, DISSECT: dissect, GROK: grok, SAMPLE: sample, UNSUPPORTED: unsupported,
};

/** The module of a command node (typed loosely: the caller pairs each node with its own module). */
export function commandFor(node: Command): EsqlCommand<Command> | undefined {
  return COMMANDS[node.kind] as EsqlCommand<Command> | undefined;
}
