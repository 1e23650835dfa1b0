/** §12.1 string built-ins. Positions are 1-based and count code points. */
import { fail } from '../errors';
import { checkStringLength } from '../limits';
import type { Value } from '../values';
import { builtin, param } from './catalog';

const cps = (s: string): string[] => Array.from(s);
const SURROGATE = /[\uD800-\uDFFF]/;

/** Code points of `s`: its length when it has no surrogate pair, which a scan finds without building an array. */
function codePointCount(s: string): number {
  return SURROGATE.test(s) ? cps(s).length : s.length;
}

function pad(fn: string, side: 'start' | 'end', s: string, len: number, p: string): string {
  if (len < 0) throw fail.functionError(fn, `length must not be negative, got ${len}`);
  checkStringLength(len, -1);
  const chars = cps(s);
  if (chars.length >= len) return chars.slice(0, len).join('');
  const padChars = cps(p);
  if (padChars.length === 0) throw fail.functionError(fn, 'pad string must not be empty');
  const need = len - chars.length;
  const fill: string[] = [];
  for (let i = 0; i < need; i++) fill.push(padChars[i % padChars.length]);
  return side === 'start' ? fill.join('') + s : s + fill.join('');
}

function regex(fn: string, pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw fail.functionError(fn, `invalid regular expression: ${(e as Error).message}`);
  }
}

