/**
 * The execution scheduler (LANGUAGE.md §13): it writes records, runs executions in the background of
 * this Node process, runs their pipelines, and serves EXECUTION operations. It implements the
 * runtime's `AsyncHost`. The index is the truth; the in-memory `live` map only tracks what this node
 * owns and is running right now (ARCHITECTURE.md decision 4).
 */
import type { Client } from '@elastic/elasticsearch';
import { invokeStoredRoutine, jsonToValue, valueToJson } from '../runtime';
import {
  HostError, type AsyncCallSpec, type AsyncHost, type CallerContext, type ExecutionOp, type HandlerSpec,
  type ParallelSpec,
} from '../runtime/host';
import { DateValue, type Json, type Value } from '../runtime/values';
import {
  appendOutput, isTerminal, newRecord, RECORD_DATE_FIELDS, type ExecutionKind, type ExecutionRecord,
  type ExecutionStatus, type RecordError,
} from './record';
import { RecordStore } from './record-store';
import { RunTracker } from './run-tracker';
import { cancelledError, ExecutionStop, stopError } from './stop';

export type PrintLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Tuning numbers of the scheduler (§13.8, §13.13). */
export const SCHEDULER_DEFAULTS = {
  /** Owners refresh `heartbeat_at` (and look for remote CANCEL requests) this often. */
  heartbeatMs: 5_000,
  /** WAIT and CANCEL on executions owned elsewhere poll the record this often (§13.8: within 500 ms). */
  pollMs: 200,
  /** WAIT's default timeout (§13.8). */
  waitTimeoutSeconds: 60,
} as const;

export interface SchedulerListener {
  /** A PRINT line of a background execution started (transitively) by run `runId`. */
  print?(runId: string, executionId: string, text: string, level: PrintLevel): void;
  /** An execution of run `runId` reached a terminal status. */
  terminal?(runId: string, record: ExecutionRecord): void;
}

export interface SchedulerOptions {
  client: Client;
  /** This node's name (§1 Nodes). */
  node: string;
  listener?: SchedulerListener;
}

/** What this node is running right now. */
interface LiveExecution {
  record: ExecutionRecord;
  runId: string;
  controller: AbortController;
  /** Resolves when the record is terminal. */
  terminal: Promise<void>;
}

/** A terminal outcome, with the in-memory result (DATEs stay DATEs, §18.18). */
interface Outcome {
  record: ExecutionRecord;
  result: Value;
}

type Phase = 'on_done' | 'on_fail' | 'on_all_done' | 'on_any_fail' | 'finally';

interface StoredHandler {
  handler: string;
  args: ({ binding: 'result' | 'results' | 'error' | 'execution' } | { value: Json })[];
}

const handlersToJson = (handlers: HandlerSpec[]): StoredHandler[] =>
  handlers.map((h) => ({
    handler: h.handler,
    args: h.args.map((a) => ('binding' in a ? { binding: a.binding } : { value: valueToJson(a.value) })),
  }));

const storedHandlers = (pipeline: ExecutionRecord['pipeline'], phase: Phase): StoredHandler[] =>
  ((pipeline?.[phase] ?? []) as unknown as StoredHandler[]);

/** A stored record as a script value: a DOCUMENT whose date fields are DATEs (§17.46). */
export function recordToValue(record: ExecutionRecord): Value {
  const value = jsonToValue(record as unknown as Json) as Map<string, Value>;
  for (const field of RECORD_DATE_FIELDS) {
    const text = record[field];
    if (typeof text === 'string') value.set(field, new DateValue(Date.parse(text)));
  }
  return value;
}

/** The §14.1 error object of a failure thrown by a run. */
function errorOf(error: unknown): RecordError {
  if (error instanceof ExecutionStop) return stopError(error);
  const e = error as { type?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.type === 'string' && typeof e.code === 'string' && typeof e.message === 'string') {
    return { type: e.type, message: e.message, code: e.code };
  }
  return { type: 'error', message: `internal error: ${String((e as Error)?.message ?? error)}`, code: 'INTERNAL' };
}

