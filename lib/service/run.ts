/**
 * Running scripts (LANGUAGE.md §1): the use case behind the IDE's Run button and `escript run`.
 */
import { randomUUID } from 'node:crypto';
import { runScript as runtimeRunScript, valueToJson } from '../runtime';
import { serviceContext } from './context';
import type { RunEvent, RunExit, RunSnapshot } from './types';

export interface RunScriptInput {
  source: string;
  /** Called with every event of the run as it happens, background events included. */
  onEvent?: (event: RunEvent) => void;
}

/** The largest script accepted, so one request cannot exhaust the server. */
const MAX_SOURCE_CHARS = 5_000_000;

/** Runs a script's foreground part and returns its events; its executions go on in the background. */
export async function runScript(input: RunScriptInput): Promise<RunSnapshot> {
  if (typeof input?.source !== 'string') throw new TypeError('runScript: source must be a string');
  if (input.source.length > MAX_SOURCE_CHARS) {
    throw new RangeError(`runScript: the script is longer than ${MAX_SOURCE_CHARS} characters`);
  }
  const ctx = await serviceContext();
  const runId = randomUUID();
  const log = ctx.runs.create(runId);
  if (input.onEvent) log.listeners.push(input.onEvent);
  const emit = (event: RunEvent) => ctx.runs.push(runId, event);
  const outcome = await runtimeRunScript(input.source, {
    host: { client: ctx.client, async: ctx.scheduler },
    caller: { runId, executionId: null },
    onPrint: (text, level) => emit({ event: 'print', text, level, execution_id: null }),
    onResult: (statement, line, value) => emit({ event: 'result', statement, line, value: valueToJson(value) }),
  });
  let exit: RunExit = 0;
  if (outcome.kind === 'syntax') {
    for (const error of outcome.errors) emit({ event: 'error', statement: 0, error });
    exit = 2;
  } else if (outcome.error) {
    emit({ event: 'error', statement: outcome.errorStatement ?? 0, error: outcome.error });
    exit = 1;
  }
  log.exit = exit;
  return snapshot(runId, 0);
}

/** The events of run `runId` from index `after` on, and whether its executions have all finished. */
export async function getRunEvents(input: { runId: string; after: number }): Promise<RunSnapshot> {
  if (typeof input?.runId !== 'string') throw new TypeError('getRunEvents: runId must be a string');
  const after = Number.isInteger(input.after) && input.after >= 0 ? input.after : 0;
  return snapshot(input.runId, after);
}

/** Resolves once every execution started by the run (transitively) has finished with its pipeline (§18.3). */
export async function waitForRun(runId: string): Promise<void> {
  const ctx = await serviceContext();
  await ctx.scheduler.runs.settled(runId);
}

/**
 * Resolves once this process has no recovered pipeline running (§13.13): a CLI run that resumed another
 * node's handlers waits for them before it exits, instead of leaving them to be interrupted again.
 */
export async function waitForBackground(): Promise<void> {
  const ctx = await serviceContext();
  await ctx.scheduler.idle();
}

async function snapshot(runId: string, after: number): Promise<RunSnapshot> {
  const ctx = await serviceContext();
  const log = ctx.runs.get(runId);
  if (!log) return { runId, exit: 0, events: [], done: true };
  return {
    runId, exit: log.exit ?? 0, events: log.events.slice(after),
    done: log.exit !== null && ctx.scheduler.runs.isSettled(runId),
  };
}
