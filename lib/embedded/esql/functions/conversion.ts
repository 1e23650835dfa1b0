/**
 * ES|QL type conversion functions (TO_STRING, TO_INTEGER, …). Multi-values convert element-wise; an
 * element that does not convert is left out, with a warning (so a value none of whose elements convert is null).
 */
import { cellValues, isNumeric, toCell, type EsqlType, type Scalar } from '../table';
import { ConversionFailure, convert } from './convert';
import { EvalFailure, fn, type ScalarFunction } from './define';

const to = (name: string, target: EsqlType, from: (t: EsqlType) => boolean, doc: string): ScalarFunction => fn({
  name, doc, minArgs: 1, maxArgs: 1, raw: true,
  returns: (t) => (t[0] === 'null' || from(t[0]) ? target : { badArg: 0, expected: 'convertible' }),
  impl: ([cell], types, ctx, span) => toCell(cellValues(cell).flatMap((v): Scalar[] => {
    try { return [convert(v, types[0], target)]; } catch (e) {
      if (!(e instanceof ConversionFailure)) throw e;
      ctx.warnings.failure(span, e.exception);
      return [];
    }
  })),
});

/**
 * A conversion of numbers to a double by `f` (TO_DEGREES, TO_RADIANS: convert/ToDegrees.java, ToRadians.java),
 * element-wise like the other conversions; `f` throws EvalFailure for an element Elasticsearch refuses.
 */
const numeric = (name: string, doc: string, f: (x: number) => number): ScalarFunction => fn({
  name, doc, minArgs: 1, maxArgs: 1, raw: true,
  returns: (t) => (t[0] === 'null' || isNumeric(t[0]) ? 'double' : { badArg: 0, expected: 'numeric' }),
  impl: ([cell], _types, ctx, span) => toCell(cellValues(cell).flatMap((v): Scalar[] => {
    try { return [f(v as number)]; } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      ctx.warnings.failure(span, e.message);
      return [];
    }
  })),
});

/** ToDegrees.java's result check (NumericUtils.asFiniteNumber): an infinite or NaN result is a failure. */
function finite(x: number): number {
  if (!Number.isFinite(x)) throw new EvalFailure(`java.lang.ArithmeticException: not a finite double number: ${x}`);
  return x;
}

// Java's Math.toDegrees and Math.toRadians multiply by these constants
const RADIANS_TO_DEGREES = 180 / Math.PI;
const DEGREES_TO_RADIANS = Math.PI / 180;

const any = () => true;
const notDate = (t: EsqlType) => t !== 'ip';

/** Conversion functions. */
export const CONVERSION_FUNCTIONS: ScalarFunction[] = [
  to('TO_STRING', 'keyword', any, 'Converts to a string.'),
  to('TO_STR', 'keyword', any, 'Converts to a string.'),
  to('TO_INTEGER', 'integer', notDate, 'Converts to an integer.'),
  to('TO_INT', 'integer', notDate, 'Converts to an integer.'),
  to('TO_LONG', 'long', notDate, 'Converts to a long.'),
  to('TO_DOUBLE', 'double', notDate, 'Converts to a double.'),
  to('TO_DBL', 'double', notDate, 'Converts to a double.'),
  to('TO_UNSIGNED_LONG', 'unsigned_long', notDate, 'Converts to an unsigned long.'),
  to('TO_BOOLEAN', 'boolean', notDate, 'Converts to a boolean.'),
  to('TO_BOOL', 'boolean', notDate, 'Converts to a boolean.'),
  to('TO_DATETIME', 'date', (t) => t !== 'boolean' && t !== 'ip', 'Converts to a date.'),
  to('TO_DT', 'date', (t) => t !== 'boolean' && t !== 'ip', 'Converts to a date.'),
  to('TO_IP', 'ip', (t) => t === 'keyword' || t === 'text' || t === 'ip', 'Converts to an IP.'),
  to('TO_VERSION', 'version', (t) => t === 'keyword' || t === 'text' || t === 'version', 'Converts to a version.'),
  to('TO_TEXT', 'keyword', any, 'Converts to a string.'),
  numeric('TO_DEGREES', 'Converts a number in radians to degrees.', (x) => finite(x * RADIANS_TO_DEGREES)),
  numeric('TO_RADIANS', 'Converts a number in degrees to radians.', (x) => x * DEGREES_TO_RADIANS),
];
