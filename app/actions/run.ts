'use server';

import { getRunEvents, runScript } from '../../lib/service';
import type { RunSnapshot } from '../../lib/service/types';
import { type ActionResult, errorMessage } from '../../components/common/action-result';

/** Runs a script's foreground part (LANGUAGE.md §3, §13) for the IDE; failures come back as `{ error }`. */
export async function runScriptAction(input: { source: string }): Promise<ActionResult<RunSnapshot>> {
  try {
    return await runScript({ source: input.source });
  } catch (thrown) {
    return { error: errorMessage(thrown) };
  }
}

/** The events of run `runId` from index `after` on (background PRINTs, terminal executions) and `done`. */
export async function getRunEventsAction(input: { runId: string; after: number }): Promise<ActionResult<RunSnapshot>> {
  try {
    return await getRunEvents({ runId: input.runId, after: input.after });
  } catch (thrown) {
    return { error: errorMessage(thrown) };
  }
}
