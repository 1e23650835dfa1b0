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

describe('formatDate', () => {
  it('writes what toISOString writes, across years 0000 to 9999 and at their edges', () => {
    // a fixed sequence of instants (a linear congruential walk), plus the edges of the four-digit range
    const instants = [-62_167_219_200_000, -62_167_219_199_999, -1, 0, 951_782_400_000, 253_402_300_799_999];
    let x = 12_345;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      instants.push(-62_167_219_200_000 + Math.floor((x / 2_147_483_648) * 315_569_520_000_000));
    }
    const differing = instants.filter((ms) => formatDate(ms) !== new Date(ms).toISOString());
    expect(differing).toEqual([]);
  });
  it('falls back to toISOString outside four-digit years, and to the number outside the date range', () => {
    expect([formatDate(-62_167_219_200_001), formatDate(253_402_300_800_000), formatDate(8.64e15 + 1)])
      .toEqual(['-000001-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '8640000000000001']);
  });
});
