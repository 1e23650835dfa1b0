/**
 * What every command sees while a query is checked and run: the catalog, the parameters, the query
 * text (for positions and column names), the clock, and the warnings collected for the response.
 */
import type { EsqlCatalog } from './catalog';
import { locate } from './positions';
import type { Span } from './ast';
import type { Params } from './params';

export type { Params } from './params';

const MAX_RECORDED_FAILURES = 20;

/** Evaluation-time warnings, worded as Elasticsearch's `Warning` headers. */
export class Warnings {
  readonly lines: string[] = [];
  private readonly failures = new Map<string, number>();

  constructor(private readonly query: string) {}

  /** Adds a free-form warning once. */
  add(line: string): void { if (!this.lines.includes(line)) this.lines.push(line); }

  /**
   * Records that evaluating the expression at `span` failed with `exception`; the value becomes null (or,
   * for a condition such as CASE's, false: `treatedAs`).
   */
  failure(span: Span, exception: string, treatedAs: 'null' | 'false' = 'null'): void {
    const key = `${span.from}:${span.to}`;
    const count = this.failures.get(key) ?? 0;
    const at = this.at(span.from);
    if (count === 0) {
      this.lines.push(`${at}: evaluation of [${this.query.slice(span.from, span.to)}] failed, treating result as ${treatedAs}. Only first ${MAX_RECORDED_FAILURES} failures recorded.`);
    }
    if (count < MAX_RECORDED_FAILURES) this.add(`${at}: ${exception}`);
    this.failures.set(key, count + 1);
  }

  /** `Line L:C`, the position of `offset` as warnings spell it. */
  at(offset: number): string {
    return locate(this.query, offset).replace(/^line/, 'Line').slice(0, -2);
  }
}


/** What the query read, reported as `documents_found` and `values_loaded` in the response. */
export interface ReadCounts { documentsFound: number; valuesLoaded: number }

/** The per-query context. */
export interface EsqlContext {
  catalog: EsqlCatalog;
  query: string;
  params: Params;
  now: number;
  warnings: Warnings;
  read: ReadCounts;
}
