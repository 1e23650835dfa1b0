import { ok, route } from '../router';

/** The version this engine answers as (ES|QL and the 9.x client expect 9.x). */
export const ENGINE_VERSION = '9.1.0';

/** `GET /` and `HEAD /`: cluster info with `version.number` and the tagline. */
export default [
  ...route('GET|HEAD', '/', () => ok({
    name: 'embedded', cluster_name: 'embedded', cluster_uuid: 'embedded-elasticsearch-compatible',
    version: {
      number: ENGINE_VERSION, build_flavor: 'default', build_type: 'embedded', build_hash: 'embedded',
      build_date: '2025-01-01T00:00:00.000Z', build_snapshot: false, lucene_version: '10.2.2',
      minimum_wire_compatibility_version: '8.19.0', minimum_index_compatibility_version: '8.0.0',
    },
    tagline: 'You Know, for Search',
  })),
];
