/**
 * Offsets → line and column for ES|QL messages (`line 1:33: …`). Both are 1-based; columns count code
 * points, and `\r\n`, `\n` and `\r` each end a line, as Elasticsearch reports them.
 */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) { line++; column = 1; continue; }
    if (c === 13) continue;
    // the second half of a surrogate pair does not start a new column
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = source.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    column++;
  }
  return { line, column };
}

/** The `line L:C: ` prefix Elasticsearch puts before a message about the text at `offset`. */
export function locate(source: string, offset: number): string {
  const { line, column } = lineColumn(source, offset);
  return `line ${line}:${column}: `;
}
