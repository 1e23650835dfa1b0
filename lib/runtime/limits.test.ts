/**
 * Runaway scripts are bounded (issue 3 §8): STRING and ARRAY sizes, PRINT output per run. Each limit
 * fails the run with a clear error at the statement that crossed it, and the output printed before stays.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitsFromEnv, setRuntimeLimits } from './limits';
import { runForEvents, tempStore } from './test-support';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });
afterEach(() => setRuntimeLimits({ ...DEFAULT_LIMITS }));

async function run(source: string) {
  const { events } = await runForEvents(store.client, source);
  const error = events.find((e) => e.event === 'error')?.error as Record<string, unknown> | undefined;
  const prints = events.filter((e) => e.event === 'print').map((e) => e.text);
  return { prints, error: error ? { type: error.type, code: error.code, message: error.message, line: error.line, column: error.column } : null };
}

describe('value size limits', () => {
  it('stops a string that grows past the limit at the || that would cross it', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxStringLength: 1000 });
    const { prints, error } = await run("PRINT 'start';\nVAR s = '';\nWHILE TRUE LOOP\n  SET s = s || 'abcdefghij';\nEND LOOP;\n");
    expect(prints).toEqual(['start']);
    expect(error).toEqual({ type: 'error', code: 'VALUE_TOO_LARGE', message: 'a STRING of 1010 characters exceeds the limit of 1000', line: 4, column: 13 });
  });

  it('bounds interpolated strings and built-in results too', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxStringLength: 50 });
    expect((await run("VAR x = RPAD('a', 40);\nVAR y = \"${x}${x}\";\n")).error).toMatchObject({ code: 'VALUE_TOO_LARGE', line: 2, column: 9 });
    expect((await run("VAR x = RPAD('a', 40);\nVAR y = REPLACE(x, ' ', '--');\n")).error).toMatchObject({
      code: 'VALUE_TOO_LARGE', message: 'a STRING of 79 characters exceeds the limit of 50', line: 2, column: 9,
    });
  });

  it('refuses LPAD to a length past the limit before building it, with the default limits', async () => {
    const { error } = await run('VAR s = LPAD(\'x\', 1000000000);');
    expect(error).toMatchObject({ type: 'error', code: 'VALUE_TOO_LARGE', message: `a STRING of 1000000000 characters exceeds the limit of ${DEFAULT_LIMITS.maxStringLength}` });
  });

  it('stops arrays growing past the limit: in-place ARRAY_APPEND, SET a[length] and built-ins', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxArrayLength: 100 });
    const append = await run('VAR a = [];\nFOR i IN 1..1000 LOOP\n  SET a = ARRAY_APPEND(a, i);\nEND LOOP;\n');
    expect(append.error).toEqual({ type: 'error', code: 'VALUE_TOO_LARGE', message: 'an ARRAY of 101 elements exceeds the limit of 100', line: 3, column: 11 });
    const index = await run('VAR a = [];\nFOR i IN 0..1000 LOOP\n  SET a[i] = i;\nEND LOOP;\n');
    expect(index.error).toMatchObject({ code: 'VALUE_TOO_LARGE', message: 'an ARRAY of 101 elements exceeds the limit of 100', line: 3 });
    const flat = await run('VAR a = ARRAY_FLATTEN([ARRAY_FILL(0, 60), ARRAY_FILL(0, 60)]);'.replaceAll('ARRAY_FILL(0, 60)', `[${Array(60).fill(0).join(',')}]`));
    expect(flat.error).toMatchObject({ code: 'VALUE_TOO_LARGE', message: 'an ARRAY of 120 elements exceeds the limit of 100' });
  });

  it('can be caught like any error', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxStringLength: 10 });
    const { prints, error } = await run("TRY\n  VAR s = 'abcdef' || 'ghijkl';\nCATCH error\n  PRINT error.code;\nEND TRY;\n");
    expect(error).toBeNull();
    expect(prints).toEqual(['VALUE_TOO_LARGE']);
  });
});

describe('output limit per run', () => {
  it('fails the PRINT past the line limit and keeps the lines printed before it', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxOutputLines: 5 });
    const { prints, error } = await run('VAR i = 0;\nWHILE TRUE LOOP\n  SET i = i + 1;\n  PRINT i;\nEND LOOP;\n');
    expect(prints).toEqual(['1', '2', '3', '4', '5']);
    expect(error).toEqual({ type: 'error', code: 'OUTPUT_LIMIT_EXCEEDED', message: 'run output exceeded the limit of 5 lines', line: 4, column: 3 });
  });

  it('counts characters as well as lines', async () => {
    setRuntimeLimits({ ...DEFAULT_LIMITS, maxOutputChars: 25 });
    const { prints, error } = await run("PRINT RPAD('a', 20);\nPRINT 'bbbbbb';\n");
    expect(prints).toHaveLength(1);
    expect(error).toMatchObject({ code: 'OUTPUT_LIMIT_EXCEEDED', message: 'run output exceeded the limit of 25 characters', line: 2, column: 1 });
  });
});

describe('limitsFromEnv', () => {
  it('reads the ESCRIPT_MAX_* variables over the defaults', () => {
    expect(limitsFromEnv({ ESCRIPT_MAX_STRING_LENGTH: '2048', ESCRIPT_MAX_OUTPUT_LINES: '' })).toEqual({ ...DEFAULT_LIMITS, maxStringLength: 2048 });
  });
  it('rejects a value that is not a positive integer, naming the variable', () => {
    expect(() => limitsFromEnv({ ESCRIPT_MAX_ARRAY_LENGTH: 'lots' })).toThrow("ESCRIPT_MAX_ARRAY_LENGTH must be a positive integer, got 'lots'");
    expect(() => limitsFromEnv({ ESCRIPT_MAX_OUTPUT_CHARS: '0' })).toThrow('ESCRIPT_MAX_OUTPUT_CHARS');
  });
});
