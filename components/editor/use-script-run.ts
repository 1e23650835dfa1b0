'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { RunSnapshot } from '../../lib/service/types';
import { type ActionResult, errorMessage, isActionError } from '../common/action-result';
import { queryStatementNumbers } from '../output/query-statements';
import { INITIAL_RUN_STATE, type RunState, runReducer } from '../output/run-state';

/** The server actions a run needs, handed down from the page (components never import `app/`). */
export interface RunActions {
  /** Runs the foreground part of a script and returns its events so far. */
  runScript: (input: { source: string }) => Promise<ActionResult<RunSnapshot>>;
  /** Events of run `runId` from index `after` on, and whether every execution it started is terminal. */
  getRunEvents: (input: { runId: string; after: number }) => Promise<ActionResult<RunSnapshot>>;
}

/** How often background output is polled while executions started by a run are still going. */
export const POLL_INTERVAL_MS = 500;

/**
 * Runs scripts through the server actions and follows their background executions: after the foreground
 * snapshot it polls `getRunEvents` every `POLL_INTERVAL_MS` until the run is `done`. Starting a new run
 * abandons the previous one's polling.
 */
export function useScriptRun(actions: RunActions): { state: RunState; run: (source: string) => Promise<void> } {
  const [state, dispatch] = useReducer(runReducer, INITIAL_RUN_STATE);
  const generation = useRef(0);
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  const run = useCallback(async (source: string) => {
    const current = ++generation.current;
    dispatch({ type: 'start', queryStatements: queryStatementNumbers(source) });
    try {
      const result = await actionsRef.current.runScript({ source });
      if (current !== generation.current) return;
      dispatch(isActionError(result) ? { type: 'failure', message: result.error } : { type: 'snapshot', snapshot: result });
    } catch (thrown) {
      if (current === generation.current) dispatch({ type: 'failure', message: errorMessage(thrown) });
    }
  }, []);

  const { phase, runId, events, polls } = state;
  const after = events.length;
  useEffect(() => {
    if (phase !== 'following' || !runId) return;
    const current = generation.current;
    const timer = setTimeout(async () => {
      try {
        const result = await actionsRef.current.getRunEvents({ runId, after });
        if (current !== generation.current) return;
        dispatch(isActionError(result) ? { type: 'failure', message: result.error } : { type: 'tail', runId, snapshot: result });
      } catch (thrown) {
        if (current === generation.current) dispatch({ type: 'failure', message: errorMessage(thrown) });
      }
    }, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [phase, runId, after, polls]);

  return { state, run };
}
