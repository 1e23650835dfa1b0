import { describe, expect, it } from 'vitest';
import { parser } from '../../grammar/parser';
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
