import type { Tree } from '@lezer/common';
import { highlightTree, tagHighlighter, tags as t } from '@lezer/highlight';
import { SEMANTIC_TOKEN_TYPES, type SemanticTokenType } from './token-styles';

/**
 * Lezer highlighting → Monaco semantic tokens (STACK.md, "Lezer inside Monaco"). The grammars attach
 * style tags (grammar/highlight.ts for scripts, grammar/esql-highlight.ts for the ES|QL tree that
 * grammar/mixed.ts mounts inside each query, so ES|QL keywords, strings and numbers share the script
 * colours); this module maps tags to the legend of token-styles.ts, splits tokens
 * at line breaks (a semantic token cannot span lines) and encodes Monaco's 5-integer delta records.
 * Offsets are UTF-16 indexes, as in both Lezer and Monaco models. Pure and browser-safe.
 */

// A tag matches the most specific rule along its parents, so `special(string)` (a whole query from the plain
// parser, an index pattern from the mixed one) wins over `string`, and `function(variableName)` over
// `variableName`.
const highlighter = tagHighlighter([
  { tag: t.keyword, class: 'keyword' },
  { tag: [t.typeName, t.className], class: 'type' },
  { tag: t.special(t.string), class: 'esql' },
  { tag: [t.string, t.escape, t.special(t.brace)], class: 'string' },
  { tag: t.number, class: 'number' },
  { tag: [t.bool, t.null, t.atom, t.special(t.variableName)], class: 'constant' },
  { tag: t.comment, class: 'comment' },
  { tag: t.operator, class: 'operator' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], class: 'function' },
  { tag: t.variableName, class: 'variable' },
  { tag: t.propertyName, class: 'property' },
  { tag: t.invalid, class: 'invalid' },
]);

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((type, index) => [type, index]));

/** A highlighted range of the source: `[from, to)` offsets and its token type. */
export interface HighlightedRange {
  from: number;
  to: number;
  type: SemanticTokenType;
}

/** The highlighted ranges of `tree` that touch `[from, to)`, in document order, never overlapping. */
export function highlightedRanges(tree: Tree, from = 0, to = tree.length): HighlightedRange[] {
  const ranges: HighlightedRange[] = [];
  highlightTree(
    tree,
    highlighter,
    (start, end, classes) => {
      // Several tags on one node give several classes; the first is the most specific rule that matched.
      const type = classes.split(' ')[0] as SemanticTokenType;
      if (TYPE_INDEX.has(type) && end > start) ranges.push({ from: start, to: end, type });
    },
    from,
    to,
  );
  return ranges;
}

/** Start offset of every line of `text`; `\r\n`, `\n` and `\r` each end a line (LANGUAGE.md §2.1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the line containing `offset`, by binary search over `starts`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** End offset of line `line`, excluding its line break. */
function lineEnd(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/**
 * Encodes `ranges` as Monaco semantic token data: per token `[deltaLine, deltaStartChar, length, type, 0]`,
 * with lines and characters 0-based and the start character relative to the previous token on the same line.
 * A range that crosses line breaks becomes one token per line.
 */
export function encodeSemanticTokens(text: string, ranges: readonly HighlightedRange[]): Uint32Array {
  const starts = lineStarts(text);
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  for (const range of ranges) {
    const type = TYPE_INDEX.get(range.type);
    if (type === undefined) continue;
    for (let line = lineOf(starts, range.from); line < starts.length && starts[line] < range.to; line++) {
      const from = Math.max(range.from, starts[line]);
      const to = Math.min(range.to, lineEnd(text, starts, line));
      if (to <= from) continue;
      const char = from - starts[line];
      data.push(line - previousLine, line === previousLine ? char - previousChar : char, to - from, type, 0);
      previousLine = line;
      previousChar = char;
    }
  }
  return Uint32Array.from(data);
}

/** Semantic token data for the part `[from, to)` of the document parsed into `tree`. */
export function semanticTokens(tree: Tree, text: string, from = 0, to = text.length): Uint32Array {
  return encodeSemanticTokens(text, highlightedRanges(tree, from, to));
}
