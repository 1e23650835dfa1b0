import { EsError } from '../../errors';
import { indexHealth } from '../../indices/health';
import { resolveExisting, resolveIndices, resolveOptionsFrom } from '../../indices/names';
import { isClosed, isHidden } from '../../mapping/settings';
import type { Store } from '../../storage/store';
import { wildcardMatch } from '../../wildcard';
import { ok, route, type RestRequest, type RestResponse } from '../router';
import { clusterHealth } from './cluster';

/** What a `_cat` API lists: its default columns and the short names Elasticsearch accepts for them. */
interface CatColumns {
  defaults: string[];
  aliases: Record<string, string>;
}

const INDICES: CatColumns = {
  defaults: ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size', 'dataset.size'],
  aliases: {
    h: 'health', s: 'status', i: 'index', idx: 'index', id: 'uuid', p: 'pri', 'shards.primary': 'pri', r: 'rep', 'shards.replica': 'rep',
    dc: 'docs.count', docsCount: 'docs.count', dd: 'docs.deleted', docsDeleted: 'docs.deleted', ss: 'store.size', storeSize: 'store.size',
    cd: 'creation.date', cds: 'creation.date.string',
  },
};

/** `epoch` and `timestamp`, which `_cat/count` and `_cat/health` start with (`ts=false` leaves them out). */
const TIME_ALIASES = { t: 'epoch', time: 'epoch', ts: 'timestamp', hms: 'timestamp', hhmmss: 'timestamp' };

const COUNT: CatColumns = {
  defaults: ['epoch', 'timestamp', 'count'],
  aliases: { ...TIME_ALIASES, dc: 'count', 'docs.count': 'count', docsCount: 'count' },
};

const HEALTH_COLUMNS: CatColumns = {
  defaults: ['epoch', 'timestamp', 'cluster', 'status', 'node.total', 'node.data', 'shards', 'pri', 'relo', 'init', 'unassign', 'unassign.pri',
    'pending_tasks', 'max_task_wait_time', 'active_shards_percent'],
  aliases: {
    ...TIME_ALIASES, cl: 'cluster', st: 'status', nt: 'node.total', nodeTotal: 'node.total', nd: 'node.data', nodeData: 'node.data',
    sh: 'shards', 'shards.total': 'shards', shardsTotal: 'shards', p: 'pri', 'shards.primary': 'pri', shardsPrimary: 'pri',
    r: 'relo', 'shards.relocating': 'relo', shardsRelocating: 'relo', i: 'init', 'shards.initializing': 'init', shardsInitializing: 'init',
    u: 'unassign', 'shards.unassigned': 'unassign', shardsUnassigned: 'unassign', up: 'unassign.pri', 'shards.unassigned.primary': 'unassign.pri',
    shardsUnassignedPrimary: 'unassign.pri', pt: 'pending_tasks', pendingTasks: 'pending_tasks', mtwt: 'max_task_wait_time',
    maxTaskWaitTime: 'max_task_wait_time', asp: 'active_shards_percent', activeShardsPercent: 'active_shards_percent',
  },
};

const ALIAS_COLUMNS: CatColumns = {
  defaults: ['alias', 'index', 'filter', 'routing.index', 'routing.search', 'is_write_index'],
  aliases: { a: 'alias', i: 'index', idx: 'index', f: 'filter', fi: 'filter', ri: 'routing.index', routingIndex: 'routing.index',
    rs: 'routing.search', routingSearch: 'routing.search', w: 'is_write_index', isWriteIndex: 'is_write_index' },
};

const HEALTH = new Set(['green', 'yellow', 'red']);

