import { describe, expect, it } from 'vitest';
import { formatWithPattern, hasTextualFields, UnsupportedDateFormat } from './date-format';

const at = Date.UTC(1958, 4, 21, 15, 4, 5, 67); // a Wednesday

describe('DATE_FORMAT patterns (Java DateTimeFormatter letters, UTC, English)', () => {
  it.each([
    ['MMMM', 'May'],
    ['EEE, d MMM yyyy', 'Wed, 21 May 1958'],
    ['EEEE dd/MM/yy', 'Wednesday 21/05/58'],
    ['yyyy-M-d H:mm:ss.SSS', '1958-5-21 15:04:05.067'],
    ['hh:mm a', '03:04 PM'],
    ['DDD QQQ QQQQ', '141 Q2 2nd quarter'],
    ["yyyy'T'HH''mm", '1958T15\'04'],
    ["'it''s' h", "it's 3"],
    ['yyyy-MM-dd\'T\'HH:mm:ssXXX', '1958-05-21T15:04:05Z'],
    ['SSSSSS xxx', '067000 +00:00'],
  ])('%s', (pattern, expected) => {
    expect(formatWithPattern(at, pattern)).toBe(expected);
  });
  it('refuses letters it does not format, rather than printing them', () => {
    expect(() => formatWithPattern(at, 'YYYY')).toThrow(UnsupportedDateFormat);
    expect(() => formatWithPattern(at, 'ww')).toThrow('date format letter [ww] is not supported by the embedded engine');
  });
  it('tells which patterns have textual fields, for Elasticsearch\'s JDK 23 warning', () => {
    expect(hasTextualFields('MMMM')).toBe(true);
    expect(hasTextualFields('EEE')).toBe(true);
    expect(hasTextualFields("yyyy-MM-dd'T'HH:mm")).toBe(false);
    expect(hasTextualFields("'MMMM'")).toBe(false);
  });
});
