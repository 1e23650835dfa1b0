/**
 * What an owner does for the records it holds (LANGUAGE.md §13.8, §13.13): refresh their heartbeat
 * so that no other node recovers them, and notice CANCEL requests written by other processes. The
 * heartbeat is one bulk request per beat, and the cancel poll one search per poll, however many
 * executions this node holds.
 */
import { isTerminal, type ExecutionRecord } from './record';
import type { RecordStore } from './record-store';
import { ExecutionStop } from './stop';

/** A record this node holds (queued PENDING, RUNNING, or a RUNNING group), with the version it knows. */
export interface OwnedRecord {
  record: ExecutionRecord;
  seqNo: number;
  primaryTerm: number;
  controller: AbortController;
}

export interface UpkeepOptions {
  records: RecordStore;
  /** This node's name: the owner written in the records it holds. */
  node: string;
  /** The records this node holds right now. */
  owned: () => Iterable<OwnedRecord>;
  heartbeatMs: number;
  cancelPollMs: number;
  /** Reports a failure of one round; the next round tries again. */
  onError: (what: string, error: unknown) => void;
}

/** Extra hits a cancel poll reads beyond the records this node holds. */
const CANCEL_POLL_MARGIN = 100;

/** Raises `seen` to a newer version of the same record, never back to an older one. */
export function noteVersion(owned: OwnedRecord, seqNo: number, primaryTerm: number): void {
  if (primaryTerm > owned.primaryTerm || (primaryTerm === owned.primaryTerm && seqNo > owned.seqNo)) {
    owned.seqNo = seqNo;
    owned.primaryTerm = primaryTerm;
  }
}

export class OwnerUpkeep {
  private readonly timers: NodeJS.Timeout[] = [];
  private beating = false;
  private polling = false;

  constructor(private readonly options: UpkeepOptions) {}

  start(): void {
    const every = (ms: number, round: () => Promise<void>) => {
      const timer = setInterval(() => void round(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.heartbeatMs, () => this.beat());
    every(this.options.cancelPollMs, () => this.pollCancels());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Refreshes `heartbeat_at` and `output` of every held record; applies what conflicting writes say. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const held = new Map([...this.options.owned()].map((o) => [o.record.execution_id, o]));
      const at = new Date().toISOString();
      const outcomes = await this.options.records.touch([...held.values()].map((o) => ({
        id: o.record.execution_id, seqNo: o.seqNo, primaryTerm: o.primaryTerm, heartbeatAt: at, output: o.record.output,
      })));
      for (const outcome of outcomes) {
        const owned = held.get(outcome.id)!;
        if (outcome.outcome === 'ok') {
          owned.record.heartbeat_at = at;
          noteVersion(owned, outcome.seqNo, outcome.primaryTerm);
        } else if (outcome.outcome === 'missing') {
          stopRun(owned, new ExecutionStop('superseded'));
        } else {
          await this.beatAfterConflict(owned, at);
        }
      }
    } catch (error) {
      this.options.onError('heartbeat', error);
    } finally {
      this.beating = false;
    }
  }

  /** Someone else wrote the record: heartbeat it on its current version, and obey a CANCEL or a recovery. */
  private async beatAfterConflict(owned: OwnedRecord, at: string): Promise<void> {
    const id = owned.record.execution_id;
    const written = await this.options.records.update(id, (r) =>
      isTerminal(r.status) ? null : { ...r, heartbeat_at: at, output: owned.record.output });
    if (written) {
      noteVersion(owned, written.seqNo, written.primaryTerm);
      if (written.record.cancel_requested) stopRun(owned, new ExecutionStop('cancelled'));
      return;
    }
    const current = await this.options.records.get(id);
    const stop = current?.record.cancel_requested ? 'cancelled' : 'superseded';
    if (!current || isTerminal(current.record.status)) stopRun(owned, new ExecutionStop(stop));
  }

  /**
   * Stops running executions whose records carry a CANCEL request from elsewhere: one search for all,
   * over this node's RUNNING records (a search over held ids would read the whole index on the embedded
   * store, every poll). A queued PENDING record cancelled elsewhere is already CANCELLED; its owner drops
   * it from the queue when the next heartbeat finds the record changed.
   */
  async pollCancels(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const held = new Map<string, OwnedRecord>();
      for (const o of this.options.owned()) {
        if (!o.controller.signal.aborted && o.record.status === 'RUNNING') held.set(o.record.execution_id, o);
      }
      if (held.size === 0) return;
      // Held records are the most recently heartbeated RUNNING ones of this node; the margin covers
      // records an earlier process of the same name left, until recovery fails them.
      const requested = await this.options.records.cancelRequested(this.options.node, held.size + CANCEL_POLL_MARGIN);
      for (const id of requested) {
        const owned = held.get(id);
        if (owned) stopRun(owned, new ExecutionStop('cancelled'));
      }
    } catch (error) {
      this.options.onError('cancel poll', error);
    } finally {
      this.polling = false;
    }
  }
}

const stopRun = (owned: OwnedRecord, why: ExecutionStop): void => {
  if (!owned.controller.signal.aborted) owned.controller.abort(why);
};
