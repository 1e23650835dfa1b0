/**
 * Reading execution records for the dashboard (LANGUAGE.md §14.1).
 */
import type { ExecutionRecord } from '../executions';
import { serviceContext } from './context';
import type { ExecutionView } from './types';

const toView = (r: ExecutionRecord): ExecutionView => ({
  execution_id: r.execution_id, kind: r.kind, status: r.status, track_name: r.track_name,
  procedure_name: r.procedure_name, parent_id: r.parent_id, root_id: r.root_id, created_at: r.created_at,
  started_at: r.started_at, completed_at: r.completed_at, duration_ms: r.duration_ms,
  error: r.error ? { type: r.error.type, code: r.error.code, message: r.error.message } : null,
  output: r.output ?? [],
});

/** The most recent executions, newest first (default 100, at most 1,000). */
export async function listExecutions(input: { limit?: number } = {}): Promise<ExecutionView[]> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 100), 1), 1_000);
  const ctx = await serviceContext();
  const records = await ctx.scheduler.records.search({ match_all: {} }, limit);
  return records.map(toView);
}
