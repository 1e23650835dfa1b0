import { describe, expect, it } from 'vitest';
import { compileGrok, grokColumns } from './compile';

/** The values each field captures from `text`, or null when the expression does not match. */
function captures(pattern: string, text: string): Record<string, string[]> | null {
  const grok = compileGrok(pattern);
  const m = grok.regex.exec(text);
  if (!m) return null;
  const out: Record<string, string[]> = {};
  for (const c of grok.captures) if (m[c.group] !== undefined) (out[c.name] ??= []).push(m[c.group]);
  return out;
}

describe('grok pattern library', () => {
  it.each([
    ['%{WORD:w}', 'hello, world', { w: ['hello'] }],
    ['%{NUMBER:n}', 'took -12.5ms', { n: ['-12.5'] }],
    ['%{INT:i} %{POSINT:p}', 'x +42 7', { i: ['+42'], p: ['7'] }],
    ['%{IP:ip}', 'from 10.0.0.255 ok', { ip: ['10.0.0.255'] }],
    ['%{IP:ip}', 'from fe80::1ff:fe23:4567:890a ok', { ip: ['fe80::1ff:fe23:4567:890a'] }],
    ['%{IPV4:ip}', '256.1.1.1 and 192.168.1.1', { ip: ['192.168.1.1'] }],
    ['%{TIMESTAMP_ISO8601:t}', 'at 2023-01-23T12:15:00.123+02:00 x', { t: ['2023-01-23T12:15:00.123+02:00'] }],
    ['%{LOGLEVEL:l}: %{GREEDYDATA:m}', 'WARN: disk at 91%', { l: ['WARN'], m: ['disk at 91%'] }],
    ['%{DATA:a},%{GREEDYDATA:b}', 'x,y,z', { a: ['x'], b: ['y,z'] }],
    ['%{NOTSPACE:a}%{SPACE}%{NOTSPACE:b}', 'left    right', { a: ['left'], b: ['right'] }],
    ['%{EMAILADDRESS:e}', 'mail some.one+x@foo.example.com now', { e: ['some.one+x@foo.example.com'] }],
    ['%{USERNAME:u}', 'user j.doe-2', { u: ['user'] }],
    ['%{HTTPDATE:d}', '[10/Oct/2000:13:55:36 -0700]', { d: ['10/Oct/2000:13:55:36 -0700'] }],
    ['%{URI:u}', 'GET https://user@example.com:8080/a/b?x=1 HTTP', { u: ['https://user@example.com:8080/a/b?x=1'] }],
    ['%{QUOTEDSTRING:q}', 'say "a \\"quoted\\" word" now', { q: ['"a \\"quoted\\" word"'] }],
    ['%{UUID:id}', 'id=123e4567-e89b-12d3-a456-426614174000', { id: ['123e4567-e89b-12d3-a456-426614174000'] }],
  ])('%s on %j', (pattern, text, expected) => expect(captures(pattern, text)).toEqual(expected));

  it.each([
    ['%{NUMBER:n}', 'no digits'],
    ['%{IPV4:ip}', '1.2.3'],
    ['^%{WORD:w}$', 'two words'],
  ])('%s does not match %j', (pattern, text) => expect(captures(pattern, text)).toBeNull());
});

describe('grok expressions', () => {
  it('lists one column per field, sorted by name, typed by the capture type', () => {
    expect(grokColumns(compileGrok('%{NUMBER:z:int} %{NUMBER:b:float} %{NUMBER:c:long} %{WORD:a:boolean} %{WORD:y} %{NUMBER:d:double}'))).toEqual([
      { name: 'a', type: 'boolean' }, { name: 'b', type: 'double' }, { name: 'c', type: 'long' }, { name: 'd', type: 'double' },
      { name: 'y', type: 'keyword' }, { name: 'z', type: 'integer' },
    ]);
  });
  it('gives a name used twice by the same reference each of its values', () => {
    expect(captures('%{WORD:b} %{WORD:b}', 'foo bar')).toEqual({ b: ['foo', 'bar'] });
  });
  it('reads Oniguruma named groups, and unnamed groups capture nothing', () => {
    expect(captures('(?<b>[a-z]{4}) (x|y)?(?<c>\\w+)', 'asdf bar')).toEqual({ b: ['asdf'], c: ['bar'] });
  });
  it('reads POSIX classes and Oniguruma string anchors', () => {
    expect(captures('\\A(?<w>[[:alpha:]]+)[[:digit:]]+\\z', 'abc123')).toEqual({ w: ['abc'] });
  });

  it.each([
    ['%{NUMBER:foo} %{WORD:foo}', 'Invalid GROK pattern [%{NUMBER:foo} %{WORD:foo}]: the attribute [foo] is defined multiple times with different types'],
    ['%{NUMBER:n:int} %{NUMBER:n}', 'Invalid GROK pattern [%{NUMBER:n:int} %{NUMBER:n}]: the attribute [n] is defined multiple times with different types'],
    ['%{_invalid_:x}', "Invalid pattern [%{_invalid_:x}] for grok: Unable to find pattern [_invalid_] in Grok's pattern dictionary"],
    ['%{ipv4_octet:x}', "Invalid pattern [%{ipv4_octet:x}] for grok: Unable to find pattern [ipv4_octet] in Grok's pattern dictionary"],
    ['%{COMBINEDAPACHELOG}', 'Invalid pattern [%{COMBINEDAPACHELOG}] for grok: pattern [COMBINEDAPACHELOG] is not supported by the embedded engine'],
    ['(?P<justification>.+)', 'Invalid GROK pattern [(?P<justification>.+)]: [undefined group option]'],
    ['(%{WORD:w}', 'Invalid GROK pattern [(%{WORD:w}]: [Unterminated group]'],
    ['\\p{L}+', 'Invalid GROK pattern [\\p{L}+]: [the escape \\p is not supported by the embedded engine]'],
  ])('refuses %s', (pattern, message) => expect(() => compileGrok(pattern)).toThrow(message));
});
