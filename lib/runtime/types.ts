/**
 * Declared types (LANGUAGE.md §4.2) and the only two implicit conversions (§4.4).
 */
import type { TypeRef } from '../language/ast';
import { DateValue, parseIsoDate, type Value } from './values';

/** Returned by `coerce` when a value does not fit. */
export const MISMATCH: unique symbol = Symbol('mismatch');

/** A declared type: its upper-case text (for messages) and a check that may convert (§4.4). */
export interface TypeSpec {
  text: string;
  /** The value to store (converted for STRING→DATE), or MISMATCH. */
  coerce(v: Value): Value | typeof MISMATCH;
}

const MAX_INT = 9007199254740991;

function scalar(name: string): (v: Value) => Value | typeof MISMATCH {
  switch (name) {
    case 'STRING': return (v) => (v === null || typeof v === 'string' ? v : MISMATCH);
    case 'NUMBER': case 'FLOAT': case 'DOUBLE': return (v) => (v === null || typeof v === 'number' ? v : MISMATCH);
    case 'INT': case 'INTEGER': case 'LONG':
      return (v) => (v === null || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_INT) ? v : MISMATCH);
    case 'BOOLEAN': return (v) => (v === null || typeof v === 'boolean' ? v : MISMATCH);
    case 'DATE':
      return (v) => {
        if (v === null || v instanceof DateValue) return v;
        if (typeof v === 'string') { const ms = parseIsoDate(v); return ms === null ? MISMATCH : new DateValue(ms); }
        return MISMATCH;
      };
    case 'DOCUMENT': case 'MAP': return (v) => (v === null || v instanceof Map ? v : MISMATCH);
    case 'ARRAY': return (v) => (v === null || Array.isArray(v) ? v : MISMATCH);
    default: return (v) => v;
  }
}

function build(ref: TypeRef): (v: Value) => Value | typeof MISMATCH {
  if (ref.kind === 'ScalarType') return scalar(ref.name);
  if (!ref.of) return scalar('ARRAY');
  const elem = build(ref.of);
  return (v) => {
    if (v === null) return v;
    if (!Array.isArray(v)) return MISMATCH;
    let out: Value[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const c = elem(v[i]);
      if (c === MISMATCH) return MISMATCH;
      if (c !== v[i]) (out ??= v.slice())[i] = c;
    }
    return out ?? v;
  };
}

/** The TypeSpec of a written type. */
export function typeSpec(ref: TypeRef): TypeSpec {
  return { text: ref.text, coerce: build(ref) };
}

/** The ANY type (VAR of NULL). */
export const ANY_TYPE: TypeSpec = { text: 'ANY', coerce: (v) => v };

const RUNTIME_TYPES: Record<string, TypeSpec> = {};
/** The declared type VAR takes from its initial value (§4.3): its runtime type, NULL → ANY. */
export function runtimeTypeSpec(v: Value): TypeSpec {
  if (v === null) return ANY_TYPE;
  const name = typeof v === 'string' ? 'STRING' : typeof v === 'number' ? 'NUMBER' : typeof v === 'boolean' ? 'BOOLEAN'
    : v instanceof DateValue ? 'DATE' : Array.isArray(v) ? 'ARRAY' : 'DOCUMENT';
  return (RUNTIME_TYPES[name] ??= { text: name, coerce: scalar(name) });
}

/** A TypeSpec from a scalar name (for built-in parameters and typed binding). */
export function namedTypeSpec(name: string): TypeSpec {
  return { text: name, coerce: scalar(name) };
}
