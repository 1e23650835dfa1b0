import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from './convert';

describe('parseDate', () => {
  // expected values are the general rule's (before the fast path for the printed form existed)
  it.each([
    ['2026-01-09T10:20:30.123Z', 1767954030123],
    ['2026-02-30T00:00:00.000Z', 1772409600000],
    ['0050-01-01T00:00:00.000Z', -60589296000000],
    ['2026-01-01T24:00:00.000Z', 1767312000000],
    ['2026-13-01T00:00:00.000Z', 1798761600000],
    ['2026-01-01T00:00:60.000Z', 1767225660000],
  ])('reads %s as %d, whichever path reads it', (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });
  it('reads back what formatDate prints', () => {
    for (const ms of [0, -1, 1767954030123, -60589296000000, 253402300799999]) expect(parseDate(formatDate(ms))).toBe(ms);
  });
});
