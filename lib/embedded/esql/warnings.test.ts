// Evaluation warnings as Elasticsearch words them (`Warnings.failure` in context.ts and the commands that use it).
import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from './testing/memory-catalog';
import { answer } from './testing/run';

const failed = (at: string, text: string, exception: string, as = 'null') =>
  [`Line ${at}: evaluation of [${text}] failed, treating result as ${as}. Only first 20 failures recorded.`, `Line ${at}: ${exception}`];
const MULTI = 'java.lang.IllegalArgumentException: single-value function encountered multi-value';
const OVERFLOW = 'java.lang.ArithmeticException: long overflow';

const weights = () => new MemoryCatalog().add('w', { v: { type: 'integer' }, w: { type: 'integer' }, g: { type: 'integer' } }, [
  { v: 10, w: 1, g: 1 }, { v: 20, w: [1, 2], g: 1 }, { v: 30, w: 0, g: 2 },
]);

describe('evaluation warnings', () => {
  it.each([
    ['CASE on a multi-valued condition counts it as false', 'ROW c = [true, false] | EVAL x = CASE(c, 1, 2)', [[[true, false], 2]],
      failed('1:34', 'CASE(c, 1, 2)', MULTI, 'false')],
    ['TO_INT leaves out the elements that do not convert', 'ROW s = ["1", "two"] | EVAL i = TO_INT(s)', [[['1', 'two'], 1]],
      failed('1:33', 'TO_INT(s)', 'org.elasticsearch.xpack.esql.core.InvalidArgumentException: Cannot parse number [two]')],
    ['date arithmetic beyond a long', 'ROW d = TO_DT(9223372036854775807) | EVAL p = d + 1 day | KEEP p', [[null]], failed('1:47', 'd + 1 day', OVERFLOW)],
    ['date arithmetic beyond Java years', 'ROW d = TO_DT(0) | EVAL p = d + 2147483647 years | KEEP p', [[null]],
      failed('1:29', 'd + 2147483647 years', 'java.time.DateTimeException: Invalid value for Year (valid values -999999999 - 999999999): 2147485617')],
    ['DATE_PARSE text that the pattern does not match', 'ROW b = DATE_PARSE("yyyy-MM", "2023-02-01")', [[null]],
      failed('1:9', 'DATE_PARSE("yyyy-MM", "2023-02-01")', 'java.lang.IllegalArgumentException: failed to parse date field [2023-02-01] with format [yyyy-MM]')],
    ['DATE_DIFF beyond the integer range', 'ROW a = TO_DT(0), b = TO_DT(86400000) | EVAL d = DATE_DIFF("nanoseconds", a, b) | KEEP d', [[null]],
      failed('1:50', 'DATE_DIFF("nanoseconds", a, b)', 'org.elasticsearch.xpack.esql.core.InvalidArgumentException: [86400000000000] out of [integer] range')],
    ['SUM beyond a long', 'ROW x = [9223372036854775807, 9223372036854775807] | MV_EXPAND x | STATS s = SUM(x)', [[null]], failed('1:78', 'SUM(x)', OVERFLOW)],
  ])('%s', (_title, query, values, warnings) => {
    const a = answer(query);
    expect(a.values).toEqual(values);
    expect(a.warnings).toEqual(warnings);
  });

  it('WEIGHTED_AVG is null for a group with a multi-valued weight or weights summing to zero', () => {
    const a = answer('FROM w | STATS a = WEIGHTED_AVG(v, w) BY g | SORT g', undefined, weights());
    expect(a.values).toEqual([[null, 1], [null, 2]]);
    expect(a.warnings).toEqual([...failed('1:20', 'WEIGHTED_AVG(v, w)', MULTI), 'Line 1:20: java.lang.ArithmeticException: / by zero']);
  });
  it('WEIGHTED_AVG with a constant weight averages every value, multi-values included', () => {
    expect(answer('ROW v = [1, 2, 3] | STATS a = WEIGHTED_AVG(v, 1)')).toMatchObject({ values: [[2]], warnings: [] });
  });
  it('STATS warns about every definition a later one of the same name shadows (a grouping wins)', () => {
    const a = answer('ROW g = 1 | STATS g = MAX(g), g = MIN(g) BY g');
    expect(a.warnings.sort()).toEqual(["Line 1:19: Field 'g' shadowed by field at line 1:45", "Line 1:31: Field 'g' shadowed by field at line 1:45"]);
  });
});
