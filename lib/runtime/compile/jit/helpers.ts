/**
 * What generated code calls (codegen.ts): the operators and checks of the closure path, so that both
 * paths raise the same errors with the same messages, plus the few steps specific to generated code.
 * They are small on purpose: V8 inlines them into each generated routine.
 */
import { EscriptError, fail, type CodeUnit } from '../../errors';
import { add, concat, div, eq, ge, gt, le, lt, mod, mul, ne, negate, sub, truthy } from '../../operators';
import { renderValue } from '../../render';
import { ANY_TYPE, MISMATCH, runtimeTypeSpec, type TypeSpec } from '../../types';
import { copyValue, valuesEqual, type DocumentValue, type Value } from '../../values';
import { catchable, emit, type Run } from '../context';
import { appendItem, assignAtPath } from '../assignments';
import { inArray, readIndex, readKey } from '../expressions';
import { errorDocument, forStep, iterableItems, thrownError } from '../statements';
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
  readKey, readIndex, valuesEqual, inArray, runtimeTypeSpec, forStep, iterable: iterableItems, appendItem, thrownError, undeclared,
  readOnly, alreadyDeclared, makeDocument, MISMATCH, catchable, errorDocument, ANY_TYPE, assignAtPath,
};
