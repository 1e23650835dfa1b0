import { describe, expect, it } from 'vitest';
import { parseScript } from '../../lib/language';
import type { Diagnostic } from '../../lib/language/ast';
import { diagnosticMarkers, MARKER_SEVERITY, positionDiagnostics } from './diagnostic-markers';

const diagnostic = (from: number, to: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  severity,
  code: 'SYNTAX_ERROR',
  message: 'm',
  span: { from, to },
});

describe('diagnosticMarkers', () => {
  it.each([
    ['a span keeps its extent', 'PRINT 1 +;', diagnostic(8, 9), [1, 9, 1, 10]],
    ['an empty span covers one character', 'VAR = 1;', diagnostic(4, 4), [1, 5, 1, 6]],
    ['an empty span at a line break stays empty', 'PRINT 1\nX', diagnostic(7, 7), [1, 8, 1, 8]],
    ['an empty span at the end stays empty', 'PRINT', diagnostic(5, 5), [1, 6, 1, 6]],
    ['lines count \\r\\n as one break', 'PRINT 1;\r\nVAR = 1;', diagnostic(14, 15), [2, 5, 2, 6]],
  ])('%s', (_title, source, d, [startLine, startColumn, endLine, endColumn]) => {
    expect(diagnosticMarkers(source, [d])[0]).toMatchObject({
      startLineNumber: startLine,
      startColumn,
      endLineNumber: endLine,
      endColumn,
      severity: MARKER_SEVERITY.error,
    });
  });

  it('marks the syntax errors the parser reports (LANGUAGE.md §3.5)', () => {
    const source = "PRINT 'ok';\nVAR = 1;\n";
    const markers = diagnosticMarkers(source, parseScript(source).diagnostics);
    expect(markers.length).toBeGreaterThan(0);
    expect(markers[0]).toMatchObject({ startLineNumber: 2, startColumn: 5, code: 'SYNTAX_ERROR' });
  });

  it('marks nothing in a valid script', () => {
    const source = "VAR x = 1;\nPRINT x;";
    expect(diagnosticMarkers(source, parseScript(source).diagnostics)).toEqual([]);
  });
});

describe('positionDiagnostics', () => {
  it('sorts by position and adds 1-based line and column', () => {
    const source = 'ab\ncd';
    expect(positionDiagnostics(source, [diagnostic(4, 5), diagnostic(1, 1, 'warning')]).map((d) => [d.line, d.column, d.severity])).toEqual([
      [1, 2, 'warning'],
      [2, 2, 'error'],
    ]);
  });
});
