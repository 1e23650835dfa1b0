/**
 * The shape of a built-in (STYLE R13, LANGUAGE.md §12 conventions). Each built-in is one
 * `builtin({…})` entry; the dispatcher (compile/calls.ts) enforces arity, ARGUMENT_TYPE and the
 * NULL rule from `params`, so implementations receive checked arguments.
 */
import type { Client } from '@elastic/elasticsearch';
import type { Value } from '../values';

/** A parameter type: a §4.2 name, `LAMBDA`, or alternatives joined by `|` (`LAMBDA|STRING`). */
export type ParamType = string;

/** One parameter of a built-in. */
export interface BuiltinParam {
  name: string;
  type: ParamType;
  optional: boolean;
  /** Repeats: takes every remaining argument (COALESCE). */
  rest: boolean;
}

/** A lambda passed to a built-in (§6.9): call it with 1–2 (or 2) arguments. */
export interface Lambda {
  readonly lambda: true;
  readonly arity: number;
  call(args: Value[]): Value | Promise<Value>;
}

/** What an implementation may use: its name, the store, cancellation, and the variables in scope. */
export interface BuiltinCtx {
  fn: string;
  client: Client;
  signal: AbortSignal | undefined;
  /** A variable visible at the call site, or undefined (ESQL_QUERY parameters, §10.2). */
  lookupVariable(name: string): Value | undefined;
  /** Runs a prepared ES|QL query and converts its rows (§10.3). */
  esql(query: string, params: Record<string, Value>, fromFunction: boolean): Promise<Value>;
  /** ENV allow-list (§12.1): names the host lets scripts read. */
  envAllowed(name: string): boolean;
}

/** A built-in function entry. */
export interface Builtin {
  name: string;
  params: BuiltinParam[];
  returns: string;
  doc: string;
  /** `[script expression, expected value as a script literal]`; run by the catalogue test. */
  examples: [string, string][];
  /** Returns a Promise for store functions, SLEEP and lambda callers. */
  impl: (ctx: BuiltinCtx, ...args: any[]) => Value | Promise<Value>; // any: each entry declares its own checked argument types
  /** The implementation may return a Promise (the call compiles to an async closure). */
  async: boolean;
  /** A NULL required argument is a validation_error INVALID_ARGUMENT instead of a NULL result (§11, SLEEP, ESQL_QUERY). */
  nullRaises: boolean;
  /** Lambda arities accepted, when the function takes a lambda (§18.16). */
  lambdaArity?: number[];
}

/** A family of built-ins: one section of LANGUAGE.md (§11 or a §12 subsection) and its entries. */
export interface BuiltinFamily {
  /** The LANGUAGE.md section number, as written there (`11`, `12.1`). */
  section: string;
  /** The section's title, as written there (`Strings`). */
  title: string;
  builtins: readonly Builtin[];
}

/** Declares a parameter. */
export function param(name: string, type: ParamType, opts: { optional?: boolean; rest?: boolean } = {}): BuiltinParam {
  return { name, type, optional: opts.optional ?? false, rest: opts.rest ?? false };
}

/** Declares a built-in entry. */
export function builtin(b: {
  name: string; params: BuiltinParam[]; returns: string; doc: string; examples?: [string, string][];
  impl: Builtin['impl']; async?: boolean; nullRaises?: boolean; lambdaArity?: number[];
}): Builtin {
  return { examples: [], async: false, nullRaises: false, ...b };
}
