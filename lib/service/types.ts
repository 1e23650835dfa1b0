/**
 * The plain-data shapes that the service layer returns to server actions, route handlers and the CLI.
 * The events are exactly those of `escript run --json` (shared/conformance/lang/README.md).
 */

export type PrintLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

import type { ErrorDocument } from '../runtime/errors';

/** The error document of LANGUAGE.md §8.1 (declared by the runtime, which raises it). */
export type { ErrorDocument };

export type RunEvent =
  | { event: 'print'; text: string; level: PrintLevel; execution_id: string | null }
  | { event: 'result'; statement: number; line: number; value: unknown }
  | { event: 'error'; statement: number; error: ErrorDocument }
  | {
      event: 'execution';
      execution_id: string;
      kind: 'procedure' | 'parallel' | 'continuation';
      track_name: string | null;
      procedure_name: string | null;
      status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
    };

/** How a run ended: 0 ran to its end, 1 a runtime error stopped it, 2 syntax errors (nothing ran). */
export type RunExit = 0 | 1 | 2;

/** What `runScript` returns once the foreground part of a run has finished. */
export interface RunSnapshot {
  runId: string;
  exit: RunExit;
  /** Every event so far, in order (foreground events, then background ones as they arrive). */
  events: RunEvent[];
  /** True when every execution the run started (transitively) is terminal. */
  done: boolean;
}

/** One row of the executions dashboard. */
export interface ExecutionView {
  execution_id: string;
  kind: 'procedure' | 'parallel' | 'continuation';
  status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  track_name: string | null;
  procedure_name: string | null;
  parent_id: string | null;
  root_id: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  error: { type: string; code: string; message: string } | null;
  output: string[];
}
