/**
 * The `pipeline` document of a record (LANGUAGE.md §14.2) and the order its handlers run in (§13.5):
 * the phase chain chosen by the source's terminal status, then the FINALLY chain.
 */
import { jsonToValue, valueToJson } from '../runtime';
import type { HandlerSpec } from '../runtime/host';
import type { Json } from '../runtime/values';
import type { ExecutionRecord } from './record';

export type Phase = 'on_done' | 'on_fail' | 'on_all_done' | 'on_any_fail' | 'finally';

const PHASES: readonly Phase[] = ['on_done', 'on_fail', 'on_all_done', 'on_any_fail', 'finally'];

/** The handlers of a pipeline by phase. */
export type PipelineHandlers = Partial<Record<Phase, HandlerSpec[]>>;

/** A handler as stored: `{"handler": name, "args": [A…]}` (§14.2). */
export interface StoredHandler {
  handler: string;
  args: ({ binding: 'result' | 'results' | 'error' | 'execution' } | { value: Json })[];
}

/** Handlers as the `pipeline` document stores them. */
export const handlersToJson = (handlers: HandlerSpec[]): Json =>
  handlers.map((h) => ({
    handler: h.handler,
    args: h.args.map((a) => ('binding' in a ? { binding: a.binding } : { value: valueToJson(a.value) })),
  })) as unknown as Json;

/** The stored handlers of one phase ([] when the record has none). */
export const storedHandlers = (pipeline: ExecutionRecord['pipeline'], phase: Phase): StoredHandler[] =>
  ((pipeline?.[phase] ?? []) as unknown as StoredHandler[]);

/** The stored handlers of one phase as specs; values come back from JSON (DATEs as strings, §18.18). */
export const handlerSpecs = (pipeline: ExecutionRecord['pipeline'], phase: Phase): HandlerSpec[] =>
  storedHandlers(pipeline, phase).map((h) => ({
    handler: h.handler,
    args: h.args.map((a) => ('binding' in a ? { binding: a.binding } : { value: jsonToValue(a.value) })),
  }));

/** Whether a record's pipeline has any handler (continuations and branches never do). */
export const hasHandlers = (record: ExecutionRecord): boolean =>
  record.kind !== 'continuation' && PHASES.some((p) => storedHandlers(record.pipeline, p).length > 0);

/**
 * The phase chain a terminal source runs before FINALLY (§13.5): ON_DONE / ON_ALL_DONE if it
 * COMPLETED, ON_FAIL / ON_ANY_FAIL if it FAILED, none if it was CANCELLED.
 */
export function phaseOf(record: ExecutionRecord): Phase | null {
  const group = record.kind === 'parallel';
  if (record.status === 'COMPLETED') return group ? 'on_all_done' : 'on_done';
  if (record.status === 'FAILED') return group ? 'on_any_fail' : 'on_fail';
  return null;
}
