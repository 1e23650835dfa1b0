/**
 * Mutations of real scripts and queries for the parser fuzzer: byte-level edits (delete, insert,
 * duplicate, swap, truncate), token-level edits (drop, repeat, swap, replace a token by a keyword or
 * punctuation), openers left unbalanced (quotes, comments, `${`, brackets), NUL and odd unicode,
 * and splices of two inputs.
 */
import type { Prng } from './prng';

/** Words and punctuation that steer the parser into other rules. */
const KEYWORDS = [
  'IF', 'THEN', 'ELSE', 'ELSEIF', 'END', 'END IF', 'LOOP', 'END LOOP', 'FOR', 'IN', 'WHILE', 'BEGIN', 'TRY', 'CATCH', 'FINALLY',
  'SWITCH', 'CASE', 'DEFAULT', 'FUNCTION', 'PROCEDURE', 'CREATE', 'RETURNS', 'VAR', 'CONST', 'DECLARE', 'CURSOR', 'SET',
  'PRINT', 'RETURN', 'THROW', 'BREAK', 'EXIT WHEN', 'PARALLEL', 'EXECUTION', 'STATUS', 'WAIT TIMEOUT', 'ON_DONE', 'TRACK AS',
  'FROM', 'ROW', 'WHERE', 'EVAL', 'STATS', 'BY', 'KEEP', 'LIMIT', 'SORT', 'METADATA', 'NOT', 'AND', 'OR', 'IS NULL', 'NULL',
  'LIKE', 'RLIKE', 'AS', 'CALL', 'OPEN', 'FETCH', 'INTO', 'TRUE',
];
const PUNCTUATION = [
  ';', ',', '(', ')', '[', ']', '{', '}', '|', '||', '.', '..', '?.', '?', '??', ':', '=', '==', '=>', '!', '<>', '%', '@',
  '@result', '::', '`', '+', '-', '*', '/', '"""', '${', '%FOUND',
];
const OPENERS = ["'", '"', '"""', '/*', '${', '(', '[', '{', '`', '--', '//', '"${'];
const ODD = [
  '\u0000', '\uFFFD', '\uFFFF', '\uFEFF', '\u2028', '\u2029', '\u00a0', '\u200b', '\u202e', '\u0301', '\ud800', '\udc00',
  '😀', '\r', '\r\n', '\t', '\u000b', '\u000c', '\\', '\\u', '\\u12', '日本語', 'İ', 'ǅ', '\u0085',
];

/** Tokens as the mutator sees them: words, numbers, quoted strings, blanks, or single characters. */
const TOKEN = /[A-Za-z_@][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\s+|[\s\S]/g;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A random `[from, to)` span of `text`, usually short. */
function span(rng: Prng, text: string): [number, number] {
  const from = rng.int(text.length + 1);
  const to = Math.min(text.length, from + rng.small(40));
  return [from, to];
}

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

function randomPiece(rng: Prng): string {
  const r = rng.next();
  if (r < 0.35) return ` ${rng.pick(KEYWORDS)} `;
  if (r < 0.65) return rng.pick(PUNCTUATION);
  if (r < 0.8) return rng.pick(OPENERS);
  if (r < 0.95) return rng.pick(ODD);
  return String.fromCharCode(rng.int(0x10000));
}

type Mutation = (rng: Prng, text: string, other: string) => string;

const MUTATIONS: readonly Mutation[] = [
  // byte level
  (rng, t) => { const [a, b] = span(rng, t); return t.slice(0, a) + t.slice(b); },
  (rng, t) => insertAt(t, rng.int(t.length + 1), randomPiece(rng)),
  (rng, t) => { const [a, b] = span(rng, t); return insertAt(t, rng.int(t.length + 1), t.slice(a, b)); },
  (rng, t) => {
    const [a, b] = span(rng, t);
    const [c, d] = span(rng, t);
    if (b > c && d > a) return t; // overlapping spans: leave as is
    const [x, y] = a < c ? [[a, b], [c, d]] : [[c, d], [a, b]];
    return t.slice(0, x[0]) + t.slice(y[0], y[1]) + t.slice(x[1], y[0]) + t.slice(x[0], x[1]) + t.slice(y[1]);
  },
  (rng, t) => t.slice(0, rng.int(t.length + 1)),
  (rng, t) => insertAt(t, rng.int(t.length + 1), rng.pick(OPENERS)),
  (rng, t) => { const at = rng.int(t.length + 1); return t.slice(0, at) + rng.pick(ODD) + t.slice(at + 1); },
  // token level
  (rng, t) => { const k = tokens(t); k.splice(rng.int(k.length + 1), 1); return k.join(''); },
  (rng, t) => { const k = tokens(t); const i = rng.int(k.length); return k.length ? [...k.slice(0, i), k[i], k[i], ...k.slice(i + 1)].join('') : t; },
  (rng, t) => { const k = tokens(t); const i = rng.int(k.length); const j = rng.int(k.length); [k[i], k[j]] = [k[j], k[i]]; return k.join(''); },
  (rng, t) => { const k = tokens(t); if (k.length) k[rng.int(k.length)] = randomPiece(rng); return k.join(''); },
  (rng, t) => { const k = tokens(t); const i = rng.int(k.length); if (k.length) k[i] = rng.chance(0.5) ? k[i].toLowerCase() : k[i].toUpperCase(); return k.join(''); },
  // splice with another input
  (rng, t, other) => t.slice(0, rng.int(t.length + 1)) + other.slice(rng.int(other.length + 1)),
  (rng, t, other) => { const [a, b] = span(rng, other); return insertAt(t, rng.int(t.length + 1), other.slice(a, b)); },
];

/** Applies one to five random mutations to `text`; `other` is a second input to splice from. */
export function mutate(rng: Prng, text: string, other: string): string {
  let out = text;
  for (let n = 1 + rng.small(4); n > 0; n--) out = rng.pick(MUTATIONS)(rng, out, other);
  return out;
}
