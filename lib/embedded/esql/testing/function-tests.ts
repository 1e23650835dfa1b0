/**
 * Helpers of the ES|QL function tests: a query run end to end on a catalog, its columns as `name:type`,
 * its values and its warnings (without the default LIMIT's), and the two warning lines Elasticsearch
 * gives for a failed evaluation.
 */
import { expect } from 'vitest';
import type { EsqlCatalog } from '../catalog';
import { runEsql } from '../index';

export interface QueryRun { columns: string[]; values: unknown[][]; warnings: string[] }

/** Runs `query`, which must succeed. */
export function runQuery(catalog: EsqlCatalog, query: string): QueryRun {
  const r = runEsql(catalog, { query });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const body = r.body as { columns: { name: string; type: string }[]; values: unknown[][] };
  return {
    columns: body.columns.map((c) => `${c.name}:${c.type}`),
    values: body.values,
    warnings: (r.warnings ?? []).filter((w) => !w.startsWith('No limit defined')),
  };
}

/** The reason of a query that must be refused with a 400. */
export function refusalOf(catalog: EsqlCatalog, query: string): string {
  const r = runEsql(catalog, { query });
  expect(r.status).toBe(400);
  return (r.body as { error: { reason: string } }).error.reason;
}

/** Elasticsearch's warnings for an evaluation of `text` at `at` (`1:9`) that failed with `exception`. */
export const failed = (at: string, text: string, exception: string) =>
  [`Line ${at}: evaluation of [${text}] failed, treating result as null. Only first 20 failures recorded.`, `Line ${at}: ${exception}`];

export const ARITHMETIC = 'java.lang.ArithmeticException: ';
export const ILLEGAL = 'java.lang.IllegalArgumentException: ';
export const MULTI = `${ILLEGAL}single-value function encountered multi-value`;
