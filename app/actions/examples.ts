'use server';

import { getExample, listExamples } from '../../lib/service';
import { type ActionResult, errorMessage } from '../../components/common/action-result';

/** The example scripts (from `examples/`) for the IDE's Examples menu. */
export async function listExamplesAction(): Promise<ActionResult<{ name: string; title: string }[]>> {
  try {
    return await listExamples();
  } catch (thrown) {
    return { error: errorMessage(thrown) };
  }
}

/** One example script with its source. */
export async function getExampleAction(input: {
  name: string;
}): Promise<ActionResult<{ name: string; title: string; source: string }>> {
  try {
    return await getExample({ name: input.name });
  } catch (thrown) {
    return { error: errorMessage(thrown) };
  }
}
