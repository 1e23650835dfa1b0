/** §12.6 conversion and utility built-ins. */
import { fail } from '../errors';
import { renderJson, renderJsonPretty, renderValue } from '../render';
import { DateValue, dateInRange, parseIsoDate, typeName, type DocumentValue, type Value } from '../values';
import { builtin, param } from './catalog';
import { parseDate } from './dates';

const NUMBER_RE = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Parses JSON text keeping object key order (JSON.parse would move integer-like keys first, §4.6). */
export function parseJsonOrdered(text: string): Value {
  let i = 0;
  const bad = (): never => { throw new SyntaxError(`invalid JSON at position ${i}`); };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; i++; }
    if (i >= text.length) bad();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const val = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; const m: DocumentValue = new Map(); ws();
      if (text[i] === '}') { i++; return m; }
      for (;;) {
        ws(); if (text[i] !== '"') bad();
        const k = str(); ws(); if (text[i++] !== ':') bad();
        m.set(k, val()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return m;
        bad();
      }
    }
    if (c === '[') {
      i++; const a: Value[] = []; ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(val()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return a;
        bad();
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) return bad();
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) throw new SyntaxError('number is not finite');
    return n === 0 ? 0 : n;
  };
  const v = val();
  ws();
  if (i !== text.length) bad();
  return v;
}

/** The conversion and utility built-ins. */
export const CONVERSION_BUILTINS = [
  builtin({ name: 'TO_STRING', params: [param('x', 'ANY')], returns: 'STRING', doc: "The rendering (§5); NULL gives 'null'.", examples: [['TO_STRING(1.50)', "'1.5'"], ['TO_STRING(NULL)', "'null'"]], impl: (_c, x: Value) => renderValue(x) }),
  builtin({
    name: 'TO_NUMBER', params: [param('x', 'ANY')], returns: 'NUMBER',
    doc: 'A trimmed number literal, 1/0 for BOOLEAN, epoch milliseconds for DATE; NULL gives NULL.',
    examples: [["TO_NUMBER(' -2.5e1 ')", '-25'], ['TO_NUMBER(TRUE)', '1']],
    impl: (_c, x: Value) => {
      if (x === null || typeof x === 'number') return x;
      if (typeof x === 'boolean') return x ? 1 : 0;
      if (x instanceof DateValue) return x.ms;
      if (typeof x === 'string') {
        const t = x.trim();
        const n = Number(t);
        if (!NUMBER_RE.test(t) || !Number.isFinite(n)) throw fail.functionError('TO_NUMBER', `cannot convert '${x}' to a number`);
        return n === 0 ? 0 : n;
      }
      throw fail.builtinArgType('TO_NUMBER', 1, 'STRING, NUMBER, BOOLEAN or DATE', x);
    },
  }),
  builtin({
    name: 'TO_BOOLEAN', params: [param('x', 'ANY')], returns: 'BOOLEAN', doc: "'true'/'false' (any case), or a NUMBER (0 is FALSE).",
    examples: [["TO_BOOLEAN('TRUE')", 'TRUE'], ['TO_BOOLEAN(0)', 'FALSE']],
    impl: (_c, x: Value) => {
      if (x === null || typeof x === 'boolean') return x;
      if (typeof x === 'number') return x !== 0;
      if (typeof x === 'string') {
        const t = x.trim().toLowerCase();
        if (t === 'true' || t === 'false') return t === 'true';
        throw fail.functionError('TO_BOOLEAN', `cannot convert '${x}' to a boolean`);
      }
      throw fail.functionError('TO_BOOLEAN', `cannot convert ${typeName(x)} to a boolean`);
    },
  }),
  builtin({
    name: 'TO_DATE', params: [param('x', 'ANY'), param('pattern', 'STRING', { optional: true })], returns: 'DATE',
    doc: 'An ISO string (or a string in `pattern`), or epoch milliseconds.',
    examples: [['TO_DATE(0)', "TO_DATE('1970-01-01T00:00:00.000Z')"]],
    impl: (_c, x: Value, pattern?: string) => {
      if (x === null || x instanceof DateValue) return x;
      if (typeof x === 'string') {
        if (pattern !== undefined) return parseDate('TO_DATE', x, pattern);
        const ms = parseIsoDate(x);
        if (ms === null) throw fail.functionError('TO_DATE', `'${x}' is not an ISO-8601 date`);
        return new DateValue(ms);
      }
      if (typeof x === 'number') {
        if (!dateInRange(x)) throw fail.functionError('TO_DATE', 'date out of range (years 0000 to 9999)');
        return new DateValue(Math.trunc(x));
      }
      throw fail.functionError('TO_DATE', `cannot convert ${typeName(x)} to a date`);
    },
  }),
  builtin({
    name: 'TO_JSON', params: [param('x', 'ANY'), param('pretty', 'BOOLEAN', { optional: true })], returns: 'STRING',
    doc: 'JSON text; `pretty` indents by 2 spaces.', examples: [["TO_JSON('a')", `'"a"'`], ['TO_JSON(NULL)', "'null'"]],
    impl: (_c, x: Value, pretty?: boolean) => (pretty ? renderJsonPretty(x) : renderJson(x)),
  }),
  builtin({
    name: 'FROM_JSON', params: [param('s', 'STRING')], returns: 'ANY', doc: 'Parses JSON, keeping key order.',
    examples: [[`FROM_JSON('{"a":[1,true]}')`, '{"a":[1,true]}']],
    impl: (_c, s: string) => {
      try { return parseJsonOrdered(s); } catch (e) { throw fail.functionError('FROM_JSON', `invalid JSON: ${(e as Error).message}`); }
    },
  }),
  builtin({ name: 'TYPEOF', params: [param('x', 'ANY')], returns: 'STRING', doc: 'The runtime type name (§4.1).', examples: [['TYPEOF([])', "'ARRAY'"], ['TYPEOF(NULL)', "'NULL'"]], impl: (_c, x: Value) => typeName(x) }),
  builtin({
    name: 'COALESCE', params: [param('x', 'ANY'), param('more', 'ANY', { rest: true })], returns: 'ANY', doc: 'The first non-NULL argument, or NULL.',
    examples: [["COALESCE(NULL, 'b')", "'b'"]], impl: (_c, ...xs: Value[]) => xs.find((x) => x !== null) ?? null,
  }),
  builtin({ name: 'UUID', params: [], returns: 'STRING', doc: 'A random version-4 UUID, lower case.', impl: () => globalThis.crypto.randomUUID() }),
  builtin({
    name: 'SLEEP', params: [param('ms', 'NUMBER')], returns: 'NULL', doc: 'Waits `ms` milliseconds; a cancellation point.', nullRaises: true, async: true,
    examples: [['SLEEP(10)', 'NULL']],
    impl: (c, ms: number) => {
      if (ms < 0) throw fail.invalidArgument(`SLEEP: argument must not be negative, got ${ms}`);
      const sig = c.signal;
      if (sig?.aborted) return Promise.reject(sig.reason);
      return new Promise<Value>((resolve, reject) => {
        const onAbort = () => { clearTimeout(t); reject(sig!.reason); };
        const t = setTimeout(() => { sig?.removeEventListener('abort', onAbort); resolve(null); }, ms);
        sig?.addEventListener('abort', onAbort, { once: true });
      });
    },
  }),
];
