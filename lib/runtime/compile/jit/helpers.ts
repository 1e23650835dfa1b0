/**
 * What generated code calls (codegen.ts): the operators and checks of the closure path, so that both
 * paths raise the same errors with the same messages, plus the few steps specific to generated code.
 * They are small on purpose: V8 inlines them into each generated routine.
 */
import { EscriptError, fail, type CodeUnit } from '../../errors';
import { runtimeLimits } from '../../limits';
import { add, concat, div, eq, ge, gt, le, lt, mod, mul, ne, negate, sub, truthy } from '../../operators';
import { renderValue } from '../../render';
import { ANY_TYPE, MISMATCH, runtimeTypeSpec, type TypeSpec } from '../../types';
import { copyValue, valuesEqual, type DocumentValue, type Value } from '../../values';
import { catchable, emit, type Run } from '../context';
import { assignAtPath } from '../assignments';
import { readIndex, readKey } from '../expressions';
import { errorDocument, thrownError } from '../statements';
import type { Routine } from '../routines';
import { slowCall } from './slow-call';
import { depthExceeded, resumeNext, SUSPEND, suspendOn, suspendToYield, takeSuspension, yieldIsDue } from './suspend';

/** What a generated routine knows of itself, for its result checks. */
export interface RoutineMeta {
  name: string;
  returns: TypeSpec | null;
  lastHasValue: boolean;
}

/** copyValue, with scalars answered inline (they are most values, and copyValue is too big to inline). */
function copy(v: Value): Value {
  return typeof v === 'object' && v !== null ? copyValue(v) : v;
}

function locate(e: unknown, unit: CodeUnit, run: Run): void {
  if (e instanceof EscriptError && !e.located) e.locate(unit, run.stack);
}

/** The implicit result of an invocation that ended without RETURN (§3.3), checked at the call site (§18.11). */
function finish(meta: RoutineMeta, sv: Value, site: number): Value {
  const result = meta.lastHasValue ? copyValue(sv) : null;
  if (meta.returns === null) return result;
  const v = meta.returns.coerce(result);
  if (v === MISMATCH) throw fail.returnType(meta.name, meta.returns.text, result, site);
  return v;
}

function assignFail(name: string, t: TypeSpec, v: Value, site: number): never {
  throw fail.assignmentType(name, t.text, v, site);
}

function returnFail(meta: RoutineMeta, v: Value, site: number): never {
  throw fail.returnType(meta.name, meta.returns!.text, v, site);
}

function paramFail(r: Routine, i: number, v: Value, site: number): never {
  const p = r.params[i];
  throw fail.parameterType(p.name, r.name, p.type.text, v, site);
}

function callSlow(run: Run, name: string, site: number, argSites: number[], vals: Value[], cached: Routine | null | undefined): Value | typeof SUSPEND {
  const v = slowCall.call!(run, name, site, argSites, vals, cached);
  return v instanceof Promise ? suspendOn(run, v) : v;
}

function callBuiltin(run: Run, invoker: (run: Run, vals: Value[]) => Value | Promise<Value>, vals: Value[]): Value | typeof SUSPEND {
  const v = invoker(run, vals);
  return v instanceof Promise ? suspendOn(run, v) : v;
}

function inArray(x: Value, a: Value, neg: boolean, site: number): boolean {
  if (a === null) return neg;
  if (!Array.isArray(a)) throw fail.operandType(neg ? 'NOT IN' : 'IN', x, a, site);
  for (const y of a) if (valuesEqual(x, y)) return !neg;
  return neg;
}

/** FOR i IN a..z STEP s (§7.5): the step, after the checks of the closure path. */
function forStep(a: Value, z: Value, sv: Value, site: number, stepSite: number): number {
  if (typeof a !== 'number' || typeof z !== 'number') throw fail.operandType('..', a, z, site);
  if (sv !== null && typeof sv !== 'number') throw fail.operandType('STEP', sv, sv, stepSite);
  const s = sv === null ? (a <= z ? 1 : -1) : sv;
  if (s === 0) throw fail.invalidArgument('STEP must not be 0', stepSite);
  return s;
}

const NOTHING: Value[] = [];

/** FOR x IN array: the items to visit (a copy: the body may change the variable), none for NULL. */
function iterable(v: Value, site: number): Value[] {
  if (v === null) return NOTHING;
  if (!Array.isArray(v)) throw fail.notIterable(v, site);
  return v.slice();
}

function appendItem(arr: Value[], item: Value, site: number): void {
  const max = runtimeLimits().maxArrayLength;
  if (arr.length >= max) throw fail.arrayTooLarge(arr.length + 1, max, site);
  arr.push(item);
}

function makeDocument(keys: string[], vals: Value[]): DocumentValue {
  const out: DocumentValue = new Map();
  for (let i = 0; i < keys.length; i++) out.set(keys[i], vals[i]);
  return out;
}

function undeclared(name: string, site: number): never {
  throw fail.undeclared(name, site);
}
function readOnly(name: string, site: number): never {
  throw fail.readOnly(name, site);
}
function alreadyDeclared(name: string, site: number): never {
  throw fail.alreadyDeclared(name, site);
}

/** The names generated code destructures (codegen.ts `assemble`). */
export const RT = {
  ADD: add, SUB: sub, MUL: mul, DIV: div, MOD: mod, CONCAT: concat, EQ: eq, NE: ne, LT: lt, LE: le, GT: gt, GE: ge,
  NEG: negate, TRUTHY: truthy, RENDER: renderValue, COPY: copy, EMIT: emit, SUSPEND, suspendToYield, yieldIsDue,
  resumeNext, takeSuspension, depthExceeded, locate, finish, assignFail, returnFail, paramFail, callSlow, callBuiltin,
  readKey, readIndex, valuesEqual, inArray, runtimeTypeSpec, forStep, iterable, appendItem, thrownError, undeclared,
  readOnly, alreadyDeclared, makeDocument, MISMATCH, catchable, errorDocument, ANY_TYPE, assignAtPath,
};
