/** ES|QL string functions (LENGTH, CONCAT, SUBSTRING, TRIM, …) as scalar-function entries. */
import { createHash } from 'node:crypto';
import { isStringType, type EsqlType } from '../table';
import { check, EvalFailure, fn, type ScalarFunction } from './define';

const str = (t: EsqlType) => isStringType(t);
const int = (t: EsqlType) => t === 'integer';
const S: [(t: EsqlType) => boolean, string] = [str, 'string'];
const I: [(t: EsqlType) => boolean, string] = [int, 'integer'];
// ES counts characters as code points
const chars = (s: string) => Array.from(s);
// ES strings are UTF-8 bytes
const utf8 = (s: string) => Buffer.from(s, 'utf8');

const ILLEGAL_ARGUMENT = 'java.lang.IllegalArgumentException: ';
/** The longest string SPACE and REPEAT make (Elasticsearch's one-megabyte result limit). */
const MAX_SPACE = 1024 * 1024;

/** A base64 digit's value; -2 for the padding `=`, -1 for any other byte. */
function base64Digit(b: number): number {
  if (b >= 0x41 && b <= 0x5a) return b - 0x41;
  if (b >= 0x61 && b <= 0x7a) return b - 0x61 + 26;
  if (b >= 0x30 && b <= 0x39) return b - 0x30 + 52;
  if (b === 0x2b) return 62;
  if (b === 0x2f) return 63;
  return b === 0x3d ? -2 : -1;
}

/**
 * Decodes base64 as Java's basic `Base64.getDecoder()` does, which FROM_BASE64 uses: padding is optional,
 * anything outside the alphabet is rejected, and each rejection carries the JDK's message.
 */
function decodeBase64(src: Buffer): Buffer {
  const fail = (message: string) => new EvalFailure(ILLEGAL_ARGUMENT + message);
  if (src.length === 0) return Buffer.alloc(0);
  if (src.length < 2) throw fail('Input byte[] should at least have 2 bytes for base64 bytes');
  const out: number[] = [];
  let bits = 0, shift = 18, at = 0;
  while (at < src.length) {
    const b = src[at++], digit = base64Digit(b);
    if (digit === -2) {
      // `=` where no unit ends, or a lone `=` after two digits
      if (shift === 18 || (shift === 6 && (at === src.length || src[at++] !== 0x3d))) throw fail('Input byte array has wrong 4-byte ending unit');
      break;
    }
    // the JDK prints the byte as a signed Java byte in hex
    if (digit < 0) throw fail(`Illegal base64 character ${(b > 127 ? b - 256 : b).toString(16)}`);
    bits |= digit << shift;
    shift -= 6;
    if (shift < 0) { out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff); shift = 18; bits = 0; }
  }
  if (shift === 6) out.push((bits >> 16) & 0xff);
  else if (shift === 0) out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff);
  else if (shift === 12) throw fail('Last unit does not have enough valid bits');
  if (at < src.length) throw fail(`Input byte array has incorrect ending byte at ${at}`);
  return Buffer.from(out);
}

/** FROM_BASE64's result: the decoded bytes as UTF-8 text; other bytes are a failure. */
function fromBase64(s: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(decodeBase64(utf8(s)));
  } catch (e) {
    if (e instanceof EvalFailure) throw e;
    throw new EvalFailure(`${ILLEGAL_ARGUMENT}decoded value is not valid UTF-8, which is not supported yet`);
  }
}

const hash = (name: string, algorithm: string): ScalarFunction => fn({
  name, doc: `The ${name} hash of a string, as lower-case hex.`, minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
  impl: ([s]) => createHash(algorithm).update(utf8(s as string)).digest('hex'),
});

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
    impl: ([s, re, by]) => {
      let regex: RegExp;
      try { regex = new RegExp(re as string, 'gu'); } catch (error) {
        // Elasticsearch warns with Java's PatternSyntaxException; the reason here is JavaScript's
        throw new EvalFailure(`java.util.regex.PatternSyntaxException: ${(error as Error).message}`);
      }
      return (s as string).replace(regex, (by as string).replace(/\$/g, '$$$$'));
    } }),
  fn({ name: 'SPLIT', doc: 'Splits a string on a delimiter into a multi-value.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s, d]) => { const parts = (s as string).split(d as string); return parts.length === 1 ? parts[0] : parts; } }),
  fn({ name: 'REVERSE', doc: 'Reverses a string.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => chars(s as string).reverse().join('') }),
  fn({ name: 'REPEAT', doc: 'Repeats a string n times.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [S, I], 'keyword'),
    impl: ([s, n]) => {
      const count = n as number;
      if (count < 0) throw new EvalFailure(`${ILLEGAL_ARGUMENT}Number parameter cannot be negative, found [${count}]`);
      if (Buffer.byteLength(s as string, 'utf8') * count > MAX_SPACE) {
        throw new EvalFailure(`${ILLEGAL_ARGUMENT}Creating repeated strings with more than [${MAX_SPACE}] bytes is not supported`);
      }
      return (s as string).repeat(count);
    } }),
  fn({ name: 'LOCATE', doc: '1-based position of a substring, 0 if absent.', minArgs: 2, maxArgs: 3, returns: (t) => check(t, [S, S, I], 'integer'),
    impl: ([s, sub, start]) => {
      const cs = chars(s as string), from = Math.max(0, ((start as number | undefined) ?? 1) - 1);
      const at = cs.slice(from).join('').indexOf(sub as string);
      return at < 0 ? 0 : chars((cs.slice(from).join('')).slice(0, at)).length + from + 1;
    } }),
  fn({ name: 'SPACE', doc: 'A string of n spaces.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [I], 'keyword'),
    impl: ([n]) => {
      const count = n as number;
      if (count < 0) throw new EvalFailure(`${ILLEGAL_ARGUMENT}Number parameter cannot be negative, found [${count}]`);
      if (count > MAX_SPACE) throw new EvalFailure(`${ILLEGAL_ARGUMENT}Creating strings longer than [${MAX_SPACE}] bytes is not supported`);
      return ' '.repeat(count);
    } }),
  fn({ name: 'BYTE_LENGTH', doc: 'Length of a string in UTF-8 bytes.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'integer'),
    impl: ([s]) => Buffer.byteLength(s as string, 'utf8') }),
  fn({ name: 'BIT_LENGTH', doc: 'Length of a string in bits (UTF-8 bytes times 8).', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'integer'),
    impl: ([s]) => {
      const bits = Buffer.byteLength(s as string, 'utf8') * 8;
      if (bits > 2147483647) throw new EvalFailure('java.lang.ArithmeticException: integer overflow');
      return bits;
    } }),
  fn({ name: 'TO_BASE64', doc: 'Encodes a string (its UTF-8 bytes) to base64.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => utf8(s as string).toString('base64') }),
  fn({ name: 'FROM_BASE64', doc: 'Decodes a base64 string.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [S], 'keyword'),
    impl: ([s]) => fromBase64(s as string) }),
  hash('MD5', 'md5'),
  hash('SHA1', 'sha1'),
  hash('SHA256', 'sha256'),
];
