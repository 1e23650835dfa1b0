/**
 * SAMPLE: keeps each row independently with probability `p` (0 < p < 1), so the result is a random subset
 * of about `p` of the rows, in their order. The probability is a constant (a literal or a request
 * parameter); Elasticsearch checks it while parsing, and so does lower.ts through `sampleProbability`.
 */
import type { SampleNode } from '../ast';
import type { EsqlContext } from '../context';
import { parsing, type EsqlMessage } from '../errors';
import { paramFor } from '../params';
import type { EsqlType, Scalar } from '../table';
import type { EsqlCommand } from './command';

/** A constant with its ES|QL type, as a literal or a value parameter gives it. */
export interface Constant { value: Scalar | null; type: EsqlType }

/** Java's `toString` of the constant, as Elasticsearch prints it in the error (a whole double keeps its `.0`). */
const javaText = (c: Constant) => (c.type === 'double' && Number.isInteger(c.value) ? `${String(c.value)}.0` : String(c.value));

/** The probability, or Elasticsearch's parsing message when the constant is not a double strictly between 0 and 1. */
export function sampleProbability(c: Constant): number | string {
  if (c.type === 'double' && typeof c.value === 'number' && c.value > 0 && c.value < 1) return c.value;
  return `invalid value for SAMPLE probability [${javaText(c)}], expecting a number between 0 and 1, exclusive`;
}

/** The node's probability; a parameter left unresolved by lowering (no params given then) is resolved here. */
function probability(node: SampleNode, ctx: EsqlContext): number | EsqlMessage {
  if (typeof node.probability === 'number') return node.probability;
  const p = paramFor(node.probability, ctx.params);
  const name = node.probability.name;
  if (!p) return parsing(name !== null ? `Unknown query parameter [${name}]` : `No parameter is defined for position ${(node.probability.position ?? 0) + 1}`, node.probability.span.from);
  const checked = sampleProbability(p.kind === 'value' ? p : { value: p.kind === 'identifier' ? p.name : p.pattern, type: 'keyword' });
  return typeof checked === 'number' ? checked : parsing(checked, node.span.from);
}

export const sample: EsqlCommand<SampleNode> = {
  name: 'SAMPLE', syntax: 'SAMPLE probability', doc: 'Keeps each row with the given probability (between 0 and 1, exclusive).',
  columnsAfter: (_node, columns) => columns,
  validate: (node, _columns, ctx) => { const p = probability(node, ctx); return typeof p === 'number' ? [] : [p]; },
  execute: (node, table, ctx) => {
    const p = probability(node, ctx) as number;
    return { columns: table.columns, rows: table.rows.filter(() => Math.random() < p) };
  },
};
