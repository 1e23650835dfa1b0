// Syntax error positions (§3.5, §18.6, §18.26) and hint wording (§3.4) through the public parseScript.
import { describe, expect, it } from 'vitest';
import { lineColumn, parseScript } from './index';

function errors(source: string): string[] {
  return parseScript(source).diagnostics.map((d) => {
    const { line, column } = lineColumn(source, d.span.from);
    return `${line}:${column}`;
  });
}

function messages(source: string): string[] {
  return parseScript(source).diagnostics.map((d) => d.message);
}

describe('syntax error positions', () => {
  it.each([
    ['VAR = 1;', ['1:5']],
    ['PRINT 1 +;', ['1:10']],
    ['PRINT a < b < c;', ['1:13']],
    ['DECLARE then NUMBER;', ['1:9']],
    ['VAR into = 2;', ['1:5']],
    ['CONST null = 3;', ['1:7']],
    ["PRINT 'not printed';\nVAR = 1;\nPRINT 'fine';\nPRINT 1 +;", ['2:5', '4:10']],
    ['x = 5;', ['1:3']],
    ['IF a = 1 THEN PRINT 1; END IF', ['1:6']],
    ["PRINT 'a' PRINT 'b';", ['1:11']],
    ['PRINT 5.;', ['1:8']],
    ['PRINT .5;', ['1:7']],
    ['PRINT 1e400;', ['1:7']],
    ["PRINT 'a\\qb';", ['1:9']],
    ["PRINT 'a\\qb' || 1;", ['1:9']],
    ['PRINT "x ${} y";', ['1:10']],
    ['PRINT 1;\n  /* never closed', ['2:3']],
    ['CREATE PROCEDURE p() BEGIN CREATE PROCEDURE q() BEGIN END PROCEDURE END PROCEDURE', ['1:28']],
    ['TRY PRINT 1; CATCH PRINT 2; CATCH type_error PRINT 3; END TRY', ['1:29']],
    ['LOOP TRY PRINT 1; FINALLY BREAK; END TRY END LOOP', ['1:27']],
    ['TRY PRINT 1; FINALLY RETURN 1; END TRY', ['1:22']],
    ['BREAK;', ['1:1']],
    ['PRINT {a: 1, "a": 2};', ['1:14']],
    ['CREATE PROCEDURE p(a INT, a INT) BEGIN END PROCEDURE', ['1:27']],
    ['VAR f = x => x + 1;', ['1:9']],
    ["EXECUTION('x');", ['1:15']],
    ['p() | ON_DONE h(@result.count);', ['1:24']],
    ['PARALLEL [p(), q()] | ON_DONE h(@result);', ['1:23']],
    ["p() | TRACK AS 'a' | TRACK AS 'b';", ['1:22']],
    ['p() | ON_DONE h(@results);', ['1:17']],
    ['DECLARE x FOO;', ['1:11']],
    ['IF x THEN PRINT 1 + ; PRINT 2 END IF', ['1:21', '1:31']],
  ])('%j → %j', (source, expected) => {
    expect(errors(source)).toEqual(expected);
  });

  it.each([
    ['VAR ok = 1; PRINT ok;'],
    ['FOR i IN 1..5 LOOP PRINT i; END LOOP'],
    ['PRINT ARRAY_MAP([1, 2], x => x * 2);'],
    ['PRINT ARRAY_REDUCE([1, 2], (a, b) => a + b, 0);'],
    ['PRINT {end: 1, case: 2}.end;'],
    ["PRINT REPLACE('a-b', '-', '+');"],
    ['PRINT 1 /* fine */ ; -- trailing'],
  ])('%j has no diagnostics', (source) => {
    expect(parseScript(source).diagnostics).toEqual([]);
  });
});

describe('syntax error hints (§3.4)', () => {
  it.each([
    ['x = 5;', /SET/],
    ['IF a = 1 THEN PRINT 1; END IF', /use `==`/],
    ["PRINT 'a' PRINT 'b';", /expected `;` after PRINT statement/],
    ['DECLARE then NUMBER;', /reserved word/],
    ['PRINT a < b < c;', /chained/],
  ])('%j → %s', (source, pattern) => {
    expect(messages(source)[0]).toMatch(pattern);
  });

  it('reports SYNTAX_ERROR errors', () => {
    const [d] = parseScript('VAR = 1;').diagnostics;
    expect(d).toMatchObject({ severity: 'error', code: 'SYNTAX_ERROR' });
  });
});
