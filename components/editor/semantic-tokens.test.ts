import { describe, expect, it } from 'vitest';
import { escriptEditorParser as parser } from '../../grammar/mixed';
import { encodeSemanticTokens, highlightedRanges, lineStarts, semanticTokens } from './semantic-tokens';
import { SEMANTIC_TOKEN_TYPES } from './token-styles';

/** The highlighted words of `source` as `text:type`, for compact expectations. */
function words(source: string): string[] {
  return highlightedRanges(parser.parse(source)).map((r) => `${source.slice(r.from, r.to)}:${r.type}`);
}

/** Decodes Monaco's delta records back to `[line, char, length, type]` tuples. */
function decode(data: Uint32Array): [number, number, number, string][] {
  const tokens: [number, number, number, string][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    tokens.push([line, char, data[i + 2], SEMANTIC_TOKEN_TYPES[data[i + 3]]]);
  }
  return tokens;
}

describe('highlightedRanges', () => {
  it.each([
    ["PRINT 'hi';", ["PRINT:keyword", "'hi':string"]],
    ['VAR n = 42;', ['VAR:keyword', 'n:variable', '42:number']],
    ['-- note\nPRINT TRUE;', ['-- note:comment', 'PRINT:keyword', 'TRUE:constant']],
    ['print upper(x);', ['print:keyword', 'upper:function', 'x:variable']],
  ])('%s', (source, expected) => {
    expect(words(source).filter((w) => !/^[;=(),]:/.test(w))).toEqual(expected);
  });
});

describe('highlightedRanges inside embedded ES|QL (§2.10, §10.1)', () => {
  it.each([
    // query statement: commands are keywords, the index pattern keeps the ES|QL colour
    ['FROM logs-* | LIMIT 5;', ['FROM:keyword', 'logs-*:esql', 'LIMIT:keyword', '5:number']],
    [
      'DECLARE c CURSOR FOR FROM logs | WHERE level == "ERROR" | LIMIT 5;',
      ['DECLARE:keyword', 'c:variable', 'CURSOR:keyword', 'FOR:keyword', 'FROM:keyword', 'logs:esql', 'WHERE:keyword',
        'level:property', '==:operator', '"ERROR":string', 'LIMIT:keyword', '5:number'],
    ],
    // query expression: only the text inside the parentheses is ES|QL; script-only forms (§10.2) are understood
    [
      "VAR r = (ROW a = 'x' -- note\n | WHERE a == :who AND b IS NOT NULL);",
      ['VAR:keyword', 'r:variable', 'ROW:keyword', 'a:property', "'x':string", '-- note:comment', 'WHERE:keyword',
        'a:property', '==:operator', ':who:constant', 'AND:keyword', 'b:property', 'IS:keyword', 'NOT:keyword',
        'NULL:constant'],
    ],
    // typed binding: the FROM belongs to the query; functions, casts and ?params
    [
      'DECLARE n NUMBER FROM t | STATS c = COUNT(*) BY x::keyword | LIMIT ?max;',
      ['DECLARE:keyword', 'n:variable', 'NUMBER:type', 'FROM:keyword', 't:esql', 'STATS:keyword', 'c:property',
        'COUNT:function', 'BY:keyword', 'x:property', ':::operator', 'keyword:type', 'LIMIT:keyword', '?max:constant'],
    ],
    // FOR over a parenthesised query; the loop body is script again
    [
      'FOR r IN (FROM t | KEEP a, b*) LOOP PRINT r.a; END LOOP',
      ['FOR:keyword', 'r:variable', 'IN:keyword', 'FROM:keyword', 't:esql', 'KEEP:keyword', 'a:property',
        'b*:property', 'LOOP:keyword', 'PRINT:keyword', 'r:variable', 'a:property', 'END:keyword', 'LOOP:keyword'],
    ],
  ])('%s', (source, expected) => {
    expect(words(source).filter((w) => !/^[;=(),.|]:/.test(w))).toEqual(expected);
  });

  it('colours ES|QL keywords like script keywords, whatever their case', () => {
    expect(words('from logs | where x > 1 | sort x desc;')).toEqual(
      expect.arrayContaining(['from:keyword', 'where:keyword', 'sort:keyword', 'desc:keyword']),
    );
  });

  it('keeps highlighting after an unknown ES|QL command', () => {
    expect(words('FROM t | FROB x | LIMIT 3;')).toEqual(expect.arrayContaining(['LIMIT:keyword', '3:number']));
  });

  it('keeps contextual keywords as names where they are names', () => {
    expect(words('VAR status = 1;')).toContain('status:variable');
  });
});

describe('lineStarts', () => {
  it.each([
    ['', [0]],
    ['a\nb', [0, 2]],
    ['a\r\nb\rc', [0, 3, 5]],
  ])('%j', (text, starts) => expect(lineStarts(text)).toEqual(starts));
});

describe('encodeSemanticTokens', () => {
  it('encodes deltas relative to the previous token', () => {
    const text = 'ab cd\n  ef';
    const data = encodeSemanticTokens(text, [
      { from: 0, to: 2, type: 'keyword' },
      { from: 3, to: 5, type: 'variable' },
      { from: 8, to: 10, type: 'number' },
    ]);
    expect([...data]).toEqual([0, 0, 2, 0, 0, 0, 3, 2, 9, 0, 1, 2, 2, 4, 0]);
  });

  it('splits a token that spans lines, without the line breaks', () => {
    const text = "x = 'one\r\ntwo\nthree';";
    const from = text.indexOf("'");
    const tokens = decode(encodeSemanticTokens(text, [{ from, to: text.length - 1, type: 'string' }]));
    expect(tokens).toEqual([
      [0, 4, 4, 'string'],
      [1, 0, 3, 'string'],
      [2, 0, 6, 'string'],
    ]);
  });
});

describe('semanticTokens', () => {
  it('colours only the requested range', () => {
    const text = "PRINT 1;\nPRINT 'two';\nPRINT 3;";
    const tree = parser.parse(text);
    const second = text.indexOf('\n') + 1;
    const tokens = decode(semanticTokens(tree, text, second, text.indexOf('\n', second)));
    expect(tokens.map(([line]) => line)).toEqual([1, 1]);
    expect(tokens.map(([, , , type]) => type)).toEqual(['keyword', 'string']);
  });
});
