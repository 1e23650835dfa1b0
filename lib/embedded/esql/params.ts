/**
 * Request parameters of `POST /_query` (`params`): positional values, `{name: value}` pairs, and the
 * identifier and pattern forms (`{name: {identifier: "f"}}`) that stand for column names. A number the
 * request wrote with a fraction or exponent (`2.0`) is a double even when it is whole, so the route keeps
 * that distinction (`JsonFloat`) when it reads the body.
 */
import type { ParamExpr } from './ast';
import { parseJsonNumbers } from '../documents/json-numbers';
import { parsing, type EsqlMessage } from './errors';
import type { EsqlType, Scalar } from './table';

/** A JSON number written as a float (`2.0`, `1e3`), kept apart from an integer of the same value. */
export class JsonFloat {
  constructor(readonly value: number) {}
}

/** One parameter: a typed value, or a column name (identifier) or column-name pattern. */
export type Param =
  | { kind: 'value'; value: Scalar | null; type: EsqlType }
  | { kind: 'identifier'; name: string }
  | { kind: 'pattern'; pattern: string };

/** The request's parameters, by position and by name. */
export interface Params { positional: Param[]; named: Map<string, Param> }

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** The ES|QL type of a JSON parameter value. */
function valueParam(value: unknown): Param {
  if (value instanceof JsonFloat) return { kind: 'value', value: value.value, type: 'double' };
  if (value === null || value === undefined) return { kind: 'value', value: null, type: 'null' };
  if (typeof value === 'boolean') return { kind: 'value', value, type: 'boolean' };
  if (typeof value === 'number') {
    const type: EsqlType = Number.isInteger(value) ? (value >= INT_MIN && value <= INT_MAX ? 'integer' : 'long') : 'double';
    return { kind: 'value', value, type };
  }
  return { kind: 'value', value: String(value), type: 'keyword' };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonFloat);

/** A named parameter's value: plain, or the object forms `{value}`, `{identifier}` and `{pattern}`. */
function namedParam(value: unknown): Param {
  if (!isObject(value)) return valueParam(value);
  if (typeof value.identifier === 'string') return { kind: 'identifier', name: value.identifier };
  if (typeof value.pattern === 'string') return { kind: 'pattern', pattern: value.pattern };
  return valueParam(value.value);
}

/** Reads `params`; a named entry with several keys is refused as Elasticsearch refuses it. */
export function readParams(params: unknown[] | undefined): Params | EsqlMessage {
  const positional: Param[] = [];
  const named = new Map<string, Param>();
  for (const p of params ?? []) {
    if (!isObject(p)) { positional.push(valueParam(p)); continue; }
    const entries = Object.entries(p);
    if (entries.length !== 1) return parsing(`Cannot parse more than one key:value pair as parameter, found [${entries.map(([k]) => k).join(', ')}]`, 0);
    const [name, value] = entries[0];
    const param = namedParam(value);
    named.set(name, param);
    positional.push(param);
  }
  return { positional, named };
}

/** The parameter a `?`, `?1` or `?name` refers to, or undefined when the request has none there. */
export function paramFor(e: ParamExpr, params: Params): Param | undefined {
  if (e.name !== null) return params.named.get(e.name);
  return e.position === null || e.position < 0 ? undefined : params.positional[e.position];
}

/**
 * Parses a JSON text like `JSON.parse`, except that numbers written with a fraction or an exponent become
 * `JsonFloat`s. Throws `SyntaxError` on malformed text (callers parse with `JSON.parse` first).
 */
export const parseJsonKeepingFloats = (text: string): unknown =>
  parseJsonNumbers(text, (written) => {
    const value = JSON.parse(written) as number;
    return /[.eE]/.test(written) ? new JsonFloat(value) : value;
  });
