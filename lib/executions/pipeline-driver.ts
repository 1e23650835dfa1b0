/**
 * Runs the pipelines of terminal sources (LANGUAGE.md §13.5, §13.13): the phase chain, then the FINALLY
 * chain, one handler at a time, each handler run claimed by creating its record under a derived id. The
 * scheduler hands it the sources it finishes; the recovery sweep, through the scheduler, the ones no
 * node drives any more. Running a claimed handler is the scheduler's (`PipelineHost.runHandler`).
 */
import { jsonToValue, valueToJson } from '../runtime';
import type { HandlerSpec } from '../runtime/host';
import type { Value } from '../runtime/values';
import { handlerSpecs, phaseOf, type Phase, type PipelineHandlers } from './pipeline';
import { derivedId, isTerminal, newRecord, type ExecutionRecord } from './record';
import type { RecordStore, VersionedRecord } from './record-store';
import { recordToValue } from './record-value';
import type { RunTracker } from './run-tracker';
import type { SlotTicket, Slots } from './slots';

/** The run id under which recovered pipelines run: no front end waits for it. */
export const RECOVERY_RUN_ID = 'recovery';

const ALL_PHASES: Phase[] = ['on_done', 'on_fail', 'on_all_done', 'on_any_fail', 'finally'];

/** A terminal outcome, with the in-memory result (DATEs stay DATEs, §18.18). */
export interface Outcome {
  record: ExecutionRecord;
  result: Value;
  /** The stored version of `record` when known, so the `pipeline_done` write needs no read first. */
  known?: VersionedRecord;
}

/** What the driver needs of the scheduler. */
export interface PipelineHost {
  readonly records: RecordStore;
  readonly runs: RunTracker;
  readonly slots: Slots;
  /** This node's name, the owner of the handler records it creates. */
  readonly node: string;
  /** Runs a handler record this node has just created, in the slot it holds, to a terminal state. */
  runHandler(created: VersionedRecord, runId: string, ticket: SlotTicket, handler: string, args: Value[]): Promise<Outcome>;
  /** Logs a background failure. */
  report(what: string, error: unknown): void;
}

