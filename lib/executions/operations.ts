/**
 * `EXECUTION(e) | STATUS | CANCEL | RETRY | WAIT` (LANGUAGE.md §13.8): resolving `e` to a record and
 * each operation on it. Reads and conditional writes go to the store; what only the owner can do
 * (abort a run it holds, stop a group's branches, start the new execution of a RETRY) is asked of the
 * scheduler through `OperationsHost`.
 */
import { jsonToValue } from '../runtime';
import { HostError, type CallerContext, type ExecutionOp } from '../runtime/host';
import type { Json, Value } from '../runtime/values';
import type { SchedulerConfig } from './config';
import { handlerSpecs, hasHandlers, type Phase, type PipelineHandlers } from './pipeline';
import { isTerminal, type ExecutionRecord } from './record';
import type { RecordStore } from './record-store';
import { recordToValue } from './record-value';
import { cancelledError, ExecutionStop } from './stop';

/** A record this node holds right now, as far as an operation needs it. */
export interface HeldExecution {
  controller: AbortController;
  /** Resolves when the record is terminal. */
  terminal: Promise<void>;
}

/** A stored branch of a group's `pipeline` (§14.2). */
export interface StoredBranch {
  procedure_name: string;
  arguments: Json[];
}

/** The fields of a new record that its starter chooses (the rest follow from the caller, §13.12). */
export interface NewExecutionFields {
  trackName: string | null;
  procedureName: string | null;
  arguments: Json[] | null;
  pipeline: ExecutionRecord['pipeline'];
  retryOf: string | null;
}

/** What the scheduler does for the operations. */
export interface OperationsHost {
  records: RecordStore;
  config: Pick<SchedulerConfig, 'waitTimeoutSeconds' | 'pollMs'>;
  held(id: string): HeldExecution | undefined;
  /** Stops an execution: PENDING ones end at once, running ones are aborted. */
  stop(id: string, why: ExecutionStop): Promise<void>;
  /** Writes a procedure's PENDING record and runs it, then its pipeline, in the background. */
  launchCall(caller: CallerContext, fields: NewExecutionFields, args: Value[], handlers: PipelineHandlers, timeoutSeconds: number | null): Promise<ExecutionRecord>;
  /** Writes the PENDING records of a group and its branches and runs them, then its pipeline, in the background. */
  launchGroup(
    caller: CallerContext, fields: NewExecutionFields, branches: StoredBranch[], branchArgs: Value[][], handlers: PipelineHandlers,
    timeoutSeconds: number | null,
  ): Promise<ExecutionRecord>;
  /** Writes the PENDING record of a handler under the source's root and runs only that handler. */
  launchHandler(caller: CallerContext, fields: NewExecutionFields, rootId: string, args: Value[]): Promise<ExecutionRecord>;
}

/** What a RETRY keeps of the old record (§13.8): callee, stored arguments, pipeline and track name. */
const retryFields = (old: ExecutionRecord): NewExecutionFields => ({
  trackName: old.track_name, procedureName: old.procedure_name, arguments: old.arguments, pipeline: old.pipeline,
  retryOf: old.execution_id,
});

const handlersOf = (record: ExecutionRecord, phases: Phase[]): PipelineHandlers =>
  Object.fromEntries(phases.map((p) => [p, handlerSpecs(record.pipeline, p)]));

const cancelAnswer = (record: ExecutionRecord, cancelled: boolean): Value =>
  new Map<string, Value>([['execution_id', record.execution_id], ['status', record.status], ['cancelled', cancelled]]);

export class ExecutionOperations {
  constructor(private readonly host: OperationsHost) {}

  async operate(op: ExecutionOp, target: string, caller: CallerContext, waitTimeoutSeconds?: number): Promise<Value> {
    const record = await this.resolve(target);
    switch (op) {
      case 'STATUS':
        return recordToValue(record);
      case 'CANCEL':
        return this.cancel(record);
      case 'WAIT':
        return recordToValue(await this.wait(record, caller, waitTimeoutSeconds ?? this.host.config.waitTimeoutSeconds));
      case 'RETRY':
        return recordToValue(await this.retry(record, caller));
    }
  }

  /** An execution by id, else the most recent one with that track name (§13.8). */
  private async resolve(target: string): Promise<ExecutionRecord> {
    const { records } = this.host;
    const byId = await records.get(target);
    if (byId) return byId.record;
    const byTrack = await records.findByTrackName(target);
    // Read by id for the current state: a search may show an older version.
    if (byTrack) return (await records.get(byTrack.execution_id))?.record ?? byTrack;
    throw new HostError('not_found_error', 'UNKNOWN_EXECUTION', `no execution with id or track name '${target}'`);
  }

