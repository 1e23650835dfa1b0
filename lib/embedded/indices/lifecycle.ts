import { randomBytes } from 'node:crypto';
import { EsError } from '../errors';
import { mergeMappings, normalizeMappings } from '../mapping/merge';
import { flattenSettings } from '../mapping/settings';
import type { Store } from '../storage/store';
import type { IndexRecord, Mappings } from '../storage/types';
import { validateIndexName } from './names';
import { matchingTemplate } from './templates';

/** The body of `PUT /<index>`. */
export interface CreateIndexBody {
  settings?: unknown;
  mappings?: unknown;
  aliases?: unknown;
}

/** Settings every new index gets unless the request or a template sets them. */
const DEFAULT_SETTINGS = { 'index.number_of_shards': '1', 'index.number_of_replicas': '1' } as const;

/** A 22-character base64url id, the shape of Elasticsearch's index UUIDs. */
const indexUuid = () => randomBytes(16).toString('base64url');

/**
 * Creates an index (§14.4): the best-matching index template's settings and mappings apply first, then the
 * request's on top. Throws 400 `resource_already_exists_exception` if it exists, or
 * `invalid_index_name_exception` for a bad name. Runs in its own write transaction unless already in one.
 */
export function createIndex(store: Store, name: string, body: CreateIndexBody = {}): IndexRecord {
  validateIndexName(name);
  return store.transaction(() => {
    const existing = store.getIndex(name);
    if (existing) {
      throw new EsError(400, 'resource_already_exists_exception',
        `index [${name}/${existing.settings['index.uuid'] ?? '_na_'}] already exists`, { index_uuid: existing.settings['index.uuid'], index: name });
    }
    const template = matchingTemplate(store, name)?.body.template;
    const requested = flattenSettings(body.settings);
    if (requested['index.soft_deletes.enabled'] === 'false') {
      throw new EsError(400, 'illegal_argument_exception', 'Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].');
    }
    checkFieldNames(normalizeMappings(body.mappings).properties);
    const created = Date.now();
    const settings = {
      ...DEFAULT_SETTINGS,
      ...flattenSettings(template?.settings),
      ...requested,
      'index.uuid': indexUuid(),
      'index.creation_date': String(created),
      'index.provided_name': name,
    };
    const mappings: Mappings = mergeMappings(normalizeMappings(template?.mappings), normalizeMappings(body.mappings), false);
    store.insertIndex(name, settings, mappings, created);
    return store.getIndex(name)!;
  });
}

/** The index, created on first write (with templates) when missing. Call inside the write transaction. */
export function ensureIndex(store: Store, name: string): IndexRecord {
  return store.getIndex(name) ?? createIndex(store, name);
}

function checkFieldNames(properties: Mappings['properties'], prefix = ''): void {
  for (const [name, def] of Object.entries(properties ?? {})) {
    if (name.trim() === '') throw new EsError(400, 'illegal_argument_exception', `field name cannot be an empty string${prefix ? ` in [${prefix}]` : ''}`);
    if (def.properties) checkFieldNames(def.properties, prefix + name + '.');
  }
}
