/**
 * External tokenizers and keyword specializers for grammar/escript.grammar (LANGUAGE.md §2).
 * What the LR tables cannot express lives here: case-insensitive keywords (§2.2–§2.4), where an
 * embedded ES|QL query ends (§2.10), number literals with their error shapes (§2.7), `name%ATTR`
 * cursor attributes, block comments (an unterminated one runs to the end of input and is reported
 * by lib/language), the text parts of double-quoted strings (§2.8–§2.9), and the `;` the last
 * statement of a script may omit (§3.2).
 */
import { ExternalTokenizer, type InputStream, type Stack } from '@lezer/lr';
import * as terms from './parser.terms';

const enum Ch {
  Tab = 9, Newline = 10, CarriageReturn = 13, Space = 32,
  DoubleQuote = 34, Dollar = 36, Percent = 37, SingleQuote = 39, OpenParen = 40, CloseParen = 41,
  Star = 42, Plus = 43, Minus = 45, Dot = 46, Slash = 47, Digit0 = 48, Digit9 = 57,
  Semicolon = 59, Question = 63, UpperA = 65, UpperE = 69, UpperZ = 90, OpenBracket = 91,
  Backslash = 92, CloseBracket = 93, Underscore = 95, LowerA = 97, LowerE = 101, LowerZ = 122,
  OpenBrace = 123, CloseBrace = 125,
}

/** The 50 reserved words of §2.3, lower-cased, mapped to their term ids. */
const reserved: Record<string, number> = {
  and: terms.AND, begin: terms.BEGIN, break: terms.BREAK, call: terms.CALL, case: terms.CASE,
  catch: terms.CATCH, close: terms.CLOSE, const: terms.CONST, continue: terms.CONTINUE,
  create: terms.CREATE, cursor: terms.CURSOR, declare: terms.DECLARE, default: terms.DEFAULT,
  delete: terms.DELETE, drop: terms.DROP, else: terms.ELSE, elseif: terms.ELSEIF, elsif: terms.ELSIF,
  end: terms.END, exit: terms.EXIT, false: terms.FALSE, fetch: terms.FETCH, finally: terms.FINALLY,
  for: terms.FOR, function: terms.FUNCTION, if: terms.IF, in: terms.IN, into: terms.INTO, is: terms.IS,
  loop: terms.LOOP, not: terms.NOT, null: terms.NULL, open: terms.OPEN, or: terms.OR,
  parallel: terms.PARALLEL, print: terms.PRINT, procedure: terms.PROCEDURE, raise: terms.RAISE,
  replace: terms.REPLACE, return: terms.RETURN, set: terms.SET, show: terms.SHOW, switch: terms.SWITCH,
  then: terms.THEN, throw: terms.THROW, true: terms.TRUE, try: terms.TRY, var: terms.VAR,
  when: terms.WHEN, while: terms.WHILE,
};

/** The contextual keywords of §2.4 (lower-cased); they stay identifiers wherever a name fits. */
const contextual: Record<string, number> = {
  on_done: terms.ON_DONE, on_fail: terms.ON_FAIL, on_all_done: terms.ON_ALL_DONE,
  on_any_fail: terms.ON_ANY_FAIL, track: terms.TRACK, as: terms.AS, timeout: terms.TIMEOUT,
  seconds: terms.SECONDS, execution: terms.EXECUTION, status: terms.STATUS, cancel: terms.CANCEL,
  retry: terms.RETRY, wait: terms.WAIT, returns: terms.RETURNS, step: terms.STEP, limit: terms.LIMIT,
  with: terms.WITH, code: terms.CODE, of: terms.OF, debug: terms.DEBUG, info: terms.INFO,
  warn: terms.WARN, error: terms.ERROR, procedures: terms.PROCEDURES, functions: terms.FUNCTIONS,
  // §8.2 error types other than the root `error`, usable right after CATCH.
  type_error: terms.ERROR_TYPE, division_error: terms.ERROR_TYPE,
  null_reference_error: terms.ERROR_TYPE, not_found_error: terms.ERROR_TYPE,
  validation_error: terms.ERROR_TYPE, esql_error: terms.ERROR_TYPE, function_error: terms.ERROR_TYPE,
  timeout_error: terms.ERROR_TYPE, cancelled_error: terms.ERROR_TYPE, syntax_error: terms.ERROR_TYPE,
};

/** The reserved words of §2.3, upper-cased; a name spelled like one is a syntax error. */
export const reservedWords: ReadonlySet<string> = new Set(Object.keys(reserved).map((w) => w.toUpperCase()));

