import { EsError } from '../../errors';
import { indexHealth } from '../../indices/health';
import { resolveIndices } from '../../indices/names';
import { isClosed, isHidden } from '../../mapping/settings';
import type { Store } from '../../storage/store';
import { ok, route, type RestRequest, type RestResponse } from '../router';

const COLUMNS = ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size', 'dataset.size'];

/** Elasticsearch's short names for `_cat/indices` columns. */
const ALIASES: Record<string, string> = {
  h: 'health', s: 'status', i: 'index', idx: 'index', id: 'uuid', p: 'pri', 'shards.primary': 'pri', r: 'rep', 'shards.replica': 'rep',
  dc: 'docs.count', docsCount: 'docs.count', dd: 'docs.deleted', docsDeleted: 'docs.deleted', ss: 'store.size', storeSize: 'store.size',
  cd: 'creation.date', cds: 'creation.date.string',
};
const HEALTH = new Set(['green', 'yellow', 'red']);

/** The `s=col[:asc|:desc],…` order of `_cat` rows: numbers numerically, other cells as text. */
function rowOrder(spec: string): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const keys = spec.split(',').map((part) => {
    const [name, direction] = part.split(':');
    return { column: ALIASES[name] ?? name, sign: direction === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { column, sign } of keys) {
      const x = String(a[column] ?? ''), y = String(b[column] ?? '');
      const numeric = x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y));
      const c = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return sign * Math.sign(c);
    }
    return 0;
  };
}

/** `GET /_cat/indices[/<index>]`: a text table, or JSON rows with `format=json`; `h=` picks columns, `v` adds headers. */
function catIndices(req: RestRequest, store: Store): RestResponse {
  if (req.query.health !== undefined && !HEALTH.has(req.query.health)) {
    throw new EsError(400, 'illegal_argument_exception', `request [${req.path}] contains unrecognized health: [${req.query.health}]`);
  }
  const expand = (req.query.expand_wildcards ?? '').split(',');
  const includeHidden = expand.includes('all') || expand.includes('hidden');
  // `_cat/indices` lists closed indices too (its expand_wildcards default is `all` for open and closed)
  const names = resolveIndices(store, req.params.index ?? '*', { includeHidden, includeClosed: true }).indices;
  const rows = names.map((name) => {
    const index = store.getIndex(name)!;
    const closed = isClosed(index.settings);
    // a closed index reports no document counts or sizes, as in Elasticsearch
    const size = closed ? '' : `${store.allDocuments(name).reduce((n, d) => n + d.source.length, 0)}b`;
    return {
      health: indexHealth(index.settings), status: closed ? 'close' : 'open', index: name, uuid: index.settings['index.uuid'] ?? '',
      pri: index.settings['index.number_of_shards'] ?? '1', rep: index.settings['index.number_of_replicas'] ?? '1',
      'docs.count': closed ? '' : String(store.countDocuments(name)), 'docs.deleted': closed ? '' : '0', 'store.size': size, 'pri.store.size': size,
      'dataset.size': size, hidden: isHidden(index.settings),
      'creation.date': String(index.created), 'creation.date.string': new Date(index.created).toISOString(),
    } as Record<string, unknown>;
  });
  const columns = req.query.h ? req.query.h.split(',').map((c) => ALIASES[c] ?? c) : COLUMNS;
  if (req.query.health !== undefined) rows.splice(0, rows.length, ...rows.filter((r) => r.health === req.query.health));
  if (req.query.s) rows.sort(rowOrder(req.query.s));
  if (req.query.format === 'json') return ok(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))));
  const table = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  if (req.query.v !== undefined && req.query.v !== 'false') table.unshift(columns);
  const widths = columns.map((_, i) => Math.max(0, ...table.map((row) => row[i].length)));
  const text = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join(' ').trimEnd() + '\n').join('');
  return { status: 200, body: text, headers: { 'content-type': 'text/plain; charset=UTF-8' } };
}

export default [
  ...route('GET', '/_cat/indices', (req, { store }) => catIndices(req, store)),
  ...route('GET', '/_cat/indices/:index', (req, { store }) => catIndices(req, store)),
];
