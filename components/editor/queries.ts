'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { type ActionResult, isActionError } from '../common/action-result';

/** An example script as the Examples menu lists it. */
export interface ExampleSummary {
  name: string;
  title: string;
}

/** The server action that lists the example scripts (handed down from the page). */
export type ListExamplesAction = () => Promise<ActionResult<ExampleSummary[]>>;

/** Turns an `ActionError` into a rejected query so TanStack Query shows its error state. */
export async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const value = await result;
  if (isActionError(value)) throw new Error(value.error);
  return value;
}

/** The list of examples; it only changes with a deployment, so it is fetched once per page load. */
export const examplesQuery = (listExamples: ListExamplesAction) =>
  queryOptions({
    queryKey: ['examples'],
    queryFn: () => unwrap(listExamples()),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The examples for the Examples menu. */
export const useExamples = (listExamples: ListExamplesAction) => useQuery(examplesQuery(listExamples));
