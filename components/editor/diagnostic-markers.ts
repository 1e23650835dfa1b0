import type { Diagnostic } from '../../lib/language/ast';
import { lineColumn } from '../../lib/language';

/**
 * Syntax diagnostics (LANGUAGE.md §3.5) → Monaco marker data. Positions come from `lineColumn`, the one
 * function that produces lines and columns (STYLE.md R10). Pure and browser-safe.
 */

/** Monaco's `MarkerSeverity` values, so this module needs no Monaco import. */
export const MARKER_SEVERITY = { warning: 4, error: 8 } as const satisfies Record<Diagnostic['severity'], number>;

/** The fields of Monaco's `IMarkerData` this editor sets. */
export interface MarkerData {
  severity: number;
  code: string;
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** A diagnostic with its 1-based start position, as the editor's problem list shows it. */
export interface PositionedDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  line: number;
  column: number;
  offset: number;
}

/** Each diagnostic with its 1-based line and column (LANGUAGE.md §2.1), in source order. */
export function positionDiagnostics(source: string, diagnostics: readonly Diagnostic[]): PositionedDiagnostic[] {
  return [...diagnostics]
    .sort((a, b) => a.span.from - b.span.from)
    .map((d) => ({ severity: d.severity, code: d.code, message: d.message, offset: d.span.from, ...lineColumn(source, d.span.from) }));
}

function isLineBreak(source: string, offset: number): boolean {
  const code = source.charCodeAt(offset);
  return code === 10 || code === 13;
}

/**
 * One marker per diagnostic. Lezer error spans are often empty; an empty span is widened to the character at
 * its start (unless that is a line break or the end of the text) so the squiggle is visible.
 */
export function diagnosticMarkers(source: string, diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const from = Math.min(d.span.from, source.length);
    let to = Math.min(Math.max(d.span.to, from), source.length);
    if (to === from && from < source.length && !isLineBreak(source, from)) to = from + 1;
    const start = lineColumn(source, from);
    const end = lineColumn(source, to);
    return {
      severity: MARKER_SEVERITY[d.severity],
      code: d.code,
      message: d.message,
      source: 'escript',
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: end.line,
      endColumn: end.column,
    };
  });
}
