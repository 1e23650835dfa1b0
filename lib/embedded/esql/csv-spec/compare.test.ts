import { describe, expect, it } from 'vitest';
import { compareAnswer, compareWarnings, warningTexts } from './compare';
import type { SpecCase } from './spec-file';

const spec = (warnings: string[]): SpecCase => ({
  name: 'c', ignored: false, capabilities: [], usesSettings: false, query: 'ROW a = 1', ignoreOrder: false, warnings,
  columns: [{ name: 'a', type: 'integer' }], rows: [['1']],
});
const header = (...texts: string[]) => texts.map((t) => `299 Elasticsearch-9.1.0 "${t}"`).join(',');
const EVALUATION = 'Line 1:9: evaluation of [TO_INT(\\"x, y\\")] failed, treating result as null. Only first 20 failures recorded.';
const CAUSE = 'Line 1:9: org.elasticsearch.xpack.esql.core.InvalidArgumentException: Cannot parse number [x, y]';

describe('csv-spec warnings', () => {
  it('reads every text of a header, commas and escaped quotes inside texts included', () => {
    expect(warningTexts(header(EVALUATION, CAUSE))).toEqual([EVALUATION, CAUSE]);
    expect(warningTexts([header(EVALUATION), header(CAUSE)])).toEqual([EVALUATION, CAUSE]);
    expect(warningTexts(undefined)).toEqual([]);
  });

  it.each([
    ['the same texts in another order', [`warning:${EVALUATION}`, `warning:${CAUSE}`], header(CAUSE, EVALUATION), null],
    ['no warning expected and none given, the default-limit one aside', [], header('No limit defined, adding default limit of [1000]'), null],
    ['a regex finding each warning', ['warningRegex:evaluation of \\[TO_INT.*failed', 'warningRegex:InvalidArgumentException'], header(EVALUATION, CAUSE), null],
    ['a missing warning', [`warning:${EVALUATION}`, `warning:${CAUSE}`], header(EVALUATION), `warnings differ: missing ${JSON.stringify([CAUSE])}, unexpected []`],
    ['an unexpected warning', [], header(CAUSE), `warnings differ: missing [], unexpected ${JSON.stringify([CAUSE])}`],
    ['a warning no regex finds', ['warningRegex:evaluation of'], header(EVALUATION, CAUSE), `warnings ${JSON.stringify([CAUSE])} match none of ["evaluation of"]`],
  ])('%s', (_title, expected, given, difference) => expect(compareWarnings(spec(expected), given)).toBe(difference));

  it('compares the warnings once the table agrees', () => {
    const ok = { columns: [{ name: 'a', type: 'integer' }], values: [[1]] };
    expect(compareAnswer(spec([]), 200, ok, undefined)).toBeNull();
    expect(compareAnswer(spec([]), 200, ok, header(CAUSE))).toContain('unexpected');
  });
});
