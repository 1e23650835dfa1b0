/**
 * Offsets → 1-based line and column (LANGUAGE.md §2.1): columns count Unicode code points, a tab is
 * one column, and `\r\n`, `\n` and `\r` are each one line break. The only place that computes them.
 */

/** 1-based line and column of `offset` (clamped to the source) per §2.1. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let column = 1;
  for (let i = 0; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 13) {
      // `\r\n` is one break: the `\n` that follows is skipped here.
      if (source.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
      line++;
      column = 1;
    } else if (code === 10) {
      line++;
      column = 1;
    } else if (code >= 0xdc00 && code <= 0xdfff && i > 0 && isHighSurrogate(source.charCodeAt(i - 1))) {
      // The low half of a surrogate pair belongs to the code point already counted.
    } else {
      column++;
    }
  }
  return { line, column };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