/** The `s=col[:asc|:desc],…` order of `_cat` rows: numbers numerically, other cells as text. */
function rowOrder(spec: string, aliases: Record<string, string>): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const keys = spec.split(',').map((part) => {
    const [name, direction] = part.split(':');
    return { column: aliases[name] ?? name, sign: direction === 'desc' ? -1 : 1 };
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

/**
 * A `_cat` answer: space-aligned text (`v` adds the header line, `h=` picks columns, `s=` sorts), or with
 * `format=json` an array of objects of the picked columns.
 */
function catAnswer(req: RestRequest, rows: Record<string, unknown>[], columns: CatColumns): RestResponse {
  let picked = req.query.h ? req.query.h.split(',').map((c) => columns.aliases[c] ?? c) : columns.defaults;
  if (req.query.ts === 'false') picked = picked.filter((c) => c !== 'epoch' && c !== 'timestamp');
  if (req.query.s) rows.sort(rowOrder(req.query.s, columns.aliases));
  if (req.query.format === 'json') return ok(rows.map((r) => Object.fromEntries(picked.map((c) => [c, r[c] ?? null]))));
  const table = rows.map((r) => picked.map((c) => String(r[c] ?? '')));
  if (req.query.v !== undefined && req.query.v !== 'false') table.unshift(picked);
  const widths = picked.map((_, i) => Math.max(0, ...table.map((row) => row[i].length)));
  const text = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join(' ').trimEnd() + '\n').join('');
  return { status: 200, body: text, headers: { 'content-type': 'text/plain; charset=UTF-8' } };
}

/** `epoch` (seconds) and `timestamp` (`HH:mm:ss`, UTC) of now, as `_cat/count` and `_cat/health` show them. */
function now(): { epoch: string; timestamp: string } {
  const at = new Date();
  return { epoch: String(Math.floor(at.getTime() / 1000)), timestamp: at.toISOString().slice(11, 19) };
}

/** `GET /_cat/indices[/<index>]`. */
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
  const shown = req.query.health === undefined ? rows : rows.filter((r) => r.health === req.query.health);
  return catAnswer(req, shown, INDICES);
}

/** `GET /_cat/count[/<index>]`: the documents of the indices the target reaches (all open, visible ones by default). */
function catCount(req: RestRequest, store: Store): RestResponse {
  const names = resolveExisting(store, req.params.index, resolveOptionsFrom(req.query));
  const count = names.reduce((n, name) => n + store.countDocuments(name), 0);
  return catAnswer(req, [{ ...now(), count: String(count) }], COUNT);
}

/** `GET /_cat/health`: `_cluster/health` in one line. */
function catHealth(req: RestRequest, store: Store): RestResponse {
  const health = clusterHealth(req, store);
  const row = {
    ...now(), cluster: health.cluster_name, status: health.status, 'node.total': String(health.number_of_nodes),
    'node.data': String(health.number_of_data_nodes), shards: String(health.active_shards), pri: String(health.active_primary_shards),
    relo: String(health.relocating_shards), init: String(health.initializing_shards), unassign: String(health.unassigned_shards),
    'unassign.pri': String(health.unassigned_primary_shards), pending_tasks: String(health.number_of_pending_tasks),
    max_task_wait_time: '-', active_shards_percent: `${health.active_shards_percent_as_number.toFixed(1)}%`,
  };
  return catAnswer(req, [row], HEALTH_COLUMNS);
}

/** `GET /_cat/aliases[/<name>]`: one line per alias and index, `-` where a setting is absent, `*` for a filter. */
function catAliases(req: RestRequest, store: Store): RestResponse {
  const patterns = req.params.name?.split(',');
  const rows = store.listAliases()
    .filter((a) => !patterns || patterns.some((p) => wildcardMatch(p, a.alias)))
    .map((a) => ({
      alias: a.alias, index: a.index, filter: a.metadata.filter ? '*' : '-', 'routing.index': a.metadata.index_routing ?? '-',
      'routing.search': a.metadata.search_routing ?? '-',
      is_write_index: a.metadata.is_write_index === undefined ? '-' : String(a.metadata.is_write_index),
    }));
  return catAnswer(req, rows, ALIAS_COLUMNS);
}

export default [
  ...route('GET', '/_cat/indices', (req, { store }) => catIndices(req, store)),
  ...route('GET', '/_cat/indices/:index', (req, { store }) => catIndices(req, store)),
  ...route('GET', '/_cat/count', (req, { store }) => catCount(req, store)),
  ...route('GET', '/_cat/count/:index', (req, { store }) => catCount(req, store)),
  ...route('GET', '/_cat/health', (req, { store }) => catHealth(req, store)),
  ...route('GET', '/_cat/aliases', (req, { store }) => catAliases(req, store)),
  ...route('GET', '/_cat/aliases/:name', (req, { store }) => catAliases(req, store)),
];
