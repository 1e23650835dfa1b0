/**
 * The shape of one ES|QL scalar function entry. Every function lives in one table (functions/index.ts);
 * the expression compiler checks arity and types through `returns` and calls `impl` per row.
 */
import type { Span } from '../ast';
import type { Cell, EsqlType } from '../table';
import type { EsqlContext } from '../context';

/** Thrown by an implementation when evaluation fails; the value becomes null with a warning. */
export class EvalFailure extends Error {}

/** The failure Elasticsearch reports when a single-value operation meets a multi-value. */
export const MULTI_VALUE = 'java.lang.IllegalArgumentException: single-value function encountered multi-value';

/** A scalar function. */
export interface ScalarFunction {
  name: string;
  /** Documentation line (the ES reference's summary). */
  doc: string;
  minArgs: number;
  maxArgs: number;
  /** The result type for these argument types, or which argument has the wrong type. */
  returns: (types: EsqlType[]) => EsqlType | TypeProblem;
  /** `raw`: the implementation receives multi-values and nulls as they are. Otherwise a multi-value
   *  argument yields null with a warning, and a null argument yields null. */
  raw?: boolean;
  /** `span` is the call's, for warnings an implementation records itself (CASE's multi-valued conditions). */
  impl: (args: Cell[], types: EsqlType[], ctx: EsqlContext, span: Span) => Cell;
  /** A grouping function (BUCKET): allowed in a STATS command's BY clause only. */
  grouping?: boolean;
  /** The arguments from this position on must be constants (no column read). */
  constantFrom?: number;
}

/**
 * A wrongly typed argument: its index and the expected type family (`string`, `numeric`, …); or, with
 * `message`, a problem of the argument combination, reported with that text.
 */
export interface TypeProblem { badArg: number; expected: string; message?: string }

/** Declares a function entry (identity; it keeps entries typed). */
export const fn = (entry: ScalarFunction): ScalarFunction => entry;

/** Checks each argument type against its predicate; the first failing one is reported. */
export function check(types: EsqlType[], rules: [(t: EsqlType) => boolean, string][], result: EsqlType): EsqlType | TypeProblem {
  for (let i = 0; i < types.length; i++) {
    const rule = rules[Math.min(i, rules.length - 1)];
    if (rule && types[i] !== 'null' && !rule[0](types[i])) return { badArg: i, expected: rule[1] };
  }
  return result;
}