/** `@external specialize` for §2.3: the keyword term of a reserved word (any case), else -1. */
export function specializeReserved(value: string, _stack: Stack): number {
  return reserved[value.toLowerCase()] ?? -1;
}

/** `@external extend` for §2.4: the keyword term of a contextual word; the parser keeps both readings. */
export function extendContextual(value: string, _stack: Stack): number {
  return contextual[value.toLowerCase()] ?? -1;
}

function isIdentStart(ch: number): boolean {
  return (ch >= Ch.UpperA && ch <= Ch.UpperZ) || (ch >= Ch.LowerA && ch <= Ch.LowerZ) || ch === Ch.Underscore;
}

function isDigit(ch: number): boolean {
  return ch >= Ch.Digit0 && ch <= Ch.Digit9;
}

function isIdentChar(ch: number): boolean {
  return isIdentStart(ch) || isDigit(ch);
}

function isSpace(ch: number): boolean {
  return ch === Ch.Space || ch === Ch.Tab || ch === Ch.Newline || ch === Ch.CarriageReturn || ch === 11 || ch === 12;
}

/** Reads the identifier-shaped word at `offset`, or '' when none starts there. */
function wordAt(input: InputStream, offset: number): string {
  let word = '';
  if (!isIdentStart(input.peek(offset))) return word;
  for (let ch = input.peek(offset); isIdentChar(ch); ch = input.peek(offset + word.length)) {
    word += String.fromCharCode(ch);
  }
  return word;
}

/**
 * §2.10: `FROM`/`ROW` starts a query unless followed at once by `(`, `.`, `?.`, `[` or `;`.
 * Returns the word length, or 0 when no query starts here.
 */
function queryWordLength(input: InputStream): number {
  const word = wordAt(input, 0);
  const lower = word.toLowerCase();
  if (lower !== 'from' && lower !== 'row') return 0;
  const next = input.peek(word.length);
  if (next === Ch.OpenParen || next === Ch.Dot || next === Ch.OpenBracket || next === Ch.Semicolon) return 0;
  if (next === Ch.Question && input.peek(word.length + 1) === Ch.Dot) return 0;
  return word.length;
}

/**
 * Advances past a quoted section of ES|QL text starting at the current quote; `"""` strings
 * have no escapes. An unterminated one runs to the end of input.
 */
function skipQuoted(input: InputStream): void {
  const quote = input.next;
  if (quote === Ch.DoubleQuote && input.peek(1) === Ch.DoubleQuote && input.peek(2) === Ch.DoubleQuote) {
    input.advance(3);
    while (input.next >= 0) {
      if (input.next === Ch.DoubleQuote && input.peek(1) === Ch.DoubleQuote && input.peek(2) === Ch.DoubleQuote) {
        input.advance(3);
        return;
      }
      input.advance();
    }
    return;
  }
  input.advance();
  while (input.next >= 0 && input.next !== quote) {
    if (input.next === Ch.Backslash) input.advance();
    input.advance();
  }
  if (input.next === quote) input.advance();
}

/**
 * Scans ES|QL text from the current position to its end (§2.10): the first `;` at bracket depth 0
 * (or the end of input) when `untilParen` is false, the `)` that closes depth 0 otherwise. Strings
 * and comments are skipped. Returns the offset (relative to the token start) just after the last
 * non-blank character, or -1 when a parenthesised query never closes.
 */
function scanQuery(input: InputStream, untilParen: boolean): number {
  let depth = 0;
  let lastSolid = 0;
  let offset = 0;
  const step = (n = 1): void => {
    input.advance(n);
    offset += n;
  };
  while (input.next >= 0) {
    const ch = input.next;
    if (depth === 0 && ch === Ch.Semicolon && !untilParen) return lastSolid;
    if (depth === 0 && ch === Ch.CloseParen && untilParen) return lastSolid;
    if (ch === Ch.SingleQuote || ch === Ch.DoubleQuote) {
      const start = input.pos;
      skipQuoted(input);
      offset += input.pos - start;
      lastSolid = offset;
      continue;
    }
    if ((ch === Ch.Minus && input.peek(1) === Ch.Minus) || (ch === Ch.Slash && input.peek(1) === Ch.Slash)) {
      while (input.next >= 0 && input.next !== Ch.Newline && input.next !== Ch.CarriageReturn) step();
      lastSolid = offset;
      continue;
    }
    if (ch === Ch.Slash && input.peek(1) === Ch.Star) {
      step(2);
      while (input.next >= 0 && !(input.next === Ch.Star && input.peek(1) === Ch.Slash)) step();
      if (input.next >= 0) step(2);
      lastSolid = offset;
      continue;
    }
    if (ch === Ch.OpenParen || ch === Ch.OpenBracket || ch === Ch.OpenBrace) depth++;
    else if ((ch === Ch.CloseParen || ch === Ch.CloseBracket || ch === Ch.CloseBrace) && depth > 0) depth--;
    step();
    if (!isSpace(ch)) lastSolid = offset;
  }
  return untilParen ? -1 : lastSolid;
}

