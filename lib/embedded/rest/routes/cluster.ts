import { indexHealth } from '../../indices/health';
import { resolveExisting, resolveOptionsFrom } from '../../indices/names';
import type { Store } from '../../storage/store';
import { ENGINE_BUILD_DATE, ENGINE_BUILD_HASH, ENGINE_VERSION } from '../../version';
import { ok, route, type RestRequest } from '../router';

/**
 * `GET /_cluster/health[/<index>]` for the one-node embedded cluster: every primary is active, replicas stay
 * unassigned (so any index with replicas makes the status yellow). `wait_for_*` parameters return at once.
 */
export function clusterHealth(req: RestRequest, store: Store) {
  const indices = resolveExisting(store, req.params.index, { ...resolveOptionsFrom(req.query), includeHidden: true })
    .map((name) => store.getIndex(name)!);
  const primaries = indices.reduce((n, i) => n + Number(i.settings['index.number_of_shards'] ?? '1'), 0);
  const replicas = indices.reduce((n, i) => n + Number(i.settings['index.number_of_shards'] ?? '1') * Number(i.settings['index.number_of_replicas'] ?? '1'), 0);
  const status = indices.some((i) => indexHealth(i.settings) === 'yellow') ? 'yellow' : 'green';
  return {
    cluster_name: 'embedded', status, timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1,
    active_primary_shards: primaries, active_shards: primaries, relocating_shards: 0, initializing_shards: 0,
    unassigned_shards: replicas, unassigned_primary_shards: 0, delayed_unassigned_shards: 0, number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0, task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: primaries + replicas === 0 ? 100 : (100 * primaries) / (primaries + replicas),
  };
}

/** `GET /` and `HEAD /`: cluster info with `version.number` and the tagline; `GET /_cluster/health`. */
export default [
  ...route('GET', '/_cluster/health', (req, { store }) => ok(clusterHealth(req, store))),
  ...route('GET', '/_cluster/health/:index', (req, { store }) => ok(clusterHealth(req, store))),
  ...route('GET|HEAD', '/', () => ok({
    name: 'embedded', cluster_name: 'embedded', cluster_uuid: 'embedded-elasticsearch-compatible',
    version: {
      number: ENGINE_VERSION, build_flavor: 'default', build_type: 'embedded', build_hash: ENGINE_BUILD_HASH,
      build_date: ENGINE_BUILD_DATE, build_snapshot: false, lucene_version: '10.2.2',
      minimum_wire_compatibility_version: '8.19.0', minimum_index_compatibility_version: '8.0.0',
    },
    tagline: 'You Know, for Search',
  })),
];
