/**
 * Random ES|QL queries for the embedded engine: chains of commands over an index holding every column type,
 * multi-values, nulls and extremes, with expressions built from the function table itself, so a new
 * function is fuzzed as soon as it is declared. Most are rejected by validation; the rest run.
 */
import type { EngineRequest } from '../../lib/embedded';
import { SCALAR_FUNCTIONS } from '../../lib/embedded/esql/functions/index';
import type { Prng } from './prng';

/** The index `t` the queries read. */
export const ESQL_FUZZ_SETUP: EngineRequest[] = [
  {
    method: 'PUT', path: '/t', body: JSON.stringify({
      mappings: { properties: { k: { type: 'keyword' }, s: { type: 'text' }, l: { type: 'long' }, i: { type: 'integer' }, d: { type: 'double' }, dt: { type: 'date' }, b: { type: 'boolean' }, ip: { type: 'ip' }, v: { type: 'version' } } },
    }),
  },
  {
    method: 'POST', path: '/t/_bulk', querystring: 'refresh=true', body: [
      { k: 'a', s: 'hello world', l: 1, i: 2, d: 1.5, dt: '2024-01-01T00:00:00Z', b: true, ip: '10.0.0.1', v: '1.2.3' },
      { k: ['b', 'c'], s: ['x y', 'z'], l: [1, 2, 3], i: -5, d: [0.1, -2], dt: ['2024-02-01', '2023-01-01'], b: [true, false], ip: ['::1', '1.2.3.4'], v: ['1.0', '2.0-beta'] },
      { k: null, l: 9007199254740991, i: 2147483647, d: 1e308, dt: 0, b: false },
      {},
      { k: '', s: '', l: -9007199254740991, i: -2147483648, d: -0.0, dt: '9999-12-31T23:59:59.999Z', ip: '255.255.255.255', v: '0' },
    ].map((d) => `{"index":{}}\n${JSON.stringify(d)}\n`).join(''),
  },
];

const COLUMNS = ['k', 's', 'l', 'i', 'd', 'dt', 'b', 'ip', 'v', 'x', 'y'];
const LITERALS = ['1', '0', '-1', '1.5', '"a"', '""', 'null', 'true', 'false', '2147483648', '9223372036854775807', '"2024-01-01"', '1 day', '"10.0.0.0/8"', '[1, 2]', '["a", "b"]', '1e300', '0.0'];
const FUNCTIONS = [...SCALAR_FUNCTIONS.values()];

function expression(r: Prng, depth = 0): string {
  const c = r.next();
  if (depth > 2 || c < 0.35) return r.pick([...COLUMNS, ...LITERALS]);
  if (c < 0.75) {
    const f = r.pick(FUNCTIONS);
    const count = r.range(f.minArgs, Math.min(f.maxArgs, f.minArgs + 2));
    return `${f.name}(${Array.from({ length: count }, () => expression(r, depth + 1)).join(', ')})`;
  }
  const a = expression(r, depth + 1);
  if (c < 0.9) return `${a} ${r.pick(['+', '-', '*', '/', '%', '==', '!=', '<', '>=', 'AND', 'OR', 'LIKE', 'RLIKE'])} ${expression(r, depth + 1)}`;
  return r.pick([`${a} IS NULL`, `NOT ${a}`, `${a} IN (${expression(r, depth + 1)}, ${expression(r, depth + 1)})`, `-${a}`,
    `${a}::${r.pick(['long', 'integer', 'double', 'keyword', 'datetime', 'boolean', 'ip', 'version'])}`]);
}

function command(r: Prng): string {
  return r.pick([
    () => `WHERE ${expression(r)}`, () => `EVAL x = ${expression(r)}`, () => `EVAL y = ${expression(r)}, x = ${expression(r)}`,
    () => `STATS ${r.pick(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'MEDIAN', 'COUNT_DISTINCT', 'VALUES', 'STD_DEV', 'TOP', 'MEDIAN_ABSOLUTE_DEVIATION'])}(${r.pick(COLUMNS)}${r.chance(0.2) ? ', 2, "asc"' : ''})${r.chance(0.5) ? ` BY ${r.pick(COLUMNS)}` : ''}`,
    () => `SORT ${r.pick(COLUMNS)} ${r.pick(['', 'ASC', 'DESC NULLS LAST'])}`, () => `KEEP ${r.pick(COLUMNS)}, ${r.pick(['*', 'k*', 'x'])}`,
    () => `DROP ${r.pick(COLUMNS)}`, () => `MV_EXPAND ${r.pick(COLUMNS)}`, () => `LIMIT ${r.pick([0, 1, 3, 1000])}`,
    () => `RENAME ${r.pick(COLUMNS)} AS z`, () => `DISSECT ${r.pick(COLUMNS)} "%{p} %{q}"`,
  ])();
}

/** One random query, as the `POST /_query` request carrying it. */
export function randomEsqlRequest(r: Prng): EngineRequest {
  const source = r.chance(0.85) ? 'FROM t' : `ROW ${COLUMNS.slice(0, 3).map((c) => `${c} = ${r.pick(LITERALS)}`).join(', ')}`;
  const commands = Array.from({ length: r.range(1, 4) }, () => command(r));
  return { method: 'POST', path: '/_query', body: JSON.stringify({ query: [source, ...commands].join(' | ') }) };
}
