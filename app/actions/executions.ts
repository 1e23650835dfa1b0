'use server';

import { listExecutions } from '../../lib/service';
import type { ExecutionView } from '../../lib/service/types';
import { type ActionResult, errorMessage } from '../../components/common/action-result';

/** The newest executions (LANGUAGE.md §14, `.escript_executions`) for the dashboard. */
export async function listExecutionsAction(input: { limit?: number } = {}): Promise<ActionResult<ExecutionView[]>> {
  try {
    return await listExecutions({ limit: input.limit });
  } catch (thrown) {
    return { error: errorMessage(thrown) };
  }
}