/** The string built-ins. */
export const STRING_BUILTINS = [
  builtin({
    name: 'LENGTH', params: [param('x', 'STRING|ARRAY|DOCUMENT')], returns: 'NUMBER',
    doc: 'Number of code points of a STRING, elements of an ARRAY, or keys of a DOCUMENT.',
    examples: [["LENGTH('héllo')", '5'], ['LENGTH([1, 2])', '2'], ['LENGTH({"a": 1})', '1']],
    impl: (_c, x: string | Value[] | Map<string, Value>) =>
      typeof x === 'string' ? codePointCount(x) : Array.isArray(x) ? x.length : x.size,
  }),
  builtin({
    name: 'SUBSTR', params: [param('s', 'STRING'), param('start', 'INT'), param('len', 'INT', { optional: true })], returns: 'STRING',
    doc: 'The substring from `start` (1-based; negative counts from the right) of `len` characters, or to the end.',
    examples: [["SUBSTR('elastic', 3)", "'astic'"], ["SUBSTR('elastic', -3, 2)", "'ti'"], ["SUBSTR('hello', -10, 3)", "'hel'"]],
    impl: (_c, s: string, start: number, len?: number) => {
      // Without surrogate pairs, UTF-16 units are code points: slice the string itself (bench `strings`).
      const simple = !SURROGATE.test(s);
      const chars = simple ? null : cps(s);
      const n = chars ? chars.length : s.length;
      let idx = start > 0 ? start - 1 : start === 0 ? 0 : n + start;
      if (idx < 0) idx = 0;
      if (idx >= n || (len !== undefined && len <= 0)) return '';
      const end = len === undefined ? n : idx + len;
      return chars ? chars.slice(idx, end).join('') : s.slice(idx, end);
    },
  }),
  builtin({
    name: 'UPPER', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Upper case (full Unicode mapping).',
    examples: [["UPPER('straße')", "'STRASSE'"]], impl: (_c, s: string) => s.toUpperCase(),
  }),
  builtin({
    name: 'LOWER', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Lower case (full Unicode mapping).',
    examples: [["LOWER('AbC')", "'abc'"]], impl: (_c, s: string) => s.toLowerCase(),
  }),
  builtin({
    name: 'TRIM', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Removes whitespace from both ends.',
    examples: [["TRIM('  a b  ')", "'a b'"]], impl: (_c, s: string) => s.trim(),
  }),
  builtin({
    name: 'LTRIM', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Removes whitespace from the left.',
    examples: [["LTRIM('  a ')", "'a '"]], impl: (_c, s: string) => s.trimStart(),
  }),
  builtin({
    name: 'RTRIM', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Removes whitespace from the right.',
    examples: [["RTRIM('  a ')", "'  a'"]], impl: (_c, s: string) => s.trimEnd(),
  }),
  builtin({
    name: 'REPLACE', params: [param('s', 'STRING'), param('search', 'STRING'), param('repl', 'STRING')], returns: 'STRING',
    doc: 'Replaces every literal occurrence of `search`; an empty `search` leaves `s` unchanged.',
    examples: [["REPLACE('a-b-c', '-', '+')", "'a+b+c'"]],
    impl: (_c, s: string, search: string, repl: string) => (search === '' ? s : s.split(search).join(repl)),
  }),
  builtin({
    name: 'INSTR', params: [param('s', 'STRING'), param('sub', 'STRING')], returns: 'NUMBER',
    doc: 'Position (1-based) of the first occurrence of `sub`, 0 if none, 1 for an empty `sub`.',
    examples: [["INSTR('banana', 'na')", '3'], ["INSTR('abc', '')", '1']],
    impl: (_c, s: string, sub: string) => {
      const i = s.indexOf(sub);
      return i < 0 ? 0 : cps(s.slice(0, i)).length + 1;
    },
  }),
  builtin({
    name: 'LPAD', params: [param('s', 'STRING'), param('len', 'INT'), param('pad', 'STRING', { optional: true })], returns: 'STRING',
    doc: 'Pads on the left with `pad` (default a space) to exactly `len`; a longer `s` is cut.',
    examples: [["LPAD('7', 3, '0')", "'007'"]], impl: (_c, s: string, len: number, p = ' ') => pad('LPAD', 'start', s, len, p),
  }),
  builtin({
    name: 'RPAD', params: [param('s', 'STRING'), param('len', 'INT'), param('pad', 'STRING', { optional: true })], returns: 'STRING',
    doc: 'Pads on the right with `pad` (default a space) to exactly `len`; a longer `s` is cut.',
    examples: [["RPAD('abcdef', 3)", "'abc'"]], impl: (_c, s: string, len: number, p = ' ') => pad('RPAD', 'end', s, len, p),
  }),
  builtin({
    name: 'SPLIT', params: [param('s', 'STRING'), param('sep', 'STRING')], returns: 'ARRAY',
    doc: "Splits at a literal separator; `''` splits into characters.",
    examples: [["SPLIT('a,b,,c', ',')", '["a","b","","c"]'], ["SPLIT('', ',')", "['']"]],
    impl: (_c, s: string, sep: string) => (sep === '' ? cps(s) : s.split(sep)),
  }),
  builtin({
    name: 'REGEXP_REPLACE', params: [param('s', 'STRING'), param('pattern', 'STRING'), param('repl', 'STRING')], returns: 'STRING',
    doc: 'Replaces every match of an ECMAScript regular expression (`u` flag); `$1` and `$&` work in `repl`.',
    examples: [["REGEXP_REPLACE('a1b22', '[0-9]+', '#')", "'a#b#'"]],
    impl: (_c, s: string, p: string, repl: string) => s.replace(regex('REGEXP_REPLACE', p, 'gu'), repl),
  }),
  builtin({
    name: 'REGEXP_SUBSTR', params: [param('s', 'STRING'), param('pattern', 'STRING')], returns: 'STRING',
    doc: 'The first match, or NULL.',
    examples: [["REGEXP_SUBSTR('id=42;', '[0-9]+')", "'42'"], ["REGEXP_SUBSTR('x', '[0-9]')", 'NULL']],
    impl: (_c, s: string, p: string) => regex('REGEXP_SUBSTR', p, 'u').exec(s)?.[0] ?? null,
  }),
  builtin({
    name: 'REVERSE', params: [param('s', 'STRING')], returns: 'STRING', doc: 'Reverses the characters.',
    examples: [["REVERSE('abc')", "'cba'"]], impl: (_c, s: string) => cps(s).reverse().join(''),
  }),
  builtin({
    name: 'INITCAP', params: [param('s', 'STRING')], returns: 'STRING',
    doc: 'In each run of letters and digits, upper-cases the first character and lower-cases the rest.',
    examples: [["INITCAP('hello wORLD-x')", "'Hello World-X'"]],
    impl: (_c, s: string) => s.replace(/[\p{L}\p{N}]+/gu, (w) => { const c = cps(w); return c[0].toUpperCase() + c.slice(1).join('').toLowerCase(); }),
  }),
  builtin({
    name: 'ENV', params: [param('name', 'STRING'), param('default', 'ANY', { optional: true })], returns: 'STRING',
    doc: "A host environment variable on the host's allow-list, otherwise `default` (or NULL).",
    examples: [["ENV('HOME', 'n/a')", "'n/a'"]],
    impl: (c, name: string, dflt?: Value) => (c.envAllowed(name) ? process.env[name] ?? dflt ?? null : dflt ?? null),
  }),
];
