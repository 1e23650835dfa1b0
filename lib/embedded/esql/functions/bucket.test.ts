// BUCKET end to end: a given span, a span picked for a target count over a range (dates and numbers),
// and Elasticsearch's refusals (outside STATS, a column where a constant belongs, the argument counts).
import { describe, expect, it } from 'vitest';
import { runEsql } from '../index';
import { MemoryCatalog } from '../testing/memory-catalog';

const catalog = () => new MemoryCatalog().add('events', { '@timestamp': { type: 'date' }, n: { type: 'integer' }, x: { type: 'double' } }, [
  { '@timestamp': '2024-01-01T00:10:00Z', n: 5, x: 1.5 },
  { '@timestamp': '2024-01-01T00:50:00Z', n: 12, x: 2.5 },
  { '@timestamp': '2024-01-03T03:05:00Z', n: 27, x: -0.5 },
  { '@timestamp': '2024-03-15T00:00:00Z', n: -3 },
]);

function rows(query: string): { columns: string[]; values: unknown[][] } {
  const r = runEsql(catalog(), { query });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const body = r.body as { columns: { name: string; type: string }[]; values: unknown[][] };
  return { columns: body.columns.map((c) => `${c.name}:${c.type}`), values: body.values };
}

const refusal = (query: string) => {
  const r = runEsql(catalog(), { query });
  expect(r.status).toBe(400);
  return (r.body as { error: { reason: string } }).error.reason;
};

const histogram = (by: string) => rows(`FROM events | STATS c = COUNT(*) BY b = ${by} | SORT b`).values;

describe('BUCKET with a span', () => {
  it('rounds dates down to a time span or a calendar period', () => {
    expect(rows('FROM events | STATS c = COUNT(*) BY b = BUCKET(@timestamp, 1 hour) | SORT b')).toEqual({
      columns: ['c:long', 'b:date'],
      values: [[2, '2024-01-01T00:00:00.000Z'], [1, '2024-01-03T03:00:00.000Z'], [1, '2024-03-15T00:00:00.000Z']],
    });
    expect(histogram('BUCKET(@timestamp, 1 month)')).toEqual([[3, '2024-01-01T00:00:00.000Z'], [1, '2024-03-01T00:00:00.000Z']]);
  });

  it('rounds numbers down to a multiple of the span, as doubles', () => {
    expect(rows('FROM events | STATS c = COUNT(*) BY b = BUCKET(n, 10) | SORT b')).toEqual({
      columns: ['c:long', 'b:double'], values: [[1, -10], [1, 0], [1, 10], [1, 20]],
    });
    expect(histogram('BUCKET(x, 0.5)')).toEqual([[1, -0.5], [1, 1.5], [1, 2.5], [1, null]]);
  });

  it('names an unnamed grouping by its text', () => {
    expect(rows('FROM events | STATS c = COUNT(*) BY BUCKET(n, 100)').columns).toEqual(['c:long', 'BUCKET(n, 100):double']);
  });
});

describe('BUCKET in the aggregates of its STATS', () => {
  it('reads a BUCKET written as the BY clause writes it, or its alias, as the group value', () => {
    expect(rows('FROM events | STATS c = COUNT(*), next = BUCKET(n, 10) + 10 BY BUCKET(n, 10) | SORT next')).toEqual({
      columns: ['c:long', 'next:double', 'BUCKET(n, 10):double'], values: [[1, 0, -10], [1, 10, 0], [1, 20, 10], [1, 30, 20]],
    });
    // the example of Elasticsearch's reference: an alias, and the same expression written again
    expect(rows('FROM events | WHERE n > 0 | STATS s1 = b1 + 1, s2 = BUCKET(n / 10 + 99, 5.) + 2 BY b1 = BUCKET(n / 10 + 99, 5.), b2 = BUCKET(n, 10.) | SORT b2').values)
      .toEqual([[96, 97, 95, 0], [101, 102, 100, 10], [101, 102, 100, 20]]);
  });
});

