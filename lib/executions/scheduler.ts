/**
 * The execution scheduler (LANGUAGE.md §13): it writes records, runs executions in the background of
 * this Node process (at most `maxRunning` at once, the rest queued PENDING in order), hands their
 * pipelines to the driver (`pipeline-driver.ts`), serves EXECUTION operations (`operations.ts`), keeps the leases of what it holds
 * (`upkeep.ts`) and recovers what lost nodes left behind (`recovery-sweep.ts`). It implements the
 * runtime's `AsyncHost`. The index is the truth; the in-memory `live` map only tracks the records this
 * node holds right now (ARCHITECTURE.md decision 4).
 */
import type { Client } from '@elastic/elasticsearch';
import { invokeStoredRoutine, valueToJson, type RunOptions } from '../runtime';
import type { AsyncCallSpec, AsyncHost, CallerContext, ExecutionOp, ParallelSpec } from '../runtime/host';
import type { Value } from '../runtime/values';
import { resolveSchedulerConfig, type SchedulerConfig } from './config';
import { ExecutionOperations, type NewExecutionFields, type StoredBranch } from './operations';
import { handlersToJson, type PipelineHandlers } from './pipeline';
import { PipelineDriver, type Outcome } from './pipeline-driver';
import {
  appendOutput, derivedId, isTerminal, newRecord, type ExecutionKind, type ExecutionRecord, type ExecutionStatus,
  type RecordError,
} from './record';
import { RecordStore, type VersionedRecord } from './record-store';
import { recordToValue } from './record-value';
import { RecoverySweeper, type SweepReport } from './recovery-sweep';
import { RunTracker } from './run-tracker';
import { SlotTicket, Slots } from './slots';
import { ExecutionStop, stopError } from './stop';
import { noteVersion, OwnerUpkeep, type OwnedRecord } from './upkeep';

export type PrintLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

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
  /** Whether the name was configured (ESCRIPT_NODE_NAME): its earlier records are then recovered at once (§13.13). */
  nodeConfigured?: boolean;
  listener?: SchedulerListener;
  /** Overrides of SCHEDULER_DEFAULTS. */
  config?: Partial<SchedulerConfig>;
}

/** A record this node holds right now: queued PENDING, running, or a running group. */
interface LiveExecution extends OwnedRecord {
  runId: string;
  /** The concurrency slot of a procedure body, branch or handler; groups hold none. */
  ticket: SlotTicket | null;
  /** Resolves when the record is terminal. */
  terminal: Promise<void>;
  markTerminal: () => void;
}

