/**
 * Runs every catalogue `examples` entry as a script (STYLE R13) and checks the dispatcher's
 * arity, ARGUMENT_TYPE and NULL rules on real scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../render';
import { runScript } from '../run';
import { RecordingAsyncHost, tempStore } from '../test-support';
import { valuesEqual, type Value } from '../values';
import { BUILTINS } from '.';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });

async function evaluate(expr: string): Promise<{ value: Value; error: string | null }> {
  const out = await runScript(`RETURN ${expr};`, {
    host: { client: store.client, async: new RecordingAsyncHost() }, caller: { runId: 't', executionId: null }, onPrint: () => {},
  });
  if (out.kind === 'syntax') return { value: null, error: `syntax: ${out.errors.map((e) => e.message).join('; ')}` };
  return { value: out.result, error: out.error ? `${out.error.type} ${out.error.code} ${out.error.message}` : null };
}

const examples = BUILTINS.flatMap((b) => b.examples.map(([expr, expected]) => [b.name, expr, expected] as const));

describe('built-in catalogue examples', () => {
  it('has examples for most built-ins', () => {
    expect(examples.length).toBeGreaterThan(80);
  });
  it.each(examples)('%s: %s → %s', async (_name, expr, expected) => {
    const got = await evaluate(expr);
    const want = await evaluate(expected);
    expect(got.error).toBeNull();
    expect(want.error).toBeNull();
    expect(valuesEqual(got.value, want.value)).toBe(true);
    expect(renderJson(got.value)).toBe(renderJson(want.value));
  });
});

describe('dispatcher rules (§12 conventions)', () => {
  it.each([
    ["SUBSTR('a')", "validation_error ARITY_MISMATCH 'SUBSTR' expects 2 to 3 arguments, got 1"],
    ['UPPER(1)', 'type_error ARGUMENT_TYPE UPPER: argument 1 must be STRING, got NUMBER'],
    ["SUBSTR('abc', 1.5)", 'type_error ARGUMENT_TYPE SUBSTR: argument 2 must be INT, got NUMBER'],
    ['ARRAY_FILTER([1], 5)', 'type_error ARGUMENT_TYPE ARRAY_FILTER: argument 2 must be LAMBDA, got NUMBER'],
    ['ARRAY_REDUCE([1], x => x, 0)', "validation_error ARITY_MISMATCH 'ARRAY_REDUCE' expects a lambda with 2 parameters, got 1"],
    ["SQRT(-1)", 'function_error SQRT SQRT: argument must not be negative, got -1'],
    ["GET_DOCUMENT(NULL, 'x')", 'validation_error INVALID_ARGUMENT GET_DOCUMENT: argument 1 must not be NULL'],
    ['SLEEP(-1)', 'validation_error INVALID_ARGUMENT SLEEP: argument must not be negative, got -1'],
    ['ROUND(1, 16)', 'function_error ROUND ROUND: places must be between -15 and 15, got 16'],
    ["INDEX_DOCUMENT('.escript_procedures', {})", "validation_error INVALID_ARGUMENT INDEX_DOCUMENT: index '.escript_procedures' is a system index and cannot be written"],
    ['ARRAY_FILTER([1, 2], x => 1)', 'type_error CONDITION_TYPE condition must be BOOLEAN, got NUMBER'],
  ])('%s', async (expr, expected) => {
    expect((await evaluate(expr)).error).toBe(expected);
  });

  it.each([
    ['UPPER(NULL)', null], ["SUBSTR('hello', 2, NULL)", 'ello'], ['TO_STRING(NULL)', 'null'], ['TYPEOF(NULL)', 'NULL'],
    ['COALESCE(NULL, NULL, 3)', 3], ["upper('x')", 'X'],
  ] as [string, Value][])('NULL rule and case-insensitive names: %s', async (expr, expected) => {
    const r = await evaluate(expr);
    expect(r.error).toBeNull();
    expect(r.value).toEqual(expected);
  });
});