describe('BUCKET with a target count and a range', () => {
  it.each([
    ['months for at most 20 buckets over a year', '20, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"',
      [[3, '2024-01-01T00:00:00.000Z'], [1, '2024-03-01T00:00:00.000Z']]],
    ['30 minutes for at most 100 over a day', '100, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"',
      [[1, '2024-01-01T00:00:00.000Z'], [1, '2024-01-01T00:30:00.000Z'], [1, '2024-01-03T03:00:00.000Z'], [1, '2024-03-15T00:00:00.000Z']]],
    ['weeks, starting on Mondays, for at most 60 over a year', '60, "2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"',
      [[3, '2024-01-01T00:00:00.000Z'], [1, '2024-03-11T00:00:00.000Z']]],
    ['years when not even months fit', '2, "2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z"', [[4, '2024-01-01T00:00:00.000Z']]],
  ])('picks %s', (_what, args, expected) => {
    expect(histogram(`BUCKET(@timestamp, ${args})`)).toEqual(expected);
  });

  it('fails a zero span, or a count of zero buckets, with a warning and null, as Elasticsearch arithmetic does', () => {
    const zero = runEsql(catalog(), { query: 'FROM events | STATS c = COUNT(*) BY b = BUCKET(x, 0.0)' });
    expect((zero.body as { values: unknown[][] }).values).toEqual([[4, null]]);
    expect(zero.warnings?.[1]).toBe('Line 1:41: java.lang.ArithmeticException: / by zero');
    const none = runEsql(catalog(), { query: 'FROM events | STATS c = COUNT(*) BY b = BUCKET(n, 0, 0, 30)' });
    expect((none.body as { values: unknown[][] }).values).toEqual([[4, null]]);
    expect(none.warnings?.[1]).toBe('Line 1:41: java.lang.ArithmeticException: not a finite double number: NaN');
  });

  it('picks a power of ten, or half of one, for numbers', () => {
    // (30 - 0) / 3 = 10: a span of 10; (30 - 0) / 12 = 2.5: a span of 5
    expect(histogram('BUCKET(n, 3, 0, 30)')).toEqual([[1, -10], [1, 0], [1, 10], [1, 20]]);
    expect(histogram('BUCKET(n, 12, 0, 30)')).toEqual([[1, -5], [1, 5], [1, 10], [1, 25]]);
  });
});

describe('BUCKET refused as Elasticsearch refuses it', () => {
  it.each([
    ['FROM events | WHERE ABS(BUCKET(n, 100.)) > 0', 'line 1:25: cannot use grouping function [BUCKET(n, 100.)] outside of a STATS command'],
    ['FROM events | EVAL 3 + BUCKET(n, 100.)', 'line 1:24: cannot use grouping function [BUCKET(n, 100.)] outside of a STATS command'],
    ['FROM events | SORT BUCKET(n, 100.)', 'line 1:20: cannot use grouping function [BUCKET(n, 100.)] outside of a STATS command'],
    ['FROM events | STATS c = COUNT(*) BY BUCKET(n, n)', 'line 1:47: second argument of [BUCKET(n, n)] must be a constant, received [n]'],
    ['FROM events | STATS c = COUNT(*) BY BUCKET(@timestamp, 10)',
      'line 1:37: function expects exactly four arguments when the first one is of type [DATETIME] and the second of type [INTEGER]'],
    ['FROM events | STATS c = COUNT(*) BY BUCKET(@timestamp, 1 hour, "2024-01-01", "2024-01-02")',
      'line 1:37: function expects exactly two arguments when the first one is of type [DATETIME] and the second of type [TIME_DURATION]'],
    ['FROM events | STATS c = COUNT(*) BY BUCKET(n, 1.5, 0, 10)',
      'line 1:37: function expects exactly two arguments when the first one is of type [INTEGER] and the second of type [DOUBLE]'],
    ['FROM events | STATS c = COUNT(*) BY BUCKET(@timestamp, "1 hour")',
      'line 1:37: second argument of [BUCKET(@timestamp, "1 hour")] must be [integral, date_period or time_duration], found value ["1 hour"] type [keyword]'],
  ])('%s', (query, reason) => {
    expect(refusal(query)).toBe(`Found 1 problem\n${reason}`);
  });
});
