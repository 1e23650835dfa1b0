/**
 * What the runtime needs from the layers beside it. `lib/executions` implements `AsyncHost`; the
 * service layer wires it in. Keeping the interface here lets the runtime stay ignorant of how
 * executions are scheduled (ARCHITECTURE.md: runtime and executions are siblings).
 */
import type { Client } from '@elastic/elasticsearch';
import type { Value } from './values';

/** One handler of a pipeline, after its non-binding arguments were evaluated (§13.4, §14.2). */
export interface HandlerSpec {
  handler: string;
  args: ({ binding: 'result' | 'results' | 'error' | 'execution' } | { value: Value })[];
}

/** A validated async call (§13.2 steps 1–2 done by the runtime). */
export interface AsyncCallSpec {
  procedure: string;
  arguments: Value[];
  onDone: HandlerSpec[];
  onFail: HandlerSpec[];
  finally: HandlerSpec[];
  trackName: string | null;
  timeoutSeconds: number | null;
}

/** A validated PARALLEL statement (§13.6). */
export interface ParallelSpec {
  branches: { procedure: string; arguments: Value[] }[];
  onAllDone: HandlerSpec[];
  onAnyFail: HandlerSpec[];
  finally: HandlerSpec[];
  trackName: string | null;
  timeoutSeconds: number | null;
}

/** Who is starting or operating on executions: a foreground run, or an execution. */
export interface CallerContext {
  /** The foreground run's id; executions started (transitively) by it are reported to it. */
  runId: string;
  /** The execution whose code is running, or null in the foreground (§13.12 `parent_id`). */
  executionId: string | null;
}

export type ExecutionOp = 'STATUS' | 'CANCEL' | 'RETRY' | 'WAIT';

/** Async execution services (§13). Every method throws `EscriptError` for user errors. */
export interface AsyncHost {
  /** Writes the PENDING record and schedules the run; resolves to the record as written. */
  startCall(spec: AsyncCallSpec, caller: CallerContext): Promise<Value>;
  /** Writes the group and branch records and schedules them; resolves to the group's record. */
  startParallel(spec: ParallelSpec, caller: CallerContext): Promise<Value>;
  /** `EXECUTION(target) | op` (§13.8). `waitTimeoutSeconds` only for WAIT (default 60). */
  operate(op: ExecutionOp, target: string, caller: CallerContext, waitTimeoutSeconds?: number): Promise<Value>;
}

/** Everything a run needs from outside the runtime. */
export interface RuntimeHost {
  client: Client;
  async: AsyncHost;
}

/**
 * A user error raised by a host service (e.g. `UNKNOWN_EXECUTION`, `WAIT_TIMEOUT`). The runtime turns
 * it into its own error at the statement's site (§8.6, §18.11), keeping type, code and message.
 */
class HostErrorClass extends Error {
  constructor(
    readonly type: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** One class per process even if this module is bundled twice (see `DateValue` in ./values). */
export const HostError: typeof HostErrorClass = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('elastic-script-studio.HostError')
] ??= HostErrorClass) as typeof HostErrorClass;
export type HostError = HostErrorClass;
