/**
 * Hand-written lexing for the ES|QL grammar (esql.grammar): case-insensitive keywords, and the two
 * tokens whose character sets overlap ordinary identifiers and operators (index patterns after FROM,
 * and column-name patterns in KEEP/DROP/RENAME), which are only read where the parser can take them.
 */
import { ExternalTokenizer, type InputStream, type Stack } from '@lezer/lr';
import * as terms from './esql-parser.terms';

const enum Ch {
  Tab = 9, Newline = 10, CarriageReturn = 13, Space = 32, DoubleQuote = 34, ParenOpen = 40, ParenClose = 41,
  Star = 42, Comma = 44, Dot = 46, Slash = 47, At = 64, BracketOpen = 91, BracketClose = 93, Underscore = 95,
  Backquote = 96, Pipe = 124,
}

const RESERVED: Record<string, number> = {
  and: terms.AND, or: terms.OR, not: terms.NOT, is: terms.IS, null: terms.NULL, in: terms.IN, like: terms.LIKE,
  rlike: terms.RLIKE, true: terms.TRUE, false: terms.FALSE,
};

const CONTEXTUAL: Record<string, number> = {
  from: terms.FROM, row: terms.ROW, metadata: terms.METADATA, where: terms.WHERE, eval: terms.EVAL,
  keep: terms.KEEP, drop: terms.DROP, rename: terms.RENAME, sort: terms.SORT, limit: terms.LIMIT,
  stats: terms.STATS, mv_expand: terms.MV_EXPAND, dissect: terms.DISSECT, grok: terms.GROK, sample: terms.SAMPLE,
  show: terms.SHOW, as: terms.AS, by: terms.BY, asc: terms.ASC, desc: terms.DESC, nulls: terms.NULLS,
  first: terms.FIRST, last: terms.LAST,
  // Elasticsearch commands the engine does not run (parsed only to be refused by name)
  ts: terms.TS, metrics: terms.METRICS, explain: terms.EXPLAIN, promql: terms.PROMQL, enrich: terms.ENRICH,
  lookup: terms.LOOKUP, inlinestats: terms.INLINESTATS, inline: terms.INLINE, fork: terms.FORK,
  change_point: terms.CHANGE_POINT, completion: terms.COMPLETION, rerank: terms.RERANK, fuse: terms.FUSE, rrf: terms.RRF,
};

/** Specializes an identifier to a reserved word (operators and literals; case-insensitive), or -1. */
export const reserved = (word: string, _stack: Stack): number => RESERVED[word.toLowerCase()] ?? -1;
/** Offers a command or clause word as a keyword besides the identifier (case-insensitive), or -1. */
export const contextual = (word: string, _stack: Stack): number => CONTEXTUAL[word.toLowerCase()] ?? -1;

const isSpace = (c: number) => c === Ch.Space || c === Ch.Tab || c === Ch.Newline || c === Ch.CarriageReturn;
const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Ch.Underscore || c === Ch.At;

/** Index patterns stop at whitespace, separators, quotes and comment starts. */
function indexPatternEnd(input: InputStream): number {
  let n = 0;
  for (;;) {
    const c = input.peek(n);
    if (c < 0 || isSpace(c) || c === Ch.Comma || c === Ch.Pipe || c === Ch.DoubleQuote || c === Ch.ParenOpen ||
      c === Ch.ParenClose || c === Ch.BracketOpen || c === Ch.BracketClose || c === Ch.Backquote) return n;
    if (c === Ch.Slash && (input.peek(n + 1) === Ch.Slash || input.peek(n + 1) === Ch.Star)) return n;
    n++;
  }
}

/** Column-name patterns: word characters, `*`, `.` and back-quoted segments. */
function idPatternEnd(input: InputStream): number {
  let n = 0;
  for (;;) {
    const c = input.peek(n);
    if (c === Ch.Backquote) {
      n++;
      for (;;) {
        const q = input.peek(n);
        if (q < 0) return n;
        n++;
        if (q === Ch.Backquote) {
          if (input.peek(n) === Ch.Backquote) { n++; continue; }
          break;
        }
      }
    } else if (isWordChar(c) || c === Ch.Star || c === Ch.Dot) n++;
    else return n;
  }
}

/**
 * Reads IndexPattern after FROM (and as the opaque arguments of commands the engine refuses) and IdPattern
 * in KEEP/DROP/RENAME, only where the parser expects them.
 */
export const patterns = new ExternalTokenizer((input, stack) => {
  if (stack.canShift(terms.IndexPattern)) {
    const n = indexPatternEnd(input);
    if (n > 0) input.acceptToken(terms.IndexPattern, n);
  } else if (stack.canShift(terms.IdPattern)) {
    const n = idPatternEnd(input);
    if (n > 0) input.acceptToken(terms.IdPattern, n);
  }
});
