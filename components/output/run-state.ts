import type { RunEvent, RunExit, RunSnapshot } from '../../lib/service/types';

/**
 * The state of one script run in the IDE, as a reducer over what the server actions return: the
 * foreground snapshot of `runScript`, then the tails that `getRunEvents` adds while background executions
 * finish (LANGUAGE.md §13, the `escript run --json` events). Pure, so the output panel renders props only.
 */

/** Where a run is: `running` while the foreground part runs, `following` while background work is polled. */
export const RUN_PHASES = ['idle', 'running', 'following', 'done', 'failed'] as const;

/** One of `RUN_PHASES`. */
export type RunPhase = (typeof RUN_PHASES)[number];

/** Everything the output panel shows about the latest run. */
export interface RunState {
  phase: RunPhase;
  runId: string | null;
  exit: RunExit | null;
  events: RunEvent[];
  /** A failure of the action itself (server unreachable, invalid input), not a script error. */
  failure: string | null;
  /** 1-based numbers of the top-level statements that are ES|QL queries, whose results show as tables. */
  queryStatements: number[];
  /** How many `getRunEvents` answers arrived; each one schedules the next poll. */
  polls: number;
}

/** What can happen to a run. */
export type RunAction =
  | { type: 'start'; queryStatements: number[] }
  | { type: 'snapshot'; snapshot: RunSnapshot }
  | { type: 'tail'; runId: string; snapshot: RunSnapshot }
  | { type: 'failure'; message: string };

/** The state before anything ran. */
export const INITIAL_RUN_STATE: RunState = {
  phase: 'idle',
  runId: null,
  exit: null,
  events: [],
  failure: null,
  queryStatements: [],
  polls: 0,
};

/** Applies one action; a tail of a run that is no longer the current one is ignored. */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      return { ...INITIAL_RUN_STATE, phase: 'running', queryStatements: action.queryStatements };
    case 'snapshot':
      return {
        ...state,
        phase: action.snapshot.done ? 'done' : 'following',
        runId: action.snapshot.runId,
        exit: action.snapshot.exit,
        events: action.snapshot.events,
      };
    case 'tail':
      if (action.runId !== state.runId || state.phase !== 'following') return state;
      return {
        ...state,
        phase: action.snapshot.done ? 'done' : 'following',
        events: [...state.events, ...action.snapshot.events],
        polls: state.polls + 1,
      };
    case 'failure':
      return { ...state, phase: 'failed', failure: action.message };
  }
}

/** True while the run still has work in flight (foreground or background). */
export function isRunActive(state: RunState): boolean {
  return state.phase === 'running' || state.phase === 'following';
}
