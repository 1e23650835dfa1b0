import { describe, expect, it } from 'vitest';
import { parseWithPattern, UnsupportedDatePattern } from './date-pattern';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('DATE_PARSE patterns', () => {
  it.each([
    ['yyyy-MM-dd', '2023-02-01', '2023-02-01T00:00:00.000Z'],
    ['yyyy-MM-dd HH:mm:ss', '2023-02-01 12:15:55', '2023-02-01T12:15:55.000Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSS", '2023-02-01T01:02:03.456', '2023-02-01T01:02:03.456Z'],
    ['dd/MM/yyyy', '07/03/0099', '0099-03-07T00:00:00.000Z'],
    ['d.M.yy', '7.3.24', '2024-03-07T00:00:00.000Z'],
    ['yyyy-MM', '2023-02', '2023-02-01T00:00:00.000Z'],
  ])('%s reads %s', (pattern, text, expected) => expect(iso(parseWithPattern(text, pattern))).toBe(expected));

  it.each([
    ['yyyy-MM-dd', '2023-02-01 foo'],
    ['yyyy-MM', '2023-02-01'],
    ['yyyy-MM-dd HH:mm:ss', '2023-02-01'],
    ['yyyy-MM-dd', '2023-02-30'],
    ['yyyy-MM-dd', '2023-13-01'],
  ])('%s refuses %s', (pattern, text) => expect(parseWithPattern(text, pattern)).toBeNull());

  it.each([
    ['yyyy-MM-dd HH:mm:ssXXX', '2024-03-01 10:00:00+03:00', '2024-03-01T07:00:00.000Z'],
    ['yyyy-MM-dd HH:mm Z', '2024-03-01 10:00 -0130', '2024-03-01T11:30:00.000Z'],
    ['yyyy-MM-dd HH:mmX', '2024-03-01 10:00Z', '2024-03-01T10:00:00.000Z'],
    ['dd-MM-yyyy-MM-dd HH:mm Z', '31-12-1999-12-31 23:59 +0300', '1999-12-31T20:59:00.000Z'],
  ])('%s reads %s with its zone offset', (pattern, text, iso) => expect(new Date(parseWithPattern(text, pattern)!).toISOString()).toBe(iso));

  it("reads quoted text with '' as a quote, inside and outside quotes", () => {
    expect(parseWithPattern("it's 2024'01", "'it''s' yyyy''MM")).toBe(Date.UTC(2024, 0, 1));
  });

  it('refuses a field given twice with two values', () => expect(parseWithPattern('12-01-1981-02-12', 'dd-MM-yyyy-MM-dd')).toBeNull());

  it.each(['dd MMM yyyy', 'yyyy-MM-dd HH:mm:ss zzz', 'EEE yyyy'])('does not guess with %s', (pattern) => {
    expect(() => parseWithPattern('x', pattern)).toThrow(UnsupportedDatePattern);
  });
});
