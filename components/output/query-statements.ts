import { parseScript } from '../../lib/language';

/**
 * The 1-based numbers of the top-level statements of `source` that are ES|QL query statements
 * (LANGUAGE.md §10.4), so the output can show their results as tables. Empty when the source doesn't parse.
 */
export function queryStatementNumbers(source: string): number[] {
  const { script } = parseScript(source);
  if (!script) return [];
  return script.statements.flatMap((statement, index) => (statement.kind === 'QueryStatement' ? [index + 1] : []));
}
