/**
 * Runs one query against an in-memory catalog and returns what a client would see: the status, the
 * columns and rows (or the error type and reason), and the warning texts. For the engine's unit tests.
 */
import { runEsql } from '../index';
import { MemoryCatalog } from './memory-catalog';

/** What `POST /_query` answered, flattened for assertions. */
export interface Answer {
  status: number;
  columns: string[];
  values: unknown[][];
  error?: { type: string; reason: string };
  warnings: string[];
}

/** Runs `query` (with `params`) on `catalog`; the default-limit warning is left out of `warnings`. */
export function answer(query: string, params?: unknown[], catalog: MemoryCatalog = new MemoryCatalog()): Answer {
  const r = runEsql(catalog, { query, params });
  const warnings = (r.warnings ?? []).filter((w) => !w.startsWith('No limit defined'));
  if (r.status !== 200) {
    const { error } = r.body as { error: { type: string; reason: string } };
    return { status: r.status, columns: [], values: [], error: { type: error.type, reason: error.reason }, warnings };
  }
  const body = r.body as { columns: { name: string; type: string }[]; values: unknown[][] };
  return { status: r.status, columns: body.columns.map((c) => `${c.name}:${c.type}`), values: body.values, warnings };
}
