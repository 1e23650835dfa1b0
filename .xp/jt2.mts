import { RawJson, jsonText } from '../lib/embedded/rest/json-text';
import { generateExecutions } from '../bench/engine-data';
const docs = generateExecutions(100).map((d) => JSON.stringify(d));
const body = () => ({ took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { max_score: null, hits: docs.map((t, i) => ({ _index: '.escript_executions', _id: `exec-${i}abcdef0123456789`, _score: null, _source: new RawJson(t), sort: [1767225600000 + i, `exec-${i}abcdef0123456789`] })) } });
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
function write(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return PLAIN.test(v) ? `"${v}"` : JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'object': {
      if (v instanceof RawJson) return v.text;
      if (Array.isArray(v)) { let out = '['; for (let i = 0; i < v.length; i++) { if (i) out += ','; const x = v[i]; out += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : write(x); } return out + ']'; }
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v);
      let out = '{'; let first = true;
      for (const k in v) { if (!Object.hasOwn(v, k)) continue; const x = (v as Record<string, unknown>)[k]; if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue; if (!first) out += ','; first = false; out += (PLAIN.test(k) ? `"${k}"` : JSON.stringify(k)) + ':' + write(x); }
      return out + '}';
    }
    default: return JSON.stringify(v) ?? 'null';
  }
}
const b0 = body(); console.log(write(b0) === jsonText(b0));
for (let r = 0; r < 5; r++) {
  const b = body();
  let t0 = performance.now(); for (let i = 0; i < 2000; i++) jsonText(b); const a = performance.now() - t0;
  t0 = performance.now(); for (let i = 0; i < 2000; i++) write(b); const c = performance.now() - t0;
  t0 = performance.now(); for (let i = 0; i < 2000; i++) Buffer.byteLength(jsonText(b)); const a2 = performance.now() - t0;
  t0 = performance.now(); for (let i = 0; i < 2000; i++) Buffer.byteLength(write(b)); const c2 = performance.now() - t0;
  console.log(`jsonText ${(a / 2).toFixed(1)} µs, writer ${(c / 2).toFixed(1)} µs; with flattening: ${(a2 / 2).toFixed(1)} vs ${(c2 / 2).toFixed(1)}`);
}
