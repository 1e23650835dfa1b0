/** §12.4 document (MAP) built-ins. They return copies and never modify their arguments. */
import { fail } from '../errors';
import { valuesEqual, type DocumentValue, type Value } from '../values';
import { builtin, param } from './catalog';

type D = DocumentValue;
const get = (d: D, k: string, dflt: Value = null): Value => { const v = d.get(k); return v === undefined || v === null ? dflt : v; };
const keys = (_c: unknown, d: D) => [...d.keys()];
const values = (_c: unknown, d: D) => [...d.values()];
const contains = (_c: unknown, d: D, k: string) => d.has(k);
const remove = (_c: unknown, d: D, k: string) => { const m = new Map(d); m.delete(k); return m; };
const merge = (_c: unknown, a: D, b: D) => { const m = new Map(a); for (const [k, v] of b) m.set(k, v); return m; };

/** The document built-ins. */
export const DOCUMENT_BUILTINS = [
  builtin({ name: 'DOCUMENT_KEYS', params: [param('d', 'DOCUMENT')], returns: 'ARRAY', doc: 'The keys, in order.', examples: [['DOCUMENT_KEYS({"a":1,"b":2})', '["a","b"]']], impl: keys }),
  builtin({ name: 'MAP_KEYS', params: [param('d', 'DOCUMENT')], returns: 'ARRAY', doc: 'The keys, in order.', examples: [['MAP_KEYS({"a":1})', '["a"]']], impl: keys }),
  builtin({ name: 'DOCUMENT_VALUES', params: [param('d', 'DOCUMENT')], returns: 'ARRAY', doc: 'The values, in order.', examples: [['DOCUMENT_VALUES({"a":1,"b":2})', '[1,2]']], impl: values }),
  builtin({ name: 'MAP_VALUES', params: [param('d', 'DOCUMENT')], returns: 'ARRAY', doc: 'The values, in order.', examples: [['MAP_VALUES({"a":1,"b":2})', '[1,2]']], impl: values }),
  builtin({
    name: 'DOCUMENT_GET', params: [param('d', 'DOCUMENT'), param('key', 'STRING'), param('default', 'ANY', { optional: true })], returns: 'ANY',
    doc: 'A top-level value, or `default` when the key is missing or NULL.', examples: [["DOCUMENT_GET({\"a\":1}, 'b', 0)", '0']],
    impl: (_c, d: D, k: string, dflt: Value = null) => get(d, k, dflt),
  }),
  builtin({ name: 'MAP_GET', params: [param('d', 'DOCUMENT'), param('key', 'STRING')], returns: 'ANY', doc: 'A top-level value, or NULL.', examples: [["MAP_GET({\"a\":1}, 'a')", '1']], impl: (_c, d: D, k: string) => get(d, k) }),
  builtin({
    name: 'MAP_GET_OR_DEFAULT', params: [param('d', 'DOCUMENT'), param('key', 'STRING'), param('default', 'ANY')], returns: 'ANY',
    doc: 'A top-level value, or `default`.', examples: [["MAP_GET_OR_DEFAULT({\"a\":1}, 'b', 2)", '2']], impl: (_c, d: D, k: string, dflt: Value) => get(d, k, dflt),
  }),
  builtin({ name: 'DOCUMENT_CONTAINS', params: [param('d', 'DOCUMENT'), param('key', 'STRING')], returns: 'BOOLEAN', doc: 'Whether the key exists.', examples: [["DOCUMENT_CONTAINS({\"a\":NULL}, 'a')", 'TRUE']], impl: contains }),
  builtin({ name: 'MAP_CONTAINS_KEY', params: [param('d', 'DOCUMENT'), param('key', 'STRING')], returns: 'BOOLEAN', doc: 'Whether the key exists, even with a NULL value.', examples: [["MAP_CONTAINS_KEY({\"a\":NULL}, 'a')", 'TRUE']], impl: contains }),
  builtin({ name: 'MAP_CONTAINS_VALUE', params: [param('d', 'DOCUMENT'), param('v', 'ANY')], returns: 'BOOLEAN', doc: 'Whether some value is == `v`.', examples: [['MAP_CONTAINS_VALUE({"a":1}, 1)', 'TRUE']], impl: (_c, d: D, v: Value) => [...d.values()].some((x) => valuesEqual(x, v)) }),
  builtin({ name: 'MAP_SIZE', params: [param('d', 'DOCUMENT')], returns: 'NUMBER', doc: 'Number of keys.', examples: [['MAP_SIZE({"a":1,"b":2})', '2']], impl: (_c, d: D) => d.size }),
  builtin({
    name: 'MAP_PUT', params: [param('d', 'DOCUMENT'), param('key', 'STRING'), param('v', 'ANY')], returns: 'DOCUMENT',
    doc: 'A copy with `key` set; an existing key keeps its position.', examples: [["MAP_PUT({\"a\":1}, 'b', 2)", '{"a":1,"b":2}']],
    impl: (_c, d: D, k: string, v: Value) => new Map(d).set(k, v),
  }),
  builtin({ name: 'DOCUMENT_REMOVE', params: [param('d', 'DOCUMENT'), param('key', 'STRING')], returns: 'DOCUMENT', doc: 'A copy without `key`.', examples: [["DOCUMENT_REMOVE({\"a\":1,\"b\":2}, 'a')", '{"b":2}']], impl: remove }),
  builtin({ name: 'MAP_REMOVE', params: [param('d', 'DOCUMENT'), param('key', 'STRING')], returns: 'DOCUMENT', doc: 'A copy without `key`.', examples: [["MAP_REMOVE({\"a\":1,\"b\":2}, 'a')", '{"b":2}']], impl: remove }),
  builtin({ name: 'DOCUMENT_MERGE', params: [param('d1', 'DOCUMENT'), param('d2', 'DOCUMENT')], returns: 'DOCUMENT', doc: 'Shallow merge; values from `d2` win.', examples: [['DOCUMENT_MERGE({"a":1,"b":2}, {"b":3,"c":4})', '{"a":1,"b":3,"c":4}']], impl: merge }),
  builtin({ name: 'MAP_MERGE', params: [param('d1', 'DOCUMENT'), param('d2', 'DOCUMENT')], returns: 'DOCUMENT', doc: 'Shallow merge; values from `d2` win.', examples: [['MAP_MERGE({"a":1}, {"a":2})', '{"a":2}']], impl: merge }),
  builtin({
    name: 'MAP_FROM_ARRAYS', params: [param('keys', 'ARRAY'), param('values', 'ARRAY')], returns: 'DOCUMENT',
    doc: 'Pairs keys with values; unequal lengths are a function_error.', examples: [["MAP_FROM_ARRAYS(['a','b'], [1,2])", '{"a":1,"b":2}']],
    impl: (_c, ks: Value[], vs: Value[]) => {
      if (ks.length !== vs.length) throw fail.functionError('MAP_FROM_ARRAYS', `keys and values differ in length (${ks.length} and ${vs.length})`);
      const m: D = new Map();
      ks.forEach((k, i) => {
        if (typeof k !== 'string') throw fail.builtinArgType('MAP_FROM_ARRAYS', 1, 'ARRAY OF STRING', ks);
        m.set(k, vs[i]);
      });
      return m;
    },
  }),
  builtin({
    name: 'MAP_ENTRIES', params: [param('d', 'DOCUMENT')], returns: 'ARRAY', doc: '`[{"key": k, "value": v}, …]`.', examples: [['MAP_ENTRIES({"a":1})', '[{"key":"a","value":1}]']],
    impl: (_c, d: D) => [...d].map(([k, v]) => new Map<string, Value>([['key', k], ['value', v]])),
  }),
];
