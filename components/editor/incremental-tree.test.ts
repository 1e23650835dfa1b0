import { describe, expect, it } from 'vitest';
import { escriptEditorParser as parser } from '../../grammar/mixed';
import { changedRanges, IncrementalTree, type TextEdit } from './incremental-tree';

/** Applies edits that are all expressed against `text` (Monaco's batch semantics). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.rangeOffset - a.rangeOffset)
    .reduce((doc, e) => doc.slice(0, e.rangeOffset) + e.text + doc.slice(e.rangeOffset + e.rangeLength), text);
}

describe('changedRanges', () => {
  it('maps a batch of edits to ascending ranges in both documents', () => {
    expect(
      changedRanges([
        { rangeOffset: 10, rangeLength: 0, text: 'xyz' },
        { rangeOffset: 2, rangeLength: 3, text: 'a' },
      ]),
    ).toEqual([
      { fromA: 2, toA: 5, fromB: 2, toB: 3 },
      { fromA: 10, toA: 10, fromB: 8, toB: 11 },
    ]);
  });
});

describe('IncrementalTree', () => {
  const start = "CREATE PROCEDURE p(n INT)\nBEGIN\n  PRINT 'n=' || n;\nEND PROCEDURE\nCALL p(1);\n";
  const batches: TextEdit[][] = [
    [{ rangeOffset: start.indexOf('1);'), rangeLength: 1, text: '42' }],
    [{ rangeOffset: 0, rangeLength: 0, text: '-- header\n' }],
    [
      { rangeOffset: start.indexOf('PRINT'), rangeLength: 5, text: 'PRINT' },
      { rangeOffset: start.length, rangeLength: 0, text: "PRINT 'tail';\n" },
    ],
    [{ rangeOffset: 3, rangeLength: 4, text: '' }],
  ];

  it('gives the same tree as a full parse after every batch of edits', () => {
    const incremental = new IncrementalTree(parser);
    let text = start;
    expect(incremental.tree(text).toString()).toBe(parser.parse(text).toString());
    for (const batch of batches) {
      const next = applyEdits(text, batch);
      incremental.applyEdits(batch);
      text = next;
      expect(incremental.tree(text).toString()).toBe(parser.parse(text).toString());
    }
  });

  // Edits inside embedded ES|QL: the mounted query trees must match a full parse too, including edits that
  // move where a query ends, turn a query into a name, or add a query. Each edit is `[before, length, text]`:
  // replace `length` characters at the first occurrence of `before` in the current text.
  const script = 'DECLARE c CURSOR FOR FROM logs | WHERE level == "ERROR" | LIMIT 5;\nVAR r = (ROW a = 1 | EVAL b = a);\nPRINT r;\n';
  const queryEdits: [string, number, string][] = [
    ['ERROR"', 5, 'WARN'],
    ['| LIMIT', 0, '| KEEP level, msg '],
    ['a);', 0, "a * 2 | WHERE b > :n AND x == 'y' -- c\n | KEEP b, "],
    [';\nVAR', 1, ''],
    ['ROW', 3, 'row'],
    ['DECLARE', 0, 'FROM idx | STATS n = COUNT(*) BY k;\n'],
    ['FROM logs', 4, 'from('],
  ];

  it('gives the same tree as a full parse after every edit inside a query', () => {
    const incremental = new IncrementalTree(parser);
    let text = script;
    expect(incremental.tree(text).toString()).toContain('WhereCommand');
    for (const [before, rangeLength, inserted] of queryEdits) {
      const rangeOffset = text.indexOf(before);
      expect(rangeOffset).toBeGreaterThanOrEqual(0);
      const batch = [{ rangeOffset, rangeLength, text: inserted }];
      incremental.applyEdits(batch);
      text = applyEdits(text, batch);
      expect(incremental.tree(text).toString()).toBe(parser.parse(text).toString());
    }
    expect(text).toContain('from( logs');
  });

  it('reuses the tree until an edit arrives', () => {
    const incremental = new IncrementalTree(parser);
    const first = incremental.tree(start);
    expect(incremental.tree(start)).toBe(first);
    incremental.applyEdits([{ rangeOffset: 0, rangeLength: 0, text: ' ' }]);
    expect(incremental.tree(` ${start}`)).not.toBe(first);
  });

  it('starts over when the text no longer matches the tree', () => {
    const incremental = new IncrementalTree(parser);
    incremental.tree(start);
    const other = 'PRINT 1;';
    expect(incremental.tree(other).toString()).toBe(parser.parse(other).toString());
  });
});
