import { describe, expect, it } from 'vitest';
import { lineColumn } from '../language';
import { parseEscript } from './parse';

// The §3.4 rules that need the built-in list are syntax errors wherever the product parses (§18.6 positions).
function errors(source: string) {
  return parseEscript(source).diagnostics.map((d) => ({ ...lineColumn(source, d.span.from), message: d.message }));
}

describe('parseEscript: §3.4 rules that need the built-in catalogue', () => {
  it('rejects a local FUNCTION named like a built-in, at its name, in any case', () => {
    const source = 'FUNCTION length(s STRING) RETURNS NUMBER BEGIN\n  RETURN 1;\nEND FUNCTION;\n';
    expect(errors(source)).toEqual([{ line: 1, column: 10, message: 'local function `length` cannot have the name of a built-in function' }]);
    expect(errors(source.replace('length', 'Array_Map'))).toHaveLength(1);
  });

  it('accepts a local FUNCTION with any other name', () => {
    expect(errors('FUNCTION twice(n NUMBER) RETURNS NUMBER BEGIN\n  RETURN n * 2;\nEND FUNCTION;\nPRINT twice(2);\n')).toEqual([]);
  });

  it('rejects a lambda passed to a procedure or function that is not a built-in, at its parameter list', () => {
    const source = 'CALL my_proc(1, x => x + 1);\n';
    expect(errors(source)).toEqual([{ line: 1, column: 17, message: 'a lambda is only allowed as an argument of a built-in function' }]);
    expect(errors('VAR v = my_fn((a, b) => a);')).toEqual([
      { line: 1, column: 15, message: 'a lambda is only allowed as an argument of a built-in function' },
    ]);
  });

  it('accepts lambdas as built-in arguments, whatever the case of the name', () => {
    expect(errors("PRINT array_map([1, 2], x => x * 2);\nPRINT ARRAY_FILTER([1, 2], (x, i) => i > 0);\n")).toEqual([]);
  });
});