export class PipelineDriver {
  /** Sources whose pipelines this node is running right now. */
  private readonly driving = new Set<string>();
  /** Resumed pipelines still running (tests wait for them with `idle`). */
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly host: PipelineHost) {}

  /** Whether this node is running the pipeline of `id` right now. */
  isDriving(id: string): boolean {
    return this.driving.has(id);
  }

  /** Resolves once no resumed pipeline is running on this node. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /**
   * Runs a terminal source's pipeline from wherever it stands (§13.5, §13.13): the phase chain, then
   * the FINALLY chain, one handler at a time; a handler that does not complete ends its chain. Each
   * handler run is claimed by creating its record under a derived id, so a step another node already
   * created is never run again: a finished one is taken as it ended, an unfinished one belongs to its
   * creator (or to recovery), and this node stops. Marks the source `pipeline_done` at the end.
   */
  async drive(
    source: ExecutionRecord, runId: string, handlers: PipelineHandlers, result: Value, groupResults: Value[] | null,
    known?: VersionedRecord,
  ): Promise<void> {
    // Not terminal: the store failed; recovery will see to it.
    if (!isTerminal(source.status) || source.pipeline_done) return;
    const id = source.execution_id;
    const resumed = this.driving.has(id);
    this.driving.add(id);
    try {
      let current: Value = source.status === 'COMPLETED' || source.kind === 'parallel' ? result : null;
      const phase = phaseOf(source);
      const chains: [Phase, HandlerSpec[]][] = phase ? [[phase, handlers[phase] ?? []]] : [];
      chains.push(['finally', handlers.finally ?? []]);
      for (const [name, chain] of chains) {
        for (const [position, handler] of chain.entries()) {
          const args = await this.bindHandlerArguments(handler, source, current, groupResults);
          const step = await this.runStep(source, runId, name, position, handler.handler, args);
          if (step === 'taken') return;
          if (step.record.status !== 'COMPLETED') break;
          if (step.result !== null) current = step.result;
        }
      }
      // `known` is the source as its terminal write left it; a conflict (another node resuming) falls back to reading.
      await this.host.records.update(id, (r) => (r.pipeline_done ? null : { ...r, pipeline_done: true }), known);
    } catch (storeFailure) {
      // The pipeline stays pending (`pipeline_done` false); a later sweep resumes it.
      this.host.report(`pipeline of ${id}: store failure`, storeFailure);
    } finally {
      if (!resumed) this.driving.delete(id);
    }
  }

  /**
   * Continues, in the background, the pipeline of a terminal source that no node drives any more, with
   * the stored arguments (§13.13, §18.18). No claim is written on the source (a terminal record only
   * ever changes `pipeline_done`, §13.14.6): each handler run is claimed on its own by `runStep`, so
   * two nodes resuming the same pipeline at once still start every handler once.
   */
  resume(source: ExecutionRecord): void {
    const id = source.execution_id;
    if (this.driving.has(id)) return;
    this.driving.add(id);
    const work = (async () => {
      const current = await this.host.records.get(id);
      if (!current) return;
      const { record } = current;
      const handlers: PipelineHandlers = Object.fromEntries(ALL_PHASES.map((p) => [p, handlerSpecs(record.pipeline, p)]));
      const stored = jsonToValue(record.result);
      await this.drive(record, RECOVERY_RUN_ID, handlers, stored,
        record.kind === 'parallel' && Array.isArray(stored) ? stored : null, current);
    })()
      .catch((error) => this.host.report(`resuming the pipeline of ${id} failed`, error))
      .finally(() => {
        this.driving.delete(id);
        this.background.delete(work);
      });
    this.background.add(work);
  }

  /** A handler's arguments: values as captured, bindings filled in now (§13.4). */
  private async bindHandlerArguments(
    handler: HandlerSpec, source: ExecutionRecord, current: Value, groupResults: Value[] | null,
  ): Promise<Value[]> {
    const args: Value[] = [];
    for (const arg of handler.args) {
      if (!('binding' in arg)) args.push(arg.value);
      else if (arg.binding === 'result') args.push(current);
      else if (arg.binding === 'results') args.push(groupResults);
      else if (arg.binding === 'error') args.push(source.error?.message ?? null);
      else args.push(recordToValue((await this.host.records.get(source.execution_id))?.record ?? source));
    }
    return args;
  }

  /**
   * One handler run of a pipeline: waits for a slot, then claims the run by creating its record
   * (PENDING, just before it starts, §13.5) and runs it. `taken` when the record exists and is not
   * terminal: someone else runs that handler.
   */
  private async runStep(
    source: ExecutionRecord, runId: string, phase: Phase, position: number, handler: string, args: Value[],
  ): Promise<Outcome | 'taken'> {
    const { records, slots, runs } = this.host;
    const ticket = slots.reserve();
    await ticket.ready;
    const id = derivedId(source.execution_id, phase, position);
    let created: VersionedRecord | null;
    try {
      created = await records.createIfAbsent(newRecord({
        id, kind: 'continuation', trackName: null, procedureName: handler, arguments: args.map(valueToJson),
        parentId: source.execution_id, parentRootId: source.root_id, retryOf: null, pipeline: { phase, position },
        node: this.host.node, now: new Date(),
      }));
    } catch (error) {
      ticket.release();
      throw error;
    }
    if (!created) {
      ticket.release();
      const existing = (await records.get(id))?.record;
      if (!existing || !isTerminal(existing.status)) return 'taken';
      return { record: existing, result: existing.status === 'COMPLETED' ? jsonToValue(existing.result) : null };
    }
    runs.add(runId, id);
    const outcome = await this.host.runHandler(created, runId, ticket, handler, args);
    runs.finish(runId, id);
    return outcome;
  }
}
