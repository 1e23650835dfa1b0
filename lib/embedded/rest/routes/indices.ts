import { aliasesView } from '../../indices/aliases';
import { createIndex } from '../../indices/lifecycle';
import { closeIndices, openIndices } from '../../indices/open-close';
import { resolveExisting, resolveIndices, resolveOptionsFrom } from '../../indices/names';
import { sortedMappings } from '../../mapping/fields';
import { mergeMappings, normalizeMappings } from '../../mapping/merge';
import { nestSettings } from '../../mapping/settings';
import type { Store } from '../../storage/store';
import type { IndexRecord } from '../../storage/types';
import { ok, reply, route, type RestRequest } from '../router';

/** What `GET /_capabilities` reports for `PUT /<index>`: `index.mode: lookup` (one shard) is accepted. */
const CREATE_INDEX_CAPABILITIES: ReadonlySet<string> = new Set(['lookup_index_mode']);

const mappingsView = (index: IndexRecord) => sortedMappings(index.mappings);

function resolve(req: RestRequest, store: Store): string[] {
  return resolveExisting(store, req.params.index, resolveOptionsFrom(req.query));
}

/** Index management: create, exists, get, delete, mappings, settings and refresh. */
export default [
  ...route('HEAD', '/:index', (req, { store }) => {
    const { indices, missing } = resolveIndices(store, req.params.index, resolveOptionsFrom(req.query));
    return reply(missing.length === 0 && indices.length > 0 ? 200 : 404, undefined);
  }),
  ...route('PUT', '/:index', (req, { store }) => {
    const body = (req.json() ?? {}) as Record<string, unknown>;
    const index = createIndex(store, req.params.index, body);
    return ok({ acknowledged: true, shards_acknowledged: true, index: index.name });
  }, CREATE_INDEX_CAPABILITIES),
  ...route('GET', '/:index', (req, { store }) => {
    const out: Record<string, unknown> = {};
    for (const name of resolve(req, store)) {
      const index = store.getIndex(name)!;
      out[name] = { aliases: aliasesView(store, name), mappings: mappingsView(index), settings: nestSettings(index.settings) };
    }
    return ok(out);
  }),
  ...route('DELETE', '/:index', (req, { store }) => {
    // Like the REST test clusters (`action.destructive_requires_name: false`), wildcards may delete several
    // indices; aliases are refused (their wildcards match nothing), as Elasticsearch does.
    const names = resolveExisting(store, req.params.index, { includeClosed: true, ...resolveOptionsFrom(req.query), allowAliases: false });
    store.transaction(() => names.forEach((n) => store.deleteIndex(n)));
    return ok({ acknowledged: true });
  }),
  ...route('GET', '/:index/_mapping', (req, { store }) => ok(Object.fromEntries(
    resolve(req, store).map((n) => [n, { mappings: mappingsView(store.getIndex(n)!) }])))),
  ...route('GET', '/_mapping', (req, { store }) => ok(Object.fromEntries(
    resolve(req, store).map((n) => [n, { mappings: mappingsView(store.getIndex(n)!) }])))),
  ...route('PUT|POST', '/:index/_mapping', (req, { store }) => {
    const extra = normalizeMappings(req.json());
    store.transaction(() => {
      for (const n of resolve(req, store)) store.putMappings(n, mergeMappings(store.getIndex(n)!.mappings, extra, true));
    });
    return ok({ acknowledged: true });
  }),
  ...route('GET', '/:index/_settings', (req, { store }) => ok(Object.fromEntries(
    resolve(req, store).map((n) => [n, { settings: nestSettings(store.getIndex(n)!.settings) }])))),
  ...route('POST', '/:index/_close', (req, { store }) => {
    const names = closeIndices(store, req.params.index, resolveOptionsFrom(req.query));
    return ok({ acknowledged: true, shards_acknowledged: true, indices: Object.fromEntries(names.map((n) => [n, { closed: true }])) });
  }),
  ...route('POST', '/:index/_open', (req, { store }) => {
    openIndices(store, req.params.index, resolveOptionsFrom(req.query));
    return ok({ acknowledged: true, shards_acknowledged: true });
  }),
  ...route('POST|GET', '/:index/_refresh', (req, { store }) => refreshed(resolve(req, store).length)),
  ...route('POST|GET', '/_refresh', (req, { store }) => refreshed(resolve(req, store).length)),
];

// Every write is visible at once, so a refresh only has to answer.
const refreshed = (count: number) => ok({ _shards: { total: count * 2, successful: count, failed: 0 } });