/**
 * Embedded ES|QL (§2.10): `EsqlQuery` runs to the `;` (statements, cursor and typed declarations),
 * `EsqlParenQuery` to the matching `)` (query expressions, `FOR r IN (…)`). Both start at `FROM`/`ROW`.
 */
export const esqlQuery = new ExternalTokenizer(
  (input, stack) => {
    const paren = stack.canShift(terms.EsqlParenQuery);
    if (!paren && !stack.canShift(terms.EsqlQuery)) return;
    if (queryWordLength(input) === 0) return;
    const start = input.pos;
    const length = scanQuery(input, paren);
    if (length <= 0) return;
    input.acceptTokenTo(paren ? terms.EsqlParenQuery : terms.EsqlQuery, start + length);
  },
  { contextual: true },
);

/** The text between quotes and interpolations of a double-quoted string (§2.8, §2.9). */
export const templateContent = new ExternalTokenizer((input) => {
  let length = 0;
  for (;;) {
    const ch = input.next;
    if (ch < 0 || ch === Ch.DoubleQuote) break;
    if (ch === Ch.Dollar && input.peek(1) === Ch.OpenBrace) break;
    if (ch === Ch.Backslash && input.peek(1) >= 0) {
      input.advance(2);
      length += 2;
      continue;
    }
    input.advance();
    length++;
  }
  if (length > 0) input.acceptToken(terms.StringContent);
});

/** Reads an unsigned number at the current position into a token (§2.7); error shapes included. */
function readNumber(input: InputStream, stack: Stack): boolean {
  const startsWithDot = input.next === Ch.Dot;
  if (startsWithDot) {
    // `.5` is an error, reported by lib/language at the `.`; here it only needs to be one token.
    if (!isDigit(input.peek(1)) || !stack.canShift(terms.Number)) return false;
    input.advance();
  } else if (!isDigit(input.next)) {
    return false;
  }
  while (isDigit(input.next)) input.advance();
  if (!startsWithDot && input.next === Ch.Dot) {
    const after = input.peek(1);
    if (isDigit(after)) {
      input.advance();
      while (isDigit(input.next)) input.advance();
    } else if (after !== Ch.Dot && !isIdentStart(after)) {
      // `5.` is an error (reported at the `.`); `1..5` is a range and `1.e` stays a member access.
      input.advance();
    }
  }
  if (input.next === Ch.LowerE || input.next === Ch.UpperE) {
    let offset = 1;
    const sign = input.peek(1);
    if (sign === Ch.Plus || sign === Ch.Minus) offset = 2;
    if (isDigit(input.peek(offset))) {
      input.advance(offset);
      while (isDigit(input.next)) input.advance();
    }
  }
  input.acceptToken(terms.Number);
  return true;
}

const cursorAttributes = new Set(['notfound', 'found', 'rowcount', 'isopen']);

/**
 * Numbers, `name%ATTR` cursor attributes (no whitespace around `%`), block comments and the
 * end-of-input `;`.
 */
export const literalTokens = new ExternalTokenizer(
  (input, stack) => {
    const ch = input.next;
    if (ch < 0) {
      if (stack.canShift(terms.EofSemi)) input.acceptToken(terms.EofSemi);
      return;
    }
    if (isDigit(ch) || ch === Ch.Dot) {
      readNumber(input, stack);
      return;
    }
    if (ch === Ch.Percent && isIdentChar(input.peek(-1))) {
      const word = wordAt(input, 1);
      if (cursorAttributes.has(word.toLowerCase()) && !isIdentChar(input.peek(word.length + 1))) {
        input.acceptToken(terms.CursorAttr, word.length + 1);
      }
      return;
    }
    if (ch === Ch.Slash && input.peek(1) === Ch.Star) {
      input.advance(2);
      while (input.next >= 0 && !(input.next === Ch.Star && input.peek(1) === Ch.Slash)) input.advance();
      if (input.next >= 0) input.advance(2);
      input.acceptToken(terms.BlockComment);
    }
  },
  { contextual: true },
);