  private async cancel(target: ExecutionRecord): Promise<Value> {
    const { records } = this.host;
    const id = target.execution_id;
    let cancelledPending = false;
    const written = await records.update(id, (r) => {
      // `change` runs again after a conflict: only the attempt that is written decides.
      cancelledPending = r.status === 'PENDING';
      if (isTerminal(r.status)) return null;
      if (r.status === 'PENDING') {
        const now = new Date().toISOString();
        return {
          ...r, status: 'CANCELLED', cancel_requested: true, error: cancelledError(), completed_at: now,
          heartbeat_at: now, pipeline_done: !hasHandlers(r),
        };
      }
      return r.cancel_requested ? null : { ...r, cancel_requested: true };
    }, undefined, { searchable: true }); // its owner may be another process, which finds the request by searching
    if (cancelledPending) {
      // Held here and queued for a slot: stop waiting now (its owner elsewhere sees it at its next poll).
      this.host.held(id)?.controller.abort(new ExecutionStop('cancelled'));
      if (target.kind === 'parallel') await this.cancelBranches(id);
      return cancelAnswer(written?.record ?? target, true);
    }
    const current = (await records.get(id))?.record ?? target;
    if (isTerminal(current.status)) return cancelAnswer(current, false);
    // RUNNING: stop it here if we own it; an owner elsewhere notices at its next cancel poll.
    this.host.held(id)?.controller.abort(new ExecutionStop('cancelled'));
    const final = await this.untilTerminal(id, null);
    return cancelAnswer(final, final.status === 'CANCELLED');
  }

  private async cancelBranches(groupId: string): Promise<void> {
    const branches = await this.host.records.search({ bool: { filter: [{ term: { parent_id: groupId } }] } }, 1_000);
    // Together, so their writes share one request.
    await Promise.all(branches.map((branch) => this.host.stop(branch.execution_id, new ExecutionStop('cancelled'))));
  }

  private async wait(target: ExecutionRecord, caller: CallerContext, timeoutSeconds: number): Promise<ExecutionRecord> {
    if (!(typeof timeoutSeconds === 'number' && timeoutSeconds > 0 && Number.isFinite(timeoutSeconds))) {
      throw new HostError('validation_error', 'INVALID_ARGUMENT', `WAIT TIMEOUT must be a NUMBER > 0, got ${timeoutSeconds}`);
    }
    if (target.execution_id === caller.executionId) {
      throw new HostError('validation_error', 'INVALID_ARGUMENT', `execution '${target.execution_id}' cannot wait for itself`);
    }
    const final = await this.untilTerminal(target.execution_id, timeoutSeconds * 1000);
    if (!final) {
      throw new HostError('timeout_error', 'WAIT_TIMEOUT',
        `execution '${target.execution_id}' did not finish within ${timeoutSeconds} seconds`);
    }
    return final;
  }

  /** The record once terminal; null if `timeoutMs` passes first (never, when null). */
  private untilTerminal(id: string, timeoutMs: null): Promise<ExecutionRecord>;
  private untilTerminal(id: string, timeoutMs: number): Promise<ExecutionRecord | null>;
  private async untilTerminal(id: string, timeoutMs: number | null): Promise<ExecutionRecord | null> {
    const deadline = timeoutMs === null ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      const current = await this.host.records.get(id);
      if (!current) throw new HostError('not_found_error', 'UNKNOWN_EXECUTION', `no execution with id or track name '${id}'`);
      if (isTerminal(current.record.status)) return current.record;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const held = this.host.held(id);
      const pause = new Promise((resolve) => setTimeout(resolve, Math.min(this.host.config.pollMs, left)));
      await (held ? Promise.race([held.terminal, pause]) : pause);
    }
  }

  private async retry(old: ExecutionRecord, caller: CallerContext): Promise<ExecutionRecord> {
    if (old.status !== 'FAILED' && old.status !== 'CANCELLED') {
      throw new HostError('validation_error', 'INVALID_ARGUMENT',
        `cannot retry execution '${old.execution_id}': its status is ${old.status}; only FAILED or CANCELLED executions can be retried`);
    }
    if (old.kind === 'procedure' && old.pipeline === null) {
      throw new HostError('validation_error', 'INVALID_ARGUMENT',
        `cannot retry execution '${old.execution_id}': it is a branch of a PARALLEL group; retry the group`);
    }
    // The new execution keeps the old one's parent (§13.12) and belongs to the run that retried it.
    const parentCaller: CallerContext = { runId: caller.runId, executionId: old.parent_id };
    const timeout = (old.pipeline?.timeout_seconds ?? null) as number | null;
    const args = (old.arguments ?? []).map(jsonToValue);
    if (old.kind === 'continuation') {
      const source = (await this.host.records.get(old.parent_id ?? ''))?.record ?? old;
      return this.host.launchHandler(parentCaller, { ...retryFields(old), trackName: null }, source.root_id, args);
    }
    if (old.kind === 'procedure') {
      return this.host.launchCall(parentCaller, retryFields(old), args, handlersOf(old, ['on_done', 'on_fail', 'finally']), timeout);
    }
    const branches = (old.pipeline?.branches ?? []) as unknown as StoredBranch[];
    return this.host.launchGroup(parentCaller, retryFields(old), branches, branches.map((b) => b.arguments.map(jsonToValue)),
      handlersOf(old, ['on_all_done', 'on_any_fail', 'finally']), timeout);
  }
}
