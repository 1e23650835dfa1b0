/**
 * Which executions each foreground run started, transitively (§18.3), and when all of them have
 * finished: terminal with their whole pipeline done (§18.19). Front ends wait on this.
 */
export class RunTracker {
  private readonly outstanding = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, (() => void)[]>();

  /** Counts `executionId` as unfinished work of `runId`. */
  add(runId: string, executionId: string): void {
    let set = this.outstanding.get(runId);
    if (!set) this.outstanding.set(runId, (set = new Set()));
    set.add(executionId);
  }

  /** Marks `executionId` finished; wakes the run's waiters when nothing is left. */
  finish(runId: string, executionId: string): void {
    const set = this.outstanding.get(runId);
    if (!set) return;
    set.delete(executionId);
    if (set.size > 0) return;
    this.outstanding.delete(runId);
    for (const wake of this.waiters.get(runId) ?? []) wake();
    this.waiters.delete(runId);
  }

  /** True when the run has no unfinished executions. */
  isSettled(runId: string): boolean {
    return !this.outstanding.has(runId);
  }

  /** Resolves once the run has no unfinished executions. */
  settled(runId: string): Promise<void> {
    if (this.isSettled(runId)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(runId) ?? [];
      list.push(resolve);
      this.waiters.set(runId, list);
    });
  }
}