/** How one execution runs (see `runExecution`). */
interface RunPlan {
  timeoutSeconds: number | null;
  /** `pipeline_done` of the terminal write: true when the record has no handlers. */
  pipelineDone: boolean;
  /** Does the work and returns the result; a throw fails the execution. */
  body: (signal: AbortSignal, live: LiveExecution) => Promise<Value>;
  /** A group's result when it did not complete: its branch results (§13.6). */
  resultOnFailure?: () => Value;
}

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

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
  readonly config: SchedulerConfig;
  private readonly node: string;
  private readonly live = new Map<string, LiveExecution>();
  private readonly slots: Slots;
  private readonly upkeep: OwnerUpkeep;
  private readonly sweeper: RecoverySweeper;
  private readonly operations: ExecutionOperations;
  private readonly pipelines: PipelineDriver;
  /**
   * The stored definitions the executions of this node read, shared by all of them with the freshness
   * of one run (ARCHITECTURE.md decision 13): a hundred executions of one procedure started together
   * read its definition once, not a hundred times.
   */
  private readonly routines: NonNullable<RunOptions['routineCache']> = new Map();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<SweepReport> | null = null;
  private closed = false;

  constructor(private readonly options: SchedulerOptions) {
    this.config = resolveSchedulerConfig(options.config);
    this.node = options.node;
    this.records = new RecordStore(options.client);
    this.slots = new Slots(this.config.maxRunning);
    this.pipelines = new PipelineDriver({
      records: this.records, runs: this.runs, slots: this.slots, node: this.node,
      runHandler: (...a) => this.runHandler(...a), report: (what, error) => this.report(what, error),
    });
    this.upkeep = new OwnerUpkeep({
      records: this.records, node: this.node, owned: () => this.live.values(), heartbeatMs: this.config.heartbeatMs,
      cancelPollMs: this.config.cancelPollMs,
      onError: (what, error) => this.report(`${what} failed`, error),
    });
    this.upkeep.start();
    this.sweeper = new RecoverySweeper({
      records: this.records, node: this.node, ownName: options.nodeConfigured ?? false, startedAtMs: Date.now(),
      leaseMs: this.config.leaseMs, batch: this.config.sweepBatch,
      isLive: (id) => this.live.has(id), isDriving: (id) => this.pipelines.isDriving(id), resume: (source) => this.pipelines.resume(source),
    });
    this.operations = new ExecutionOperations({
      records: this.records, config: this.config, held: (id) => this.live.get(id), stop: (id, why) => this.stop(id, why),
      launchCall: (...a) => this.launchCall(...a), launchGroup: (...a) => this.launchGroup(...a),
      launchHandler: (...a) => this.launchHandler(...a),
    });
  }

  /** Recovers now and then every `sweepMs` (§13.13: at start-up and periodically). */
  startRecovery(): void {
    const sweep = () => void this.recover().catch((error) => this.report('recovery failed', error));
    sweep();
    this.sweepTimer = setInterval(sweep, this.config.sweepMs);
    this.sweepTimer.unref();
  }

  /** One recovery pass (§13.13); concurrent calls share the pass in progress. */
  recover(): Promise<SweepReport> {
    this.sweeping ??= this.sweeper.sweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /** Resolves once no resumed pipeline is running on this node. */
  async idle(): Promise<void> {
    await this.pipelines.idle();
  }

  /** Executions holding a concurrency slot and executions queued for one on this node. */
  load(): { running: number; queued: number } {
    return { running: this.slots.running, queued: this.slots.queued };
  }

  /**
   * Stops the timers and lets a recovery pass in progress end, so the store can be closed next.
   * Running executions are left as they are (recovery handles them, §13.13).
   */
  async close(): Promise<void> {
    this.closed = true;
    this.upkeep.stop();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.sweeping?.catch(() => undefined);
  }

  /** Logs a background failure; after `close` the store is going away and failures are expected. */
  private report(what: string, error: unknown): void {
    if (!this.closed) console.error(`[escript] ${what}`, error);
  }

  // ---------------------------------------------------------------------------------------------
  // Starting (§13.2, §13.6)

  async startCall(spec: AsyncCallSpec, caller: CallerContext): Promise<Value> {
    const record = await this.launchCall(caller, {
      trackName: spec.trackName,
      procedureName: spec.procedure,
      arguments: spec.arguments.map(valueToJson),
      pipeline: {
        on_done: handlersToJson(spec.onDone),
        on_fail: handlersToJson(spec.onFail),
        finally: handlersToJson(spec.finally),
        timeout_seconds: spec.timeoutSeconds,
      },
      retryOf: null,
    }, spec.arguments, { on_done: spec.onDone, on_fail: spec.onFail, finally: spec.finally }, spec.timeoutSeconds);
    return recordToValue(record);
  }

  async startParallel(spec: ParallelSpec, caller: CallerContext): Promise<Value> {
    const branches = spec.branches.map((b) => ({ procedure_name: b.procedure, arguments: b.arguments.map(valueToJson) }));
    const record = await this.launchGroup(caller, {
      trackName: spec.trackName,
      procedureName: null,
      arguments: null,
      pipeline: {
        branches,
        on_all_done: handlersToJson(spec.onAllDone),
        on_any_fail: handlersToJson(spec.onAnyFail),
        finally: handlersToJson(spec.finally),
        timeout_seconds: spec.timeoutSeconds,
      },
      retryOf: null,
    }, branches, spec.branches.map((b) => b.arguments),
    { on_all_done: spec.onAllDone, on_any_fail: spec.onAnyFail, finally: spec.finally }, spec.timeoutSeconds);
    return recordToValue(record);
  }

  /** Writes a procedure's PENDING record, then runs it and its pipeline in the background (§13.2, RETRY). */
  private async launchCall(
    caller: CallerContext, fields: NewExecutionFields, args: Value[], handlers: PipelineHandlers, timeoutSeconds: number | null,
  ): Promise<ExecutionRecord> {
    const created = await this.createRecord(caller, { kind: 'procedure', ...fields });
    // The slot is asked for now, so executions start in the order their statements ran.
    const live = this.hold(created, caller.runId, this.slots.reserve());
    setImmediate(() => void this.runSource(live, args, handlers, timeoutSeconds));
    return created.record;
  }

  /** Writes a group's PENDING record and its branches', then runs them and its pipeline in the background (§13.6, RETRY). */
  private async launchGroup(
    caller: CallerContext, fields: NewExecutionFields, branches: StoredBranch[], branchArgs: Value[][],
    handlers: PipelineHandlers, timeoutSeconds: number | null,
  ): Promise<ExecutionRecord> {
    const group = await this.createRecord(caller, { kind: 'parallel', ...fields });
    const groupLive = this.hold(group, caller.runId, null);
    let branchLives: LiveExecution[];
    try {
      branchLives = await this.createBranches(group.record, caller.runId, branches);
    } catch (error) {
      // Not started: stop holding the group, so recovery fails it once its lease expires (§13.13).
      this.live.delete(group.record.execution_id);
      this.runs.finish(caller.runId, group.record.execution_id);
      throw error;
    }
    setImmediate(() => void this.runGroup(groupLive, branchLives, branchArgs, handlers, timeoutSeconds));
    return group.record;
  }

  /** Writes the PENDING record of a retried handler and runs only that handler (§13.8 RETRY). */
  private async launchHandler(caller: CallerContext, fields: NewExecutionFields, rootId: string, args: Value[]): Promise<ExecutionRecord> {
    const created = await this.createRecord(caller, { kind: 'continuation', ...fields }, rootId);
    const live = this.hold(created, caller.runId, this.slots.reserve());
    const id = created.record.execution_id;
    setImmediate(() => void this.runExecution(live, {
      timeoutSeconds: null, pipelineDone: true, body: (signal) => this.invoke(fields.procedureName ?? '', args, signal, live),
    }).then(() => this.runs.finish(caller.runId, id)));
    return created.record;
  }

  /**
   * §13.14.2: the group's record before its branches', the branches in declaration order. The branch
   * records go in one request, in order (the index has one shard, which applies a bulk's items in order).
   */
  private async createBranches(group: ExecutionRecord, runId: string, branches: StoredBranch[]): Promise<LiveExecution[]> {
    const caller = { runId, executionId: group.execution_id };
    const created = await Promise.allSettled(branches.map((branch, i) => this.createRecord(caller, {
      kind: 'procedure', trackName: null, procedureName: branch.procedure_name, arguments: branch.arguments,
      pipeline: null, retryOf: null, id: derivedId(group.execution_id, 'branch', i),
    }, group.root_id)));
    const failed = created.find((c) => c.status === 'rejected');
    if (failed) {
      for (const c of created) if (c.status === 'fulfilled') this.runs.finish(runId, c.value.record.execution_id);
      throw failed.reason;
    }
    // Slots are asked for in declaration order, after every branch is recorded.
    return created.map((c) => this.hold((c as PromiseFulfilledResult<VersionedRecord>).value, runId, this.slots.reserve()));
  }

  private async createRecord(
    caller: CallerContext, fields: NewExecutionFields & { kind: ExecutionKind; id?: string }, parentRootId?: string,
  ): Promise<VersionedRecord> {
    const parentId = caller.executionId;
    const rootId = parentId === null ? null : (parentRootId ?? (await this.rootOf(parentId)));
    const record = newRecord({ ...fields, parentId, parentRootId: rootId, node: this.node, now: new Date() });
    const created = await this.records.create(record);
    this.runs.add(caller.runId, record.execution_id);
    return created;
  }

  /** Counts a record this node just wrote as held: heartbeated, cancellable, and queued for its slot. */
  private hold(created: VersionedRecord, runId: string, ticket: SlotTicket | null): LiveExecution {
    let markTerminal!: () => void;
    const terminal = new Promise<void>((resolve) => (markTerminal = resolve));
    const live: LiveExecution = {
      record: created.record, seqNo: created.seqNo, primaryTerm: created.primaryTerm, controller: new AbortController(),
      runId, ticket, terminal, markTerminal,
    };
    this.live.set(created.record.execution_id, live);
    return live;
  }

  private async rootOf(executionId: string): Promise<string> {
    const live = this.live.get(executionId);
    if (live) return live.record.root_id;
    return (await this.records.get(executionId))?.record.root_id ?? executionId;
  }

  // ---------------------------------------------------------------------------------------------
  // Running one execution

  /** The owner's copy of a held record, as the first guess of a conditional write. */
  private known(live: LiveExecution): VersionedRecord {
    return { record: live.record, seqNo: live.seqNo, primaryTerm: live.primaryTerm };
  }

  /** Applies a conditional write to a held record; returns the record as written, or null. */
  private async write(live: LiveExecution, change: (r: ExecutionRecord) => ExecutionRecord | null): Promise<ExecutionRecord | null> {
    const written = await this.records.update(live.record.execution_id, change, this.known(live));
    if (!written) return null;
    live.record = written.record;
    noteVersion(live, written.seqNo, written.primaryTerm);
    return written.record;
  }

  /**
   * Runs a held PENDING record: waits for its slot, PENDING → RUNNING → terminal (§13.7). Never
   * throws. The slot is given back once the terminal state is written, before any handler runs.
   */
  private async runExecution(live: LiveExecution, plan: RunPlan): Promise<Outcome> {
    const { controller } = live;
    const id = live.record.execution_id;
    try {
      if (live.ticket?.waiting) {
        // A CANCEL (or a superseding recovery) while queued must not wait for a slot.
        await Promise.race([live.ticket.ready, aborted(controller.signal)]);
        if (live.ticket.waiting) live.ticket.release();
      }
      const started = await this.write(live, (r) => {
        if (r.status !== 'PENDING') return null;
        const now = new Date().toISOString();
        return { ...r, status: 'RUNNING', started_at: now, heartbeat_at: now };
      });
      if (!started) {
        // Cancelled (or otherwise ended) before it started: it never runs (§13.7).
        const current = (await this.records.get(id))?.record ?? live.record;
        live.record = current;
        if (isTerminal(current.status)) this.options.listener?.terminal?.(live.runId, current);
        return { record: current, result: null };
      }
      const timer = plan.timeoutSeconds === null ? null
        : setTimeout(() => controller.abort(new ExecutionStop('timeout', plan.timeoutSeconds)), plan.timeoutSeconds * 1000);
      let status: ExecutionStatus;
      let result: Value = null;
      let error: RecordError | null = null;
      try {
        result = await plan.body(controller.signal, live);
        status = 'COMPLETED';
      } catch (thrown) {
        error = errorOf(thrown);
        status = thrown instanceof ExecutionStop && thrown.reason !== 'timeout' ? 'CANCELLED' : 'FAILED';
        result = plan.resultOnFailure?.() ?? null;
      } finally {
        if (timer) clearTimeout(timer);
      }
      const final = await this.finish(live, status, result, error, plan.pipelineDone);
      return {
        record: final, result: final.status === 'COMPLETED' || final.kind === 'parallel' ? result : null, known: this.known(live),
      };
    } catch (storeFailure) {
      // The store itself failed: nothing more can be recorded; the lease expires and recovery takes over.
      this.report(`execution ${id}: store failure`, storeFailure);
      return { record: live.record, result: null };
    } finally {
      live.ticket?.release();
      this.live.delete(id);
      live.markTerminal();
    }
  }

  /** Writes the terminal transition, unless the record is already terminal (first writer wins, §13.7). */
  private async finish(
    live: LiveExecution, status: ExecutionStatus, result: Value, error: RecordError | null, pipelineDone: boolean,
  ): Promise<ExecutionRecord> {
    const written = await this.write(live, (r) => {
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
    let final = written;
    if (!final) {
      // Someone else ended it first: take the record (and its version) as they wrote it.
      const current = await this.records.get(live.record.execution_id);
      if (current) noteVersion(live, current.seqNo, current.primaryTerm);
      final = current?.record ?? live.record;
    }
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
  private invoke(name: string, args: Value[], signal: AbortSignal, live: LiveExecution): Promise<Value> {
    return invokeStoredRoutine(name, args, {
      host: { client: this.options.client, async: this },
      caller: { runId: live.runId, executionId: live.record.execution_id },
      signal,
      onPrint: this.printer(() => live, live.runId),
      routineCache: this.routines,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Async calls, groups and their pipelines (§13.5, §13.6, §13.13)

  private async runSource(live: LiveExecution, args: Value[], handlers: PipelineHandlers, timeoutSeconds: number | null): Promise<void> {
    const { runId } = live;
    const id = live.record.execution_id;
    const withHandlers = Object.values(handlers).some((chain) => chain.length > 0);
    const outcome = await this.runExecution(live, {
      timeoutSeconds, pipelineDone: !withHandlers,
      body: (signal) => this.invoke(live.record.procedure_name ?? '', args, signal, live),
    });
    // A record another node ended (recovery judged this one lost) has its pipeline run by that node.
    if (withHandlers && outcome.record.node === this.node) {
      await this.pipelines.drive(outcome.record, runId, handlers, outcome.result, null, outcome.known);
    }
    this.runs.finish(runId, id);
  }

  private async runGroup(
    group: LiveExecution, branches: LiveExecution[], branchArgs: Value[][], handlers: PipelineHandlers,
    timeoutSeconds: number | null,
  ): Promise<void> {
    const { runId } = group;
    const withHandlers = Object.values(handlers).some((chain) => chain.length > 0);
    let branchResults: Value[] = branches.map(() => null);
    let started = false;
    const outcome = await this.runExecution(group, {
      timeoutSeconds, pipelineDone: !withHandlers,
      // A group's result is its branch results in every terminal state (§13.6, §17.38).
      resultOnFailure: () => branchResults,
      body: async (signal) => {
        started = true;
        const failures: RecordError[] = [];
        const stopBranches = () => {
          const why = signal.reason instanceof ExecutionStop && signal.reason.reason === 'timeout'
            ? new ExecutionStop('group-timeout') : new ExecutionStop('cancelled');
          for (const branch of branches) void this.stop(branch.record.execution_id, why);
        };
        signal.addEventListener('abort', stopBranches, { once: true });
        const outcomes = await Promise.all(branches.map(async (branch, i) => {
          const done = await this.runExecution(branch, {
            timeoutSeconds: null, pipelineDone: true,
            body: (branchSignal) => this.invoke(branch.record.procedure_name ?? '', branchArgs[i], branchSignal, branch),
          });
          if (done.record.status !== 'COMPLETED' && done.record.error) failures.push(done.record.error);
          this.runs.finish(runId, branch.record.execution_id);
          return done;
        }));
        signal.removeEventListener('abort', stopBranches);
        branchResults = outcomes.map((o) => (o.record.status === 'COMPLETED' ? o.result : null));
        if (signal.aborted) throw signal.reason;
        if (failures.length > 0) throw Object.assign(new Error(failures[0].message), failures[0]);
        return branchResults;
      },
    });
    if (!started) await this.abandonBranches(branches, outcome.record);
    if (withHandlers && outcome.record.node === this.node) {
      await this.pipelines.drive(outcome.record, runId, handlers, outcome.result, branchResults, outcome.known);
    }
    this.runs.finish(runId, group.record.execution_id);
  }

  /**
   * Lets go of the branches of a group that never started (cancelled while PENDING, ended by another
   * node, or a store failure): they never run, and they give back their slots. A cancelled group's
   * branches are cancelled with it (§13.8); a group another node ended has its branches ended by that
   * node (§13.13); after a store failure, recovery ends them once their lease expires.
   */
  private async abandonBranches(branches: LiveExecution[], group: ExecutionRecord): Promise<void> {
    await Promise.all(branches.map(async (branch) => {
      const id = branch.record.execution_id;
      // No longer held, so `stop` writes the record instead of aborting a run that will never come.
      this.live.delete(id);
      branch.ticket?.release();
      try {
        if (group.status === 'CANCELLED') await this.stop(id, new ExecutionStop('cancelled'));
        const current = (await this.records.get(id))?.record;
        if (current && isTerminal(current.status)) this.options.listener?.terminal?.(branch.runId, current);
      } catch (storeFailure) {
        this.report(`branch ${id}: store failure`, storeFailure);
      } finally {
        branch.markTerminal();
        this.runs.finish(branch.runId, id);
      }
    }));
  }

  /** Runs a handler record the pipeline driver has just created and claimed, as this node's execution. */
  private runHandler(created: VersionedRecord, runId: string, ticket: SlotTicket, handler: string, args: Value[]): Promise<Outcome> {
    const live = this.hold(created, runId, ticket);
    return this.runExecution(live, {
      timeoutSeconds: null, pipelineDone: true, body: (signal) => this.invoke(handler, args, signal, live),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // EXECUTION(…) | op (§13.8, in `operations.ts`)

  operate(op: ExecutionOp, target: string, caller: CallerContext, waitTimeoutSeconds?: number): Promise<Value> {
    return this.operations.operate(op, target, caller, waitTimeoutSeconds);
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
    }, undefined, { searchable: true }); // a request to an owner elsewhere, found by its cancel poll
    // A live execution still queued or starting will see the record is no longer PENDING and not run.
    live?.controller.abort(why);
  }
}
