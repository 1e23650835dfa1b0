/**
 * The general call path for calls generated code cannot make itself (see helpers.ts `callSlow`). It
 * lives in calls.ts, which registers it here: a module without imports, so that the registration
 * works whatever order the import cycle calls.ts → jit → calls.ts evaluates modules in.
 */
import type { Value } from '../../values';
import type { Run } from '../context';
import type { Routine } from '../routines';

/** Makes a call the fast path does not cover; a Promise result means the caller suspends on it. */
export type SlowCall = (run: Run, name: string, site: number, argSites: number[], vals: Value[], cached: Routine | null | undefined) => Value | Promise<Value>;

export const slowCall: { call: SlowCall | null } = { call: null };
