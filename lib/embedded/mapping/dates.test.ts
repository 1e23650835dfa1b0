import { describe, expect, it } from 'vitest';
import { isDateString, resolveDateMath, toEpochMillis } from './dates';

const NOW = Date.UTC(2024, 4, 15, 13, 45, 30, 500);

describe('dates', () => {
  it.each([
    ['2024-01-09', Date.UTC(2024, 0, 9)],
    ['2024-01-09T10:00:00Z', Date.UTC(2024, 0, 9, 10)],
    ['2024-01-09T10:00:00', Date.UTC(2024, 0, 9, 10)],
    ['2024-01-09T10:00:00.123+02:00', Date.UTC(2024, 0, 9, 8, 0, 0, 123)],
    [1700000000000, 1700000000000],
    ['1700000000000', 1700000000000],
    ['not a date', undefined],
  ])('toEpochMillis(%j)', (value, ms) => expect(toEpochMillis(value)).toBe(ms));

  it.each([['2024-01-09', true], ['2024-01-09T10:00:00Z', true], ['hello', false], ['2024', false], ['2024-02-30x', false]])(
    'isDateString(%j) is %j', (s, yes) => expect(isDateString(s)).toBe(yes));

  it.each([
    ['now', false, NOW],
    ['now-1d', false, NOW - 86_400_000],
    ['now/d', false, Date.UTC(2024, 4, 15)],
    ['now/d', true, Date.UTC(2024, 4, 16) - 1],
    ['now-1M/M', false, Date.UTC(2024, 3, 1)],
    ['2024-01-01||+1y', false, Date.UTC(2025, 0, 1)],
    ['2024-01-01', false, Date.UTC(2024, 0, 1)],
    ['now+junk', false, undefined],
  ])('resolveDateMath(%j, roundUp=%j)', (value, roundUp, ms) => expect(resolveDateMath(value, NOW, roundUp)).toBe(ms));
});
