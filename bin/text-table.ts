/**
 * Renders query rows as an aligned text table for the CLI's plain output.
 */

/** Column-aligned text: a header line, a rule, then one line per row. Cells are already rendered. */
export function textTable(columns: string[], rows: string[][]): string {
  const width = (s: string) => Array.from(s).length;
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => cell + ' '.repeat(widths[i] - width(cell))).join(' | ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}
