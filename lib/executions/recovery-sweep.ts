/**
 * Recovery after a lost owner (LANGUAGE.md §13.13), run at start-up and every `sweepMs`: fail the
 * PENDING and RUNNING records whose owner is gone, then find the pipelines nobody drives any more.
 * Every write is conditional, so when several nodes sweep at once each record has one recoverer.
 * The decisions are in `recovery.ts`; running a resumed pipeline is the scheduler's job (`resume`).
 */
import type { Json } from '../runtime/values';
import { hasHandlers } from './pipeline';
import { derivedId, isTerminal, type ExecutionRecord } from './record';
import type { RecordStore } from './record-store';
import { interruptedRecord, ownerLost, pipelineDecision, type RecoveryView } from './recovery';

export interface SweepOptions {
  records: RecordStore;
  node: string;
  /** Whether the node name was configured (§13.13: then its earlier records are recovered at once). */
  ownName: boolean;
  startedAtMs: number;
  leaseMs: number;
  /** Records read per query. */
  batch: number;
  /** Whether this node holds the record right now (never recovered then). */
  isLive: (id: string) => boolean;
  /** Whether this node is running the pipeline of this source right now. */
  isDriving: (sourceId: string) => boolean;
  /** Continues the pipeline of a terminal source, in the background. */
  resume: (source: ExecutionRecord) => void;
}

/** What one sweep did. */
export interface SweepReport {
  /** Records this node failed with `interrupted`. */
  interrupted: string[];
  /** Sources whose pipelines this node resumed. */
  resumed: string[];
}

const NON_TERMINAL = ['PENDING', 'RUNNING'];
const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

export class RecoverySweeper {
  constructor(private readonly options: SweepOptions) {}

  /** One pass over lost records, then over stalled pipelines. */
  async sweep(now = new Date()): Promise<SweepReport> {
    const view: RecoveryView = {
      node: this.options.node, nowMs: now.getTime(), leaseMs: this.options.leaseMs,
      startedAtMs: this.options.startedAtMs, ownName: this.options.ownName,
    };
    const report: SweepReport = { interrupted: [], resumed: [] };
    await this.failLostRecords(view, report);
    await this.resumeStalledPipelines(view, report);
    return report;
  }

  /** Records matching `status` whose heartbeat expired, or (configured name) left by an earlier process. */
  private suspects(view: RecoveryView, statuses: string[], extra: object[] = []): object {
    const cutoff = new Date(view.nowMs - view.leaseMs).toISOString();
    const should: object[] = [{ range: { heartbeat_at: { lt: cutoff } } }];
    if (view.ownName) {
      should.push({ bool: { filter: [{ term: { node: view.node } }, { range: { created_at: { lt: new Date(view.startedAtMs).toISOString() } } }] } });
    }
    return { bool: { filter: [{ terms: { status: statuses } }, ...extra], should, minimum_should_match: 1 } };
  }

  private async failLostRecords(view: RecoveryView, report: SweepReport): Promise<void> {
    const query = this.suspects(view, NON_TERMINAL);
    // Each page's recovered records leave the query's result; a page without progress ends the pass.
    for (;;) {
      const page = await this.options.records.search(query, this.options.batch);
      let progress = false;
      for (const record of page) {
        if (!ownerLost(record, view, this.options.isLive(record.execution_id))) continue;
        if (await this.interrupt(record, view, report)) progress = true;
      }
      if (!progress || page.length < this.options.batch) return;
    }
  }

  /** Fails one lost record (a group after its unfinished branches) and resumes what must run next. */
  private async interrupt(record: ExecutionRecord, view: RecoveryView, report: SweepReport): Promise<boolean> {
    const records = this.options.records;
    const now = new Date(view.nowMs);
    const stillLost = (r: ExecutionRecord) => ownerLost(r, view, this.options.isLive(r.execution_id));
    let written: ExecutionRecord | null;
    if (record.kind === 'parallel') {
      const count = ((record.pipeline?.branches ?? []) as unknown as unknown[]).length;
      const branches = await Promise.all(Array.from({ length: count }, (_, i) => records.get(derivedId(record.execution_id, 'branch', i))));
      const results: Json[] = branches.map((b) => (b?.record.status === 'COMPLETED' ? b.record.result : null));
      written = (await records.update(record.execution_id, (r) => (stillLost(r) ? interruptedRecord(r, now, view.node, results) : null)))?.record ?? null;
      if (written) {
        // The group's owner is gone, so are its branches' (one node runs a group and its branches).
        for (const branch of branches) {
          if (!branch) continue;
          const done = await records.update(branch.record.execution_id, (r) => interruptedRecord(r, now, view.node));
          if (done) report.interrupted.push(branch.record.execution_id);
        }
      }
    } else {
      written = (await records.update(record.execution_id, (r) => (stillLost(r) ? interruptedRecord(r, now, view.node) : null)))?.record ?? null;
    }
    if (!written) return false;
    report.interrupted.push(written.execution_id);
    // §13.13: the recovering node treats this as an ordinary failure and runs what follows it.
    if (written.kind === 'continuation' && written.parent_id !== null) {
      const source = (await records.get(written.parent_id))?.record;
      // An interrupted handler ends its chain; whoever recovered it continues the pipeline at once.
      if (source && isTerminal(source.status) && !source.pipeline_done && !this.options.isDriving(source.execution_id)) {
        this.options.resume(source);
        report.resumed.push(source.execution_id);
      }
    } else if (hasHandlers(written)) {
      this.options.resume(written);
      report.resumed.push(written.execution_id);
    }
    return true;
  }

  private async resumeStalledPipelines(view: RecoveryView, report: SweepReport): Promise<void> {
    const query = this.suspects(view, TERMINAL, [{ term: { pipeline_done: false } }]);
    const alive = new Map<string, Promise<boolean>>();
    for (let from = 0; ; from += this.options.batch) {
      const page = await this.options.records.search(query, this.options.batch, from);
      for (const record of page) {
        const decision = pipelineDecision(record, view, this.options.isDriving(record.execution_id));
        if (decision === 'skip') continue;
        if (decision === 'ask-owner') {
          if (!alive.has(record.node)) alive.set(record.node, this.nodeAlive(record.node, view));
          if (await alive.get(record.node)) continue;
        }
        this.options.resume(record);
        report.resumed.push(record.execution_id);
      }
      if (page.length < this.options.batch) return;
    }
  }

  /** Whether `node` wrote any heartbeat within the lease (it drives its pipelines while it lives). */
  private async nodeAlive(node: string, view: RecoveryView): Promise<boolean> {
    const cutoff = new Date(view.nowMs - view.leaseMs).toISOString();
    const hits = await this.options.records.search(
      { bool: { filter: [{ term: { node } }, { range: { heartbeat_at: { gte: cutoff } } }] } }, 1);
    return hits.length > 0;
  }
}
