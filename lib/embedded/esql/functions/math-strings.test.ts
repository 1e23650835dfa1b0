// Math and string functions end to end, values and warning texts as Elasticsearch gives them (the texts are
// the exceptions of x-pack/plugin/esql/.../scalar/math/*.java and scalar/string/*.java).
import { describe, expect, it } from 'vitest';
import { runEsql } from '../index';
import { MemoryCatalog } from '../testing/memory-catalog';
import { ARITHMETIC, failed, ILLEGAL, MULTI, runQuery } from '../testing/function-tests';

function catalog() {
  return new MemoryCatalog()
    .add('nums', { n: { type: 'integer' }, x: { type: 'double' } }, [{ n: 2, x: 0.5 }, { n: -1, x: 2 }, { n: 1048577, x: -3 }, { n: [1, 2] }, {}]);
}

const run = (query: string) => runQuery(catalog(), query);


describe('math functions', () => {
  it.each([
    ['LOG with one argument is the natural logarithm', 'ROW a = LOG(100), b = LOG(1)', ['a:double', 'b:double'], [Math.log(100), 0]],
    ['LOG(base, value)', 'ROW a = LOG(2, 8), b = LOG(10, 1000), c = LOG(2.0, 8)', ['a:double', 'b:double', 'c:double'], [3, 3, 3]],
    ['ACOS, ASIN, ATAN', 'ROW a = ACOS(1), b = ASIN(1), c = ATAN(1), d = ACOS(-1)', ['a:double', 'b:double', 'c:double', 'd:double'],
      [0, Math.PI / 2, Math.PI / 4, Math.PI]],
    ['ATAN2(y, x)', 'ROW a = ATAN2(12, 9), b = ATAN2(1, 0)', ['a:double', 'b:double'], [Math.atan2(12, 9), Math.PI / 2]],
    ['CBRT and HYPOT', 'ROW a = CBRT(27), b = CBRT(-8.0), c = HYPOT(3, 4), d = HYPOT(3000000000, 4000000000)',
      ['a:double', 'b:double', 'c:double', 'd:double'], [3, -2, 5, 5000000000]],
    ['COSH, SINH, TANH', 'ROW a = COSH(0), b = SINH(0), c = TANH(0), d = SINH(1.0)', ['a:double', 'b:double', 'c:double', 'd:double'],
      [1, 0, 0, Math.sinh(1)]],
    ['TAU', 'ROW t = TAU()', ['t:double'], [2 * Math.PI]],
    ['COPY_SIGN keeps the magnitude’s type', 'ROW a = COPY_SIGN(5, -1.0), b = COPY_SIGN(-5000000000, 1), c = COPY_SIGN(-2.5, 3), d = COPY_SIGN(2.5, -0.0), e = COPY_SIGN(-3, 0)',
      ['a:integer', 'b:long', 'c:double', 'd:double', 'e:integer'], [-5, 5000000000, 2.5, -2.5, 3]],
    ['COPY_SIGN wraps the smallest integer as Java negation does', 'ROW a = COPY_SIGN(-2147483647 - 1, 1)', ['a:integer'], [-2147483648]],
    ['null arguments give null without a warning', 'ROW a = LOG(null), b = LOG(2, null), c = ACOS(null), d = ATAN2(null, 1), e = COPY_SIGN(1, null)',
      ['a:double', 'b:double', 'c:double', 'd:double', 'e:integer'], [null, null, null, null, null]],
  ])('%s', (_title, query, columns, values) => {
    const a = run(query);
    expect(a.columns).toEqual(columns);
    expect(a.values).toEqual([values]);
    expect(a.warnings).toEqual([]);
  });

  it.each([
    ['LOG of zero (Log.java)', 'ROW a = LOG(0)', 'LOG(0)', `${ARITHMETIC}Log of non-positive number`],
    ['LOG of a negative value to a base', 'ROW a = LOG(2, -8)', 'LOG(2, -8)', `${ARITHMETIC}Log of non-positive number`],
    ['LOG to a non-positive base', 'ROW a = LOG(-2, 8)', 'LOG(-2, 8)', `${ARITHMETIC}Log of non-positive number`],
    ['LOG to base 1', 'ROW a = LOG(1, 8)', 'LOG(1, 8)', `${ARITHMETIC}Log of base 1`],
    ['LOG10 of a non-positive number (Log10.java)', 'ROW a = LOG10(-1)', 'LOG10(-1)', `${ARITHMETIC}Log of non-positive number`],
    ['SQRT of a negative number (Sqrt.java)', 'ROW a = SQRT(-4.0)', 'SQRT(-4.0)', `${ARITHMETIC}Square root of negative`],
    ['ACOS outside [-1, 1] (Acos.java)', 'ROW a = ACOS(2)', 'ACOS(2)', `${ARITHMETIC}Acos input out of range`],
    ['ASIN outside [-1, 1] (Asin.java)', 'ROW a = ASIN(-1.5)', 'ASIN(-1.5)', `${ARITHMETIC}Asin input out of range`],
    ['COSH overflowing a double (Cosh.java)', 'ROW a = COSH(711)', 'COSH(711)', `${ARITHMETIC}cosh overflow`],
    ['SINH overflowing a double (Sinh.java)', 'ROW a = SINH(-711)', 'SINH(-711)', `${ARITHMETIC}sinh overflow`],
    ['POW overflowing a double (Pow.java)', 'ROW a = POW(10, 400)', 'POW(10, 400)', `${ARITHMETIC}not a finite double number: Infinity`],
    ['POW without a real result', 'ROW a = POW(-8, 0.5)', 'POW(-8, 0.5)', `${ARITHMETIC}not a finite double number: NaN`],
  ])('%s', (_title, query, text, exception) => {
    const a = run(query);
    expect(a.values).toEqual([[null]]);
    expect(a.warnings).toEqual(failed('1:9', text, exception));
  });

  it('warns at each failing call over indexed values (Elasticsearch evaluates column by column, so only the set is compared)', () => {
    const a = run('FROM nums | EVAL l = LOG10(x), s = SQRT(x), c = ACOS(x) | KEEP l, s, c');
    expect(a.values).toEqual([
      [Math.log10(0.5), Math.sqrt(0.5), Math.acos(0.5)], [Math.log10(2), Math.sqrt(2), null], [null, null, null], [null, null, null], [null, null, null]]);
    expect([...a.warnings].sort()).toEqual([
      ...failed('1:22', 'LOG10(x)', `${ARITHMETIC}Log of non-positive number`),
      ...failed('1:36', 'SQRT(x)', `${ARITHMETIC}Square root of negative`),
      ...failed('1:49', 'ACOS(x)', `${ARITHMETIC}Acos input out of range`),
    ].sort());
  });

  it('a multi-valued argument is null with the single-value warning', () => {
    const a = run('ROW v = [1, 2] | EVAL l = LOG(v), h = HYPOT(v, 1) | KEEP l, h');
    expect(a.values).toEqual([[null, null]]);
    expect(a.warnings).toEqual([...failed('1:27', 'LOG(v)', MULTI), ...failed('1:39', 'HYPOT(v, 1)', MULTI)]);
  });

  it('checks argument types', () => {
    const r = runEsql(catalog(), { query: 'ROW a = ATAN2(1, "x")' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('second argument of [ATAN2(1, \\"x\\")] must be [numeric], found value [\\"x\\"] type [keyword]');
  });
});

describe('string functions', () => {
  it.each([
    ['SPACE', 'ROW a = SPACE(3), b = SPACE(0)', ['a:keyword', 'b:keyword'], ['   ', '']],
    ['BYTE_LENGTH and BIT_LENGTH count UTF-8 bytes', 'ROW a = BYTE_LENGTH("héllo"), b = BIT_LENGTH("héllo"), c = BYTE_LENGTH("😀"), d = LENGTH("😀")',
      ['a:integer', 'b:integer', 'c:integer', 'd:integer'], [6, 48, 4, 1]],
    ['TO_BASE64 encodes UTF-8 bytes', 'ROW a = TO_BASE64("elastic"), b = TO_BASE64("héllo"), c = TO_BASE64("")', ['a:keyword', 'b:keyword', 'c:keyword'],
      ['ZWxhc3RpYw==', 'aMOpbGxv', '']],
    ['FROM_BASE64 decodes, padding optional', 'ROW a = FROM_BASE64("ZWxhc3RpYw=="), b = FROM_BASE64("aMOpbGxv"), c = FROM_BASE64("aGk"), d = FROM_BASE64("")',
      ['a:keyword', 'b:keyword', 'c:keyword', 'd:keyword'], ['elastic', 'héllo', 'hi', '']],
    ['MD5, SHA1, SHA256 as lower-case hex', 'ROW a = MD5("hello world"), b = SHA1("hello world"), c = SHA256("hello world")',
      ['a:keyword', 'b:keyword', 'c:keyword'],
      ['5eb63bbbe01eeed093cb22bb8f5acdc3', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9']],
    ['hashes of UTF-8 bytes', 'ROW a = MD5("é")', ['a:keyword'], ['66ddcd97cfdeabb2f6fb8a999b4bc76f']],
    ['null arguments give null', 'ROW a = SPACE(null), b = TO_BASE64(null), c = MD5(null), d = BYTE_LENGTH(null)',
      ['a:keyword', 'b:keyword', 'c:keyword', 'd:integer'], [null, null, null, null]],
  ])('%s', (_title, query, columns, values) => {
    const a = run(query);
    expect(a.columns).toEqual(columns);
    expect(a.values).toEqual([values]);
    expect(a.warnings).toEqual([]);
  });

  it('SPACE warns for a negative count and for more than 1 MB (Space.java)', () => {
    // over indexed values: Elasticsearch rejects a negative literal while folding, before evaluation
    const a = run('FROM nums | EVAL s = SPACE(n) | EVAL l = LENGTH(s) | KEEP n, l');
    expect(a.values).toEqual([[2, 2], [-1, null], [1048577, null], [[1, 2], null], [null, null]]);
    expect(a.warnings).toEqual([
      'Line 1:22: evaluation of [SPACE(n)] failed, treating result as null. Only first 20 failures recorded.',
      `Line 1:22: ${ILLEGAL}Number parameter cannot be negative, found [-1]`,
      `Line 1:22: ${ILLEGAL}Creating strings longer than [1048576] bytes is not supported`,
      `Line 1:22: ${MULTI}`,
    ]);
  });

  it('REPEAT warns for a negative count and for a result over 1 MB (Repeat.java)', () => {
    const a = run('FROM nums | EVAL s = REPEAT("ab", n) | EVAL l = LENGTH(s) | KEEP n, l');
    expect(a.values).toEqual([[2, 4], [-1, null], [1048577, null], [[1, 2], null], [null, null]]);
    expect(a.warnings).toEqual([
      'Line 1:22: evaluation of [REPEAT("ab", n)] failed, treating result as null. Only first 20 failures recorded.',
      `Line 1:22: ${ILLEGAL}Number parameter cannot be negative, found [-1]`,
      `Line 1:22: ${ILLEGAL}Creating repeated strings with more than [1048576] bytes is not supported`,
      `Line 1:22: ${MULTI}`,
    ]);
  });

  it.each([
    ['a byte outside the alphabet', 'not!!base64', 'Illegal base64 character 21'],
    ['a non-ASCII byte, printed as a signed Java byte', 'é', 'Illegal base64 character -3d'],
    ['a single byte', 'Q', 'Input byte[] should at least have 2 bytes for base64 bytes'],
    ['one padding character after two digits', 'QQ=', 'Input byte array has wrong 4-byte ending unit'],
    ['padding where no unit ends', 'QUJD=', 'Input byte array has wrong 4-byte ending unit'],
    ['one digit in the last unit', 'QUJDR', 'Last unit does not have enough valid bits'],
    ['bytes after the padding', 'QQ==QQ', 'Input byte array has incorrect ending byte at 4'],
    ['bytes that are not UTF-8', '/w==', 'decoded value is not valid UTF-8, which is not supported yet'],
  ])('FROM_BASE64 of %s is null with the JDK decoder’s message', (_title, input, message) => {
    const query = `ROW a = FROM_BASE64("${input}")`;
    const a = run(query);
    expect(a.values).toEqual([[null]]);
    expect(a.warnings).toEqual(failed('1:9', `FROM_BASE64("${input}")`, ILLEGAL + message));
  });

  it('checks argument types', () => {
    const r = runEsql(catalog(), { query: 'ROW a = SPACE(2.0)' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('argument of [SPACE(2.0)] must be [integer], found value [2.0] type [double]');
  });
});
