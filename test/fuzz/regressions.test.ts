// Inputs the parser fuzzer found (issue 3, item 8), kept so they stay fixed: each once threw, ran for
// seconds, or produced a span outside the source. Each must now satisfy every parse property, and
// the ones with a dedicated diagnostic report it where a user would look.
import { describe, expect, it } from 'vitest';
import { lineColumn, parseScript } from '../../lib/language';
import { checkQuery, checkScript } from './properties';

const nested = (open: string, close: string, levels: number) => `PRINT ${open.repeat(levels)}1${close.repeat(levels)};`;

describe('fuzzer findings', () => {
  it.each([
    ['3,000 nested parentheses (stack overflow)', nested('(', ')', 3_000)],
    ['3,000 nested arrays (stack overflow)', nested('[', ']', 3_000)],
    ['3,000 NOTs (stack overflow)', `PRINT ${'NOT '.repeat(3_000)}x;`],
    ['1,200 unclosed parentheses (quadratic error reporting)', `PRINT ${'('.repeat(1_200)}`],
    ['3,000 nested IFs (quadratic error reporting)', 'IF 1 THEN '.repeat(3_000) + 'END IF; '.repeat(3_000)],
    ['an index step cut before its `]` (span past the end)', "SET d.a['k'][0"],
    ['a backslash ending an unterminated string (span past the end)', 'PRINT "backslash:\\'],
  ])('%s', (_title, source) => {
    expect(checkScript(source).problems).toEqual([]);
  });

  it.each([
    ['an RLIKE pattern JavaScript cannot compile (a server error)', 'row a = msg RLIKE """{.*;.*""", b = "x;y"'],
    ['a REPLACE pattern JavaScript cannot compile (a server error)', 'row a = "x" | eval b = replace(a, "(", "y")'],
  ])('ES|QL: %s', (_title, query) => {
    expect(checkQuery(query)).toEqual([]);
  });

  it('reports nesting deeper than 500 levels once, at the first level too deep', () => {
    const source = nested('(', ')', 800);
    const deep = parseScript(source).diagnostics.filter((d) => d.message.includes('nest too deeply'));
    // PRINT is level 1, so the 500th `(` (column 6 + 500) opens level 501.
    expect(deep.map((d) => lineColumn(source, d.span.from))).toEqual([{ line: 1, column: 6 + 500 }]);
  });

  it('accepts 400 nested parentheses without an error', () => {
    expect(parseScript(nested('(', ')', 400)).diagnostics).toEqual([]);
  });
});
