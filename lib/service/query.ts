/**
 * Running a standalone ES|QL query (`escript query`): the body of `POST /_query`, unchanged.
 */
import { serviceContext } from './context';

export interface EsqlResponse {
  columns: { name: string; type: string }[];
  values: unknown[][];
  [key: string]: unknown;
}

/** Sends `query` to the store as is; store errors surface as the client's `ResponseError`. */
export async function runQuery(input: { query: string }): Promise<EsqlResponse> {
  if (typeof input?.query !== 'string' || input.query.trim() === '') throw new TypeError('runQuery: query must be a non-empty string');
  const ctx = await serviceContext();
  return (await ctx.client.esql.query({ query: input.query })) as unknown as EsqlResponse;
}
