import { type ChangedRange, type Parser, type Tree, TreeFragment } from '@lezer/common';

/**
 * Keeps a Lezer tree of an editor document up to date with incremental parsing: edits are fed into
 * `TreeFragment.applyChanges`, and the next parse reuses every untouched fragment (STACK.md: a full
 * reparse of 10,000 lines took about 70 ms, too slow per keystroke). Pure and browser-safe.
 */

/** One replacement in a document, in the coordinates of the document before the edit (Monaco's shape). */
export interface TextEdit {
  /** Offset of the replaced range in the document before the edit. */
  rangeOffset: number;
  /** Length of the replaced range. */
  rangeLength: number;
  /** The inserted text. */
  text: string;
}

/**
 * Converts one batch of non-overlapping edits, all expressed against the same old document, into the
 * ascending changed ranges that `TreeFragment.applyChanges` expects.
 */
export function changedRanges(edits: readonly TextEdit[]): ChangedRange[] {
  const sorted = [...edits].sort((a, b) => a.rangeOffset - b.rangeOffset);
  const ranges: ChangedRange[] = [];
  let shift = 0;
  for (const edit of sorted) {
    const fromA = edit.rangeOffset;
    const toA = edit.rangeOffset + edit.rangeLength;
    ranges.push({ fromA, toA, fromB: fromA + shift, toB: fromA + shift + edit.text.length });
    shift += edit.text.length - edit.rangeLength;
  }
  return ranges;
}

/** A document's parse tree that survives edits; ask for `tree(text)` whenever the current tree is needed. */
export class IncrementalTree {
  private current: Tree | null = null;
  private fragments: readonly TreeFragment[] = [];

  constructor(private readonly parser: Parser) {}

  /** Records one batch of edits (see `changedRanges`); the next `tree` call reparses incrementally. */
  applyEdits(edits: readonly TextEdit[]): void {
    if (edits.length === 0) return;
    this.fragments = TreeFragment.applyChanges(this.fragments, changedRanges(edits));
    this.current = null;
  }

  /** The tree of `text`, which must be the document after every edit recorded so far. */
  tree(text: string): Tree {
    // A tree whose length disagrees with the text means an edit was missed: start over rather than
    // highlight stale positions.
    if (this.current && this.current.length !== text.length) this.reset();
    if (!this.current) {
      this.current = this.parser.parse(text, this.fragments);
      this.fragments = TreeFragment.addTree(this.current, this.fragments);
    }
    return this.current;
  }

  /** Forgets every fragment, so the next `tree` call parses from scratch. */
  reset(): void {
    this.current = null;
    this.fragments = [];
  }
}
