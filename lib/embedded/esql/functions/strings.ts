/** ES|QL string functions (LENGTH, CONCAT, SUBSTRING, TRIM, …) as scalar-function entries. */
import { isStringType, type EsqlType } from '../table';
import { check, fn, type ScalarFunction } from './define';

const str = (t: EsqlType) => isStringType(t);
const int = (t: EsqlType) => t === 'integer';
const S: [(t: EsqlType) => boolean, string] = [str, 'string'];
const I: [(t: EsqlType) => boolean, string] = [int, 'integer'];
// ES counts characters as code points
const chars = (s: string) => Array.from(s);

/** String functions. */
export const STRING_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'LENGTH', doc: 'Character length of a string.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [S], 'integer'), impl: ([s]) => chars(s as string).length }),
  fn({ name: 'CONCAT', doc: 'Concatenates two or more strings.', minArgs: 2, maxArgs: 100,
    returns: (t) => check(t, [S], 'keyword'), impl: (a) => a.join('') }),
  fn({ name: 'SUBSTRING', doc: 'Substring from a 1-based start, optionally of a length.', minArgs: 2, maxArgs: 3,
    returns: (t) => check(t, [S, I, I], 'keyword'),
    impl: ([s, start, len]) => {
      const cs = chars(s as string);
      let from = start as number;
      from = from > 0 ? from - 1 : from < 0 ? Math.max(0, cs.length + from) : 0;
      const end = len === undefined ? cs.length : from + Math.max(0, len as number);
      return cs.slice(from, end).join('');
    } }),
  fn({ name: 'LEFT', doc: 'The leftmost characters.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S, I], 'keyword'),
    impl: ([s, n]) => chars(s as string).slice(0, Math.max(0, n as number)).join('') }),
  fn({ name: 'RIGHT', doc: 'The rightmost characters.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S, I], 'keyword'),
    impl: ([s, n]) => { const cs = chars(s as string); return cs.slice(Math.max(0, cs.length - Math.max(0, n as number))).join(''); } }),
  fn({ name: 'TRIM', doc: 'Removes leading and trailing whitespace.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => (s as string).trim() }),
  fn({ name: 'LTRIM', doc: 'Removes leading whitespace.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => (s as string).trimStart() }),
  fn({ name: 'RTRIM', doc: 'Removes trailing whitespace.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => (s as string).trimEnd() }),
  fn({ name: 'TO_UPPER', doc: 'Upper-cases a string.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], t[0] === 'text' ? 'text' : 'keyword'),
    impl: ([s]) => (s as string).toUpperCase() }),
  fn({ name: 'TO_LOWER', doc: 'Lower-cases a string.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], t[0] === 'text' ? 'text' : 'keyword'),
    impl: ([s]) => (s as string).toLowerCase() }),
  fn({ name: 'STARTS_WITH', doc: 'Whether a string starts with a prefix.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S], 'boolean'),
    impl: ([s, p]) => (s as string).startsWith(p as string) }),
  fn({ name: 'ENDS_WITH', doc: 'Whether a string ends with a suffix.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S], 'boolean'),
    impl: ([s, p]) => (s as string).endsWith(p as string) }),
  fn({ name: 'REPLACE', doc: 'Replaces regex matches.', minArgs: 3, maxArgs: 3, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s, re, by]) => (s as string).replace(new RegExp(re as string, 'gu'), (by as string).replace(/\$/g, '$$$$')) }),
  fn({ name: 'SPLIT', doc: 'Splits a string on a delimiter into a multi-value.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s, d]) => { const parts = (s as string).split(d as string); return parts.length === 1 ? parts[0] : parts; } }),
  fn({ name: 'REVERSE', doc: 'Reverses a string.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => chars(s as string).reverse().join('') }),
  fn({ name: 'REPEAT', doc: 'Repeats a string n times.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S, I], 'keyword'),
    impl: ([s, n]) => (n as number) < 0 ? null : (s as string).repeat(n as number) }),
  fn({ name: 'LOCATE', doc: '1-based position of a substring, 0 if absent.', minArgs: 2, maxArgs: 3, returns: (t) => check(t, [S, S, I], 'integer'),
    impl: ([s, sub, start]) => {
      const cs = chars(s as string), from = Math.max(0, ((start as number | undefined) ?? 1) - 1);
      const at = cs.slice(from).join('').indexOf(sub as string);
      return at < 0 ? 0 : chars((cs.slice(from).join('')).slice(0, at)).length + from + 1;
    } }),
];
