import { illegalArgument } from '../errors';
import type { Precondition } from '../documents/write';

/** A boolean query parameter: absent → undefined, `""`/`true` → true, `false` → false. */
export function boolParam(query: Record<string, string>, name: string): boolean | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw illegalArgument(`Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** An integer query parameter; throws 400 when it is not one. */
export function intParam(query: Record<string, string>, name: string): number | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw illegalArgument(`Failed to parse int parameter [${name}] with value [${v}]`);
  return n;
}

/** `if_seq_no` + `if_primary_term` from the query string. */
export const preconditionFrom = (query: Record<string, string>): Precondition => ({
  ifSeqNo: intParam(query, 'if_seq_no'),
  ifPrimaryTerm: intParam(query, 'if_primary_term'),
});