export class Scheduler implements AsyncHost {
  readonly records: RecordStore;
  readonly runs = new RunTracker();
  private readonly live = new Map<string, LiveExecution>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: SchedulerOptions) {
    this.records = new RecordStore(options.client);
    this.heartbeat = setInterval(() => void this.beat(), SCHEDULER_DEFAULTS.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat. Running executions are left as they are (recovery handles them, §13.13). */
  close(): void {
    clearInterval(this.heartbeat);
  }

  // ---------------------------------------------------------------------------------------------
  // Starting (§13.2, §13.6)

  async startCall(spec: AsyncCallSpec, caller: CallerContext): Promise<Value> {
    const record = await this.createRecord(caller, {
      kind: 'procedure',
      trackName: spec.trackName,
      procedureName: spec.procedure,
      arguments: spec.arguments.map(valueToJson),
      pipeline: {
        on_done: handlersToJson(spec.onDone) as unknown as Json,
        on_fail: handlersToJson(spec.onFail) as unknown as Json,
        finally: handlersToJson(spec.finally) as unknown as Json,
        timeout_seconds: spec.timeoutSeconds,
      },
    });
    const handlers = { onDone: spec.onDone, onFail: spec.onFail, finally: spec.finally };
    setImmediate(() => void this.runSource(record, caller.runId, spec.arguments, handlers, spec.timeoutSeconds));
    return recordToValue(record);
  }

  async startParallel(spec: ParallelSpec, caller: CallerContext): Promise<Value> {
    const group = await this.createRecord(caller, {
      kind: 'parallel',
      trackName: spec.trackName,
      procedureName: null,
      arguments: null,
      pipeline: {
        branches: spec.branches.map((b) => ({ procedure_name: b.procedure, arguments: b.arguments.map(valueToJson) })),
        on_all_done: handlersToJson(spec.onAllDone) as unknown as Json,
        on_any_fail: handlersToJson(spec.onAnyFail) as unknown as Json,
        finally: handlersToJson(spec.finally) as unknown as Json,
        timeout_seconds: spec.timeoutSeconds,
      },
    });
    // §13.14.2: the group's record before its branches', the branches in declaration order.
    const branches: ExecutionRecord[] = [];
    for (const branch of spec.branches) {
      branches.push(await this.createRecord({ runId: caller.runId, executionId: group.execution_id }, {
        kind: 'procedure', trackName: null, procedureName: branch.procedure,
        arguments: branch.arguments.map(valueToJson), pipeline: null,
      }, group.root_id));
    }
    const handlers = { onAllDone: spec.onAllDone, onAnyFail: spec.onAnyFail, finally: spec.finally };
    const args = spec.branches.map((b) => b.arguments);
    setImmediate(() => void this.runGroup(group, branches, args, caller.runId, handlers, spec.timeoutSeconds));
    return recordToValue(group);
  }

  private async createRecord(
    caller: CallerContext,
    fields: { kind: ExecutionKind; trackName: string | null; procedureName: string | null; arguments: Json[] | null;
      pipeline: ExecutionRecord['pipeline']; retryOf?: string | null },
    parentRootId?: string,
  ): Promise<ExecutionRecord> {
    const parentId = caller.executionId;
    const rootId = parentId === null ? null : (parentRootId ?? (await this.rootOf(parentId)));
    const record = newRecord({
      ...fields, retryOf: fields.retryOf ?? null, parentId, parentRootId: rootId, node: this.options.node, now: new Date(),
    });
    await this.records.create(record);
    this.runs.add(caller.runId, record.execution_id);
    return record;
  }

  private async rootOf(executionId: string): Promise<string> {
    const live = this.live.get(executionId);
    if (live) return live.record.root_id;
    return (await this.records.get(executionId))?.record.root_id ?? executionId;
  }

  // ---------------------------------------------------------------------------------------------
  // Running one execution

  /**
   * Runs a PENDING record's body: PENDING → RUNNING → terminal (§13.7). `body` does the work and
   * returns the result; a throw fails the execution. Never throws.
   */
  private async runExecution(
    record: ExecutionRecord,
    runId: string,
    timeoutSeconds: number | null,
    pipelineDone: boolean,
    body: (signal: AbortSignal, live: LiveExecution) => Promise<Value>,
  ): Promise<Outcome> {
    const controller = new AbortController();
    let markTerminal!: () => void;
    const live: LiveExecution = {
      record, runId, controller, terminal: new Promise<void>((resolve) => (markTerminal = resolve)),
    };
    this.live.set(record.execution_id, live);
    try {
      const started = await this.records.update(record.execution_id, (r) => {
        if (r.status !== 'PENDING') return null;
        const now = new Date().toISOString();
        return { ...r, status: 'RUNNING', started_at: now, heartbeat_at: now };
      });
      if (!started) {
        // Cancelled (or otherwise ended) before it started: it never runs (§13.7).
        const current = (await this.records.get(record.execution_id))?.record ?? record;
        live.record = current;
        if (isTerminal(current.status)) this.options.listener?.terminal?.(runId, current);
        return { record: current, result: null };
      }
      live.record = started.record;
      const timer = timeoutSeconds === null ? null
        : setTimeout(() => controller.abort(new ExecutionStop('timeout', timeoutSeconds)), timeoutSeconds * 1000);
      let status: ExecutionStatus;
      let result: Value = null;
      let error: RecordError | null = null;
      try {
        result = await body(controller.signal, live);
        status = 'COMPLETED';
      } catch (thrown) {
        error = errorOf(thrown);
        status = thrown instanceof ExecutionStop && thrown.reason !== 'timeout' ? 'CANCELLED' : 'FAILED';
      } finally {
        if (timer) clearTimeout(timer);
      }
      const final = await this.finish(live, status, result, error, pipelineDone);
      return { record: final, result: final.status === 'COMPLETED' ? result : null };
    } catch (storeFailure) {
      // The store itself failed: nothing more can be recorded; the lease expires and recovery takes over.
      console.error(`[escript] execution ${record.execution_id}: store failure`, storeFailure);
      return { record: live.record, result: null };
    } finally {
      this.live.delete(record.execution_id);
      markTerminal();
    }
  }

  /** Writes the terminal transition, unless the record is already terminal (first writer wins, §13.7). */
  private async finish(
    live: LiveExecution, status: ExecutionStatus, result: Value, error: RecordError | null, pipelineDone: boolean,
  ): Promise<ExecutionRecord> {
    const written = await this.records.update(live.record.execution_id, (r) => {
      if (isTerminal(r.status)) return null;
      const completedAt = new Date();
      const startedMs = r.started_at ? Date.parse(r.started_at) : null;
      return {
        ...r, status, result: status === 'COMPLETED' || r.kind === 'parallel' ? valueToJson(result) : null, error,
        output: live.record.output, completed_at: completedAt.toISOString(),
        duration_ms: startedMs === null ? null : completedAt.getTime() - startedMs,
        heartbeat_at: completedAt.toISOString(), pipeline_done: pipelineDone,
      };
    });
    const final = written?.record ?? (await this.records.get(live.record.execution_id))?.record ?? live.record;
    live.record = final;
    this.options.listener?.terminal?.(live.runId, final);
    return final;
  }

  private printer(live: () => LiveExecution, runId: string) {
    return (text: string, level: PrintLevel) => {
      const current = live();
      appendOutput(current.record.output, text);
      this.options.listener?.print?.(runId, current.record.execution_id, text, level);
    };
  }

  /** Runs a stored routine as the body of `live`'s execution. */
  private invoke(name: string, args: Value[], runId: string, signal: AbortSignal, live: LiveExecution): Promise<Value> {
    return invokeStoredRoutine(name, args, {
      host: { client: this.options.client, async: this },
      caller: { runId, executionId: live.record.execution_id },
      signal,
      onPrint: this.printer(() => live, runId),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Async calls, groups and their pipelines (§13.5, §13.6)

  private async runSource(
    record: ExecutionRecord, runId: string, args: Value[],
    handlers: { onDone: HandlerSpec[]; onFail: HandlerSpec[]; finally: HandlerSpec[] },
    timeoutSeconds: number | null,
  ): Promise<void> {
    const hasHandlers = handlers.onDone.length + handlers.onFail.length + handlers.finally.length > 0;
    const outcome = await this.runExecution(record, runId, timeoutSeconds, !hasHandlers,
      (signal, live) => this.invoke(record.procedure_name ?? '', args, runId, signal, live));
    if (hasHandlers) {
      const status = outcome.record.status;
      const chain = status === 'COMPLETED' ? handlers.onDone : status === 'FAILED' ? handlers.onFail : [];
      const phase: Phase = status === 'COMPLETED' ? 'on_done' : 'on_fail';
      await this.runPipeline(outcome, runId, phase, chain, handlers.finally, null);
    }
    this.runs.finish(runId, record.execution_id);
  }

  private async runGroup(
    group: ExecutionRecord, branches: ExecutionRecord[], branchArgs: Value[][], runId: string,
    handlers: { onAllDone: HandlerSpec[]; onAnyFail: HandlerSpec[]; finally: HandlerSpec[] },
    timeoutSeconds: number | null,
  ): Promise<void> {
    const hasHandlers = handlers.onAllDone.length + handlers.onAnyFail.length + handlers.finally.length > 0;
    let branchResults: Value[] = branches.map(() => null);
    const outcome = await this.runExecution(group, runId, timeoutSeconds, !hasHandlers, async (signal) => {
      const failures: RecordError[] = [];
      const stopBranches = () => {
        const why = signal.reason instanceof ExecutionStop && signal.reason.reason === 'timeout'
          ? new ExecutionStop('group-timeout') : new ExecutionStop('cancelled');
        for (const branch of branches) void this.stop(branch.execution_id, why);
      };
      signal.addEventListener('abort', stopBranches, { once: true });
      const outcomes = await Promise.all(branches.map(async (branch, i) => {
        const done = await this.runExecution(branch, runId, null, true,
          (branchSignal, live) => this.invoke(branch.procedure_name ?? '', branchArgs[i], runId, branchSignal, live));
        if (done.record.status !== 'COMPLETED' && done.record.error) failures.push(done.record.error);
        this.runs.finish(runId, branch.execution_id);
        return done;
      }));
      signal.removeEventListener('abort', stopBranches);
      branchResults = outcomes.map((o) => (o.record.status === 'COMPLETED' ? o.result : null));
      if (signal.aborted) throw signal.reason;
      if (failures.length > 0) throw Object.assign(new Error(failures[0].message), failures[0]);
      return branchResults;
    });
    // A group's result is its branch results in every terminal state (§13.6, §17.38).
    const groupOutcome: Outcome = { record: outcome.record, result: branchResults };
    if (outcome.record.status !== 'COMPLETED' && outcome.record.result === null) {
      await this.records.update(group.execution_id, (r) => ({ ...r, result: valueToJson(branchResults) }));
      groupOutcome.record = { ...outcome.record, result: valueToJson(branchResults) };
    }
    if (hasHandlers) {
      const status = outcome.record.status;
      const chain = status === 'COMPLETED' ? handlers.onAllDone : status === 'FAILED' ? handlers.onAnyFail : [];
      const phase: Phase = status === 'COMPLETED' ? 'on_all_done' : 'on_any_fail';
      await this.runPipeline(groupOutcome, runId, phase, chain, handlers.finally, branchResults);
    }
    this.runs.finish(runId, group.execution_id);
  }

  /**
   * Runs the phase chain, then the FINALLY chain, one handler at a time (§13.5); a failing handler
   * ends its chain. Marks the source `pipeline_done` at the end (§14.1).
   */
  private async runPipeline(
    source: Outcome, runId: string, phase: Phase, chain: HandlerSpec[], finallyChain: HandlerSpec[],
    groupResults: Value[] | null,
  ): Promise<void> {
    let current: Value = source.record.status === 'COMPLETED' || source.record.kind === 'parallel' ? source.result : null;
    const runChain = async (name: Phase, handlers: HandlerSpec[]) => {
      for (const [position, handler] of handlers.entries()) {
        const args: Value[] = [];
        for (const arg of handler.args) {
          if (!('binding' in arg)) args.push(arg.value);
          else if (arg.binding === 'result') args.push(current);
          else if (arg.binding === 'results') args.push(groupResults);
          else if (arg.binding === 'error') args.push(source.record.error?.message ?? null);
          else {
            const latest = (await this.records.get(source.record.execution_id))?.record ?? source.record;
            args.push(recordToValue(latest));
          }
        }
        const done = await this.runContinuation(source.record, runId, name, position, handler.handler, args);
        if (done.record.status !== 'COMPLETED') return;
        if (done.result !== null) current = done.result;
      }
    };
    await runChain(phase, chain);
    await runChain('finally', finallyChain);
    await this.records.update(source.record.execution_id, (r) => (r.pipeline_done ? null : { ...r, pipeline_done: true }));
  }

  private async runContinuation(
    source: ExecutionRecord, runId: string, phase: Phase, position: number, handler: string, args: Value[],
    retryOf: string | null = null,
  ): Promise<Outcome> {
    const record = await this.createRecord({ runId, executionId: source.execution_id }, {
      kind: 'continuation', trackName: null, procedureName: handler, arguments: args.map(valueToJson),
      pipeline: { phase, position }, retryOf,
    }, source.root_id);
    const outcome = await this.runExecution(record, runId, null, true,
      (signal, live) => this.invoke(handler, args, runId, signal, live));
    this.runs.finish(runId, record.execution_id);
    return outcome;
  }

  // ---------------------------------------------------------------------------------------------
  // EXECUTION(…) | op (§13.8)

  async operate(op: ExecutionOp, target: string, caller: CallerContext, waitTimeoutSeconds?: number): Promise<Value> {
    const record = await this.resolve(target);
    switch (op) {
      case 'STATUS':
        return recordToValue(record);
      case 'CANCEL':
        return this.cancel(record);
      case 'WAIT':
        return recordToValue(await this.wait(record, caller, waitTimeoutSeconds ?? SCHEDULER_DEFAULTS.waitTimeoutSeconds));
      case 'RETRY':
        return recordToValue(await this.retry(record, caller));
    }
  }

  /** An execution by id, else the most recent one with that track name (§13.8). */
  private async resolve(target: string): Promise<ExecutionRecord> {
    const byId = await this.records.get(target);
    if (byId) return byId.record;
    const byTrack = await this.records.findByTrackName(target);
    if (byTrack) return byTrack;
    throw new HostError('not_found_error', 'UNKNOWN_EXECUTION', `no execution with id or track name '${target}'`);
  }

  private async cancel(target: ExecutionRecord): Promise<Value> {
    const id = target.execution_id;
    let cancelledPending = false;
    const written = await this.records.update(id, (r) => {
      if (isTerminal(r.status)) return null;
      if (r.status === 'PENDING') {
        cancelledPending = true;
        const now = new Date().toISOString();
        return {
          ...r, status: 'CANCELLED', cancel_requested: true, error: cancelledError(), completed_at: now,
          heartbeat_at: now, pipeline_done: !this.hasHandlers(r),
        };
      }
      return r.cancel_requested ? null : { ...r, cancel_requested: true };
    });
    if (cancelledPending) {
      if (target.kind === 'parallel') await this.cancelBranches(id);
      const record = written?.record ?? target;
      return this.cancelAnswer(record, true);
    }
    const current = (await this.records.get(id))?.record ?? target;
    if (isTerminal(current.status)) return this.cancelAnswer(current, false);
    // RUNNING: stop it here if we own it; an owner elsewhere notices at its next heartbeat.
    this.live.get(id)?.controller.abort(new ExecutionStop('cancelled'));
    const final = await this.untilTerminal(id, null);
    return this.cancelAnswer(final, final.status === 'CANCELLED');
  }

  private hasHandlers(record: ExecutionRecord): boolean {
    const phases: Phase[] = ['on_done', 'on_fail', 'on_all_done', 'on_any_fail', 'finally'];
    return phases.some((p) => storedHandlers(record.pipeline, p).length > 0);
  }

  private async cancelBranches(groupId: string): Promise<void> {
    const branches = await this.records.search({ bool: { filter: [{ term: { parent_id: groupId } }] } }, 1_000);
    for (const branch of branches) await this.stop(branch.execution_id, new ExecutionStop('cancelled'));
  }

  /** Stops an execution for `why`: PENDING ones are ended at once, running ones aborted. */
  private async stop(id: string, why: ExecutionStop): Promise<void> {
    const live = this.live.get(id);
    if (live && live.record.status === 'RUNNING') {
      live.controller.abort(why);
      return;
    }
    await this.records.update(id, (r) => {
      if (isTerminal(r.status)) return null;
      if (r.status === 'RUNNING') return r.cancel_requested ? null : { ...r, cancel_requested: true };
      const now = new Date().toISOString();
      return { ...r, status: 'CANCELLED', cancel_requested: true, error: stopError(why), completed_at: now, heartbeat_at: now,
        pipeline_done: true };
    });
    // A live execution still starting will see the record is no longer PENDING and not run.
    live?.controller.abort(why);
  }

  private cancelAnswer(record: ExecutionRecord, cancelled: boolean): Value {
    return new Map<string, Value>([
      ['execution_id', record.execution_id], ['status', record.status], ['cancelled', cancelled],
    ]);
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
      const current = await this.records.get(id);
      if (!current) throw new HostError('not_found_error', 'UNKNOWN_EXECUTION', `no execution with id or track name '${id}'`);
      if (isTerminal(current.record.status)) return current.record;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const live = this.live.get(id);
      const pause = new Promise((resolve) => setTimeout(resolve, Math.min(SCHEDULER_DEFAULTS.pollMs, left)));
      await (live ? Promise.race([live.terminal, pause]) : pause);
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
    const parentCaller: CallerContext = { runId: caller.runId, executionId: old.parent_id };
    const toSpecs = (phase: Phase): HandlerSpec[] => storedHandlers(old.pipeline, phase).map((h) => ({
      handler: h.handler,
      args: h.args.map((a) => ('binding' in a ? { binding: a.binding } : { value: jsonToValue(a.value) })),
    }));
    const timeout = (old.pipeline?.timeout_seconds ?? null) as number | null;
    const args = (old.arguments ?? []).map(jsonToValue);
    if (old.kind === 'continuation') {
      const source = (await this.records.get(old.parent_id ?? ''))?.record ?? old;
      const record = await this.createRecord(parentCaller, {
        kind: 'continuation', trackName: null, procedureName: old.procedure_name, arguments: old.arguments,
        pipeline: old.pipeline, retryOf: old.execution_id,
      }, source.root_id);
      setImmediate(() => void this.runExecution(record, caller.runId, null, true,
        (signal, live) => this.invoke(old.procedure_name ?? '', args, caller.runId, signal, live))
        .then(() => this.runs.finish(caller.runId, record.execution_id)));
      return record;
    }
    if (old.kind === 'procedure') {
      const record = await this.createRecord(parentCaller, {
        kind: 'procedure', trackName: old.track_name, procedureName: old.procedure_name, arguments: old.arguments,
        pipeline: old.pipeline, retryOf: old.execution_id,
      });
      const handlers = { onDone: toSpecs('on_done'), onFail: toSpecs('on_fail'), finally: toSpecs('finally') };
      setImmediate(() => void this.runSource(record, caller.runId, args, handlers, timeout));
      return record;
    }
    const stored = (old.pipeline?.branches ?? []) as unknown as { procedure_name: string; arguments: Json[] }[];
    const group = await this.createRecord(parentCaller, {
      kind: 'parallel', trackName: old.track_name, procedureName: null, arguments: null, pipeline: old.pipeline,
      retryOf: old.execution_id,
    });
    const branches: ExecutionRecord[] = [];
    for (const branch of stored) {
      branches.push(await this.createRecord({ runId: caller.runId, executionId: group.execution_id }, {
        kind: 'procedure', trackName: null, procedureName: branch.procedure_name, arguments: branch.arguments,
        pipeline: null,
      }, group.root_id));
    }
    const handlers = { onAllDone: toSpecs('on_all_done'), onAnyFail: toSpecs('on_any_fail'), finally: toSpecs('finally') };
    const branchArgs = stored.map((b) => b.arguments.map(jsonToValue));
    setImmediate(() => void this.runGroup(group, branches, branchArgs, caller.runId, handlers, timeout));
    return group;
  }

  // ---------------------------------------------------------------------------------------------
  // Heartbeat (§13.13)

  /** Refreshes `heartbeat_at` and `output` of what this node runs, and applies remote CANCEL requests. */
  private async beat(): Promise<void> {
    for (const live of [...this.live.values()]) {
      try {
        const written = await this.records.update(live.record.execution_id, (r) => {
          if (isTerminal(r.status)) return null;
          return { ...r, heartbeat_at: new Date().toISOString(), output: live.record.output };
        });
        if (written?.record.cancel_requested && !live.controller.signal.aborted) {
          live.controller.abort(new ExecutionStop('cancelled'));
        }
      } catch (error) {
        console.error(`[escript] heartbeat of ${live.record.execution_id} failed`, error);
      }
    }
  }
}

