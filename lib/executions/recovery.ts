/**
 * Recovery decisions of LANGUAGE.md §13.13, as pure functions of a record and the time: which
 * records lost their owner, what recovery writes into them, and whose pipelines a node resumes.
 * `recovery-sweep.ts` runs the queries and writes; the scheduler runs the resumed pipelines.
 */
import type { Json } from '../runtime/values';
import { hasHandlers } from './pipeline';
import { interruptedError, isTerminal, type ExecutionRecord } from './record';

/** What a node knows when it judges a record. */
export interface RecoveryView {
  /** This node's name. */
  node: string;
  nowMs: number;
  leaseMs: number;
  /** When this process started: records of its name created before then belong to an earlier process. */
  startedAtMs: number;
  /** Whether the node name was configured (ESCRIPT_NODE_NAME): only then is a record of its name its own. */
  ownName: boolean;
}

const ms = (iso: string | null): number => (iso === null ? NaN : Date.parse(iso));

/** Whether `heartbeat_at` is older than the lease. */
export const heartbeatExpired = (record: ExecutionRecord, view: RecoveryView): boolean =>
  ms(record.heartbeat_at) < view.nowMs - view.leaseMs;

/** Whether the record carries this node's configured name and was written by an earlier process of it. */
export const leftByEarlierProcess = (record: ExecutionRecord, view: RecoveryView): boolean =>
  view.ownName && record.node === view.node && ms(record.created_at) < view.startedAtMs;

/**
 * Whether recovery fails this PENDING or RUNNING record (§13.13): its owner's lease expired, or it
 * is left over from an earlier process of this configured node. `live` says whether this node holds
 * it right now (then it is never recovered, whatever its heartbeat says).
 */
export function ownerLost(record: ExecutionRecord, view: RecoveryView, live: boolean): boolean {
  if (isTerminal(record.status) || live) return false;
  return heartbeatExpired(record, view) || leftByEarlierProcess(record, view);
}

/**
 * The record as recovery leaves it: FAILED with the `interrupted` error naming the lost owner, and
 * owned from now on by the recovering node, which runs its pipeline (§13.13). A group's `result` is
 * its branch results (§13.6). Null for a terminal record: recovery never changes an outcome.
 */
export function interruptedRecord(
  record: ExecutionRecord, now: Date, recoverer: string, groupResult: Json[] | null = null,
): ExecutionRecord | null {
  if (isTerminal(record.status)) return null;
  const at = now.toISOString();
  const started = ms(record.started_at);
  return {
    ...record,
    status: 'FAILED',
    result: record.kind === 'parallel' ? groupResult : null,
    error: interruptedError(record.node),
    completed_at: at,
    duration_ms: Number.isNaN(started) ? null : now.getTime() - started,
    node: recoverer,
    heartbeat_at: at,
    pipeline_done: !hasHandlers(record),
  };
}

/**
 * Whether this node resumes the pipeline of a terminal record whose `pipeline_done` is false (§13.13):
 * - `skip`: nothing to do (pipeline done, this node drives it now, or its driver may still be working);
 * - `resume`: this node continues it (each handler run is claimed on its own as it starts);
 * - `ask-owner`: it resumes only if the node that drives it (`node`) shows no sign of life.
 */
export function pipelineDecision(record: ExecutionRecord, view: RecoveryView, driving: boolean): 'skip' | 'resume' | 'ask-owner' {
  if (!isTerminal(record.status) || record.pipeline_done || driving) return 'skip';
  if (leftByEarlierProcess(record, view)) return 'resume';
  // A driver between two handlers has just written a terminal record; only a quiet pipeline is suspect.
  if (!heartbeatExpired(record, view)) return 'skip';
  return record.node === view.node ? 'resume' : 'ask-owner';
}
