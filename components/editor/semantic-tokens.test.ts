import { describe, expect, it } from 'vitest';
import { parser } from '../../grammar/parser';
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
    ['FROM logs-* | LIMIT 5;', ['FROM logs-* | LIMIT 5:esql']],
  ])('%s', (source, expected) => {
    expect(words(source).filter((w) => !/^[;=(),]:/.test(w))).toEqual(expected);
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
