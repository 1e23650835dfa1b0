/**
 * Small source scanners used to place syntax errors (LANGUAGE.md §3.5, §18.6, §18.26): skip blanks
 * and comments, read the token at an offset, and find where recovery resumes (the next `;` or
 * block terminator), skipping string literals and comments.
 */

/** Offset of the first character at or after `pos` that is not blank and not inside a comment. */
export function skipTrivia(source: string, pos: number): number {
  let i = pos;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) i++;
    else if (ch === '-' && source[i + 1] === '-') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else break;
  }
  return i;
}

const operators = ['||', '??', '?.', '==', '!=', '<>', '<=', '>=', '=>', '..', '${'];

/** The token starting at `pos` (a word, a number, a quoted string, or an operator), '' at the end. */
export function tokenAt(source: string, pos: number): string {
  const rest = source.slice(pos);
  if (!rest) return '';
  const word = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?|^@[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
  if (word) return word[0];
  if (rest[0] === "'" || rest[0] === '"') {
    const end = rest.indexOf(rest[0], 1);
    return end < 0 ? rest[0] : rest.slice(0, end + 1);
  }
  const op = operators.find((o) => rest.startsWith(o));
  return op ?? rest[0];
}

/** Skips a quoted string starting at `pos`; returns the offset after its closing quote. */
function skipString(source: string, pos: number): number {
  const quote = source[pos];
  let i = pos + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, source.length);
}

/**
 * Where parsing resumes after an unexpected token at `pos` (§18.26): just after the next `;`, or at
 * the next `END` word (a block terminator) that comes after `pos`.
 */
export function resumePoint(source: string, pos: number): number {
  let i = pos;
  let first = true;
  while (i < source.length) {
    const at = skipTrivia(source, i);
    if (at >= source.length) return source.length;
    const ch = source[at];
    if (ch === ';') return at + 1;
    if (ch === "'" || ch === '"') {
      i = skipString(source, at);
    } else {
      const token = tokenAt(source, at);
      if (!first && token.toUpperCase() === 'END') return at;
      i = at + Math.max(1, token.length);
    }
    first = false;
  }
  return source.length;
}
