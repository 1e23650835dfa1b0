import { describe, expect, it } from 'vitest';
import { printedDateMillis } from './printed-date';

describe('printedDateMillis', () => {
  it.each([
    '2026-01-09T10:20:30.123Z', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z',
    '0000-03-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00.000Z', '2000-02-29T00:00:00.000Z',
    // what Date.parse rolls over, and what it refuses
    '2025-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T24:00:00.001Z',
    '2026-00-10T00:00:00.000Z', '2026-13-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-32T00:00:00.000Z',
    '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '2026-01-01T25:00:00.000Z',
  ])('reads %s as Date.parse does', (text) => {
    expect(printedDateMillis(text)).toBe(Date.parse(text));
  });

  it('reads every day of four centuries as Date.parse does', () => {
    for (let ms = Date.UTC(1800, 0, 1); ms < Date.UTC(2200, 0, 1); ms += 86_400_000 + 3_723_001) {
      const text = new Date(ms).toISOString();
      expect(printedDateMillis(text)).toBe(ms);
    }
  });

  it.each(['2026-01-09', '2026-01-09T10:20:30Z', '2026-01-09T10:20:30.123+01:00', '2026-01-09 10:20:30.123Z', '2026-0a-09T10:20:30.123Z', '+02026-01-09T10:20:30.12Z'])(
    'leaves %s to the general parsers', (text) => {
      expect(printedDateMillis(text)).toBeUndefined();
    });
});
