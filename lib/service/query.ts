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

/** The text formats `POST /_query` answers in besides JSON. */
export type QueryTextFormat = 'txt' | 'csv' | 'tsv';

/** Sends `query` to the store asking for its answer as `format` text (a table, CSV or TSV), and returns that text. */
export async function runQueryAsText(input: { query: string; format: QueryTextFormat }): Promise<string> {
  if (typeof input?.query !== 'string' || input.query.trim() === '') throw new TypeError('runQueryAsText: query must be a non-empty string');
  const ctx = await serviceContext();
  return String(await ctx.client.esql.query({ query: input.query, format: input.format }));
}
