'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExecutionView } from '../../lib/service/types';
import { type ActionResult, isActionError } from '../common/action-result';

/** The server action that lists executions, newest first (handed down from the page). */
export type ListExecutionsAction = (input: { limit?: number }) => Promise<ActionResult<ExecutionView[]>>;

/** How often the dashboard refreshes; new executions can appear at any time, so it never stops by itself. */
export const EXECUTIONS_REFRESH_MS = 2_000;

/** How many executions the dashboard shows. */
export const EXECUTIONS_LIMIT = 200;

/** The newest executions from `.escript_executions` (LANGUAGE.md §14), refreshed every 2 seconds. */
export const executionsQuery = (listExecutions: ListExecutionsAction, limit = EXECUTIONS_LIMIT) =>
  queryOptions({
    queryKey: ['executions', { limit }],
    queryFn: async () => {
      const result = await listExecutions({ limit });
      if (isActionError(result)) throw new Error(result.error);
      return result;
    },
    refetchInterval: EXECUTIONS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });

/** The executions for the dashboard. */
export const useExecutions = (listExecutions: ListExecutionsAction) => useQuery(executionsQuery(listExecutions));
