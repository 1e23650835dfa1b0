/**
 * The one table of ES|QL scalar functions, by upper-case name. The compiler, the validator and later
 * the editor (hover, completion) read it.
 */
import { BUCKET } from './bucket';
import type { ScalarFunction } from './define';
import { CONDITIONAL_FUNCTIONS } from './conditional';
import { CONVERSION_FUNCTIONS } from './conversion';
import { DATE_FUNCTIONS } from './dates';
import { IP_FUNCTIONS } from './ip';
import { MULTIVALUE_FUNCTIONS } from './multivalue';
import { NUMBER_FUNCTIONS } from './numbers';
import { STRING_FUNCTIONS } from './strings';

/** Scalar functions by upper-case name. */
export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map(
  [...STRING_FUNCTIONS, ...NUMBER_FUNCTIONS, ...CONVERSION_FUNCTIONS, ...CONDITIONAL_FUNCTIONS, ...DATE_FUNCTIONS, ...MULTIVALUE_FUNCTIONS, ...IP_FUNCTIONS,
    BUCKET]
    .map((f) => [f.name, f]),
);
