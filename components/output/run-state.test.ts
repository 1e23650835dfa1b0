import { describe, expect, it } from 'vitest';
import type { RunEvent, RunSnapshot } from '../../lib/service/types';
import { INITIAL_RUN_STATE, isRunActive, type RunAction, runReducer } from './run-state';

const print = (text: string, execution_id: string | null = null): RunEvent => ({ event: 'print', text, level: 'INFO', execution_id });
const snapshot = (events: RunEvent[], done: boolean, runId = 'run-1'): RunSnapshot => ({ runId, exit: 0, events, done });
const reduce = (...actions: RunAction[]) => actions.reduce(runReducer, INITIAL_RUN_STATE);

describe('runReducer', () => {
  it('follows a run until its background work is done, appending tails', () => {
    const state = reduce(
      { type: 'start', queryStatements: [2] },
      { type: 'snapshot', snapshot: snapshot([print('a')], false) },
      { type: 'tail', runId: 'run-1', snapshot: snapshot([print('b', 'exec-1')], false) },
      { type: 'tail', runId: 'run-1', snapshot: snapshot([], true) },
    );
    expect(state.phase).toBe('done');
    expect(state.events.map((e) => (e.event === 'print' ? e.text : e.event))).toEqual(['a', 'b']);
    expect(state.polls).toBe(2);
    expect(state.queryStatements).toEqual([2]);
  });

  it.each([
    ['running', [{ type: 'start', queryStatements: [] }], true],
    ['following', [{ type: 'start', queryStatements: [] }, { type: 'snapshot', snapshot: snapshot([], false) }], true],
    ['done', [{ type: 'start', queryStatements: [] }, { type: 'snapshot', snapshot: snapshot([], true) }], false],
    ['failed', [{ type: 'start', queryStatements: [] }, { type: 'failure', message: 'offline' }], false],
  ] as [string, RunAction[], boolean][])('phase %s is active: %s', (phase, actions, active) => {
    const state = reduce(...actions);
    expect(state.phase).toBe(phase);
    expect(isRunActive(state)).toBe(active);
  });

  it('ignores a tail of another run', () => {
    const state = reduce(
      { type: 'start', queryStatements: [] },
      { type: 'snapshot', snapshot: snapshot([print('a')], false, 'run-2') },
      { type: 'tail', runId: 'run-1', snapshot: snapshot([print('old')], true) },
    );
    expect(state.events).toHaveLength(1);
    expect(state.phase).toBe('following');
  });

  it('starts a new run from a clean slate', () => {
    const state = reduce(
      { type: 'snapshot', snapshot: snapshot([print('a')], true) },
      { type: 'start', queryStatements: [] },
    );
    expect(state).toMatchObject({ phase: 'running', events: [], runId: null, exit: null });
  });
});
