/**
 * Runtime values (LANGUAGE.md §4.1). Documents are `Map`s so that key order is insertion order even
 * for integer-like keys (§4.6); JavaScript objects would reorder those.
 */

/** A DATE: an instant in UTC with millisecond precision (§4.8). Immutable. */
export class DateValue {
  constructor(readonly ms: number) {}
}

export type DocumentValue = Map<string, Value>;
export type ArrayValue = Value[];
export type Value = null | boolean | number | string | DateValue | ArrayValue | DocumentValue;

/** Plain JSON, as stored in Elasticsearch and printed by `escript run --json`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
