import { randomBytes } from 'node:crypto';
import { EsError } from '../errors';
import { mergeMappings, normalizeMappings } from '../mapping/merge';
import { flattenSettings } from '../mapping/settings';
import type { Store } from '../storage/store';
import type { IndexRecord, Mappings } from '../storage/types';
import { addAliasesOnCreate, checkAliasConsistency, isAlias } from './aliases';
import { resolveDateMathName } from './date-math-names';
import { validateIndexName } from './names';
import { requireOpen } from './open-close';
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
 * Creates an index (§14.4): the best-matching index template's settings, mappings and aliases apply first,
 * then the request's on top (a request alias replaces a template alias of the same name). A date-math name
 * (`<logs-{now/d}>`) is resolved first. Throws 400 `resource_already_exists_exception` if it exists,
 * `invalid_index_name_exception` for a bad name or one an alias already has, and alias errors as
 * `PUT /<index>/_alias` does. Runs in its own write transaction unless already in one.
 */
export function createIndex(store: Store, requestedName: string, body: CreateIndexBody = {}): IndexRecord {
  const name = resolveDateMathName(requestedName);
  validateIndexName(name);
  return store.transaction(() => {
    if (isAlias(store, name)) {
      throw new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], already exists as alias`, { index_uuid: '_na_', index: name });
    }
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
    checkIndexMode({ ...flattenSettings(template?.settings), ...requested });
    const created = Date.now();
    const settings = {
      ...DEFAULT_SETTINGS,
      ...flattenSettings(template?.settings),
      ...requested,
      'index.uuid': indexUuid(),
      'index.creation_date': String(created),
      'index.provided_name': requestedName,
    };
    const mappings: Mappings = mergeMappings(normalizeMappings(template?.mappings), normalizeMappings(body.mappings), false);
    store.insertIndex(name, settings, mappings, created);
    if (body.aliases !== undefined && body.aliases !== null && (typeof body.aliases !== 'object' || Array.isArray(body.aliases))) {
      throw new EsError(400, 'illegal_argument_exception', '[aliases] must be an object');
    }
    addAliasesOnCreate(store, name, { ...asObject(template?.aliases), ...asObject(body.aliases) });
    checkAliasConsistency(store);
    return store.getIndex(name)!;
  });
}

/** The index, created on first write (with templates) when missing. Call inside the write transaction. */
export function ensureIndex(store: Store, name: string): IndexRecord {
  const index = store.getIndex(name);
  return index ? requireOpen(index) : createIndex(store, name);
}

const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** `index.mode` values Elasticsearch knows; `lookup` indices (for LOOKUP JOIN) have exactly one shard. */
const INDEX_MODES = new Set(['standard', 'time_series', 'logsdb', 'lookup']);

function checkIndexMode(settings: Record<string, string>): void {
  const mode = settings['index.mode'];
  if (mode === undefined) return;
  if (!INDEX_MODES.has(mode.toLowerCase())) {
    throw new EsError(400, 'illegal_argument_exception', `[index.mode] must be one of [${[...INDEX_MODES].join(', ')}], but was [${mode}]`);
  }
  const shards = settings['index.number_of_shards'];
  if (mode.toLowerCase() === 'lookup' && shards !== undefined && shards !== '1') {
    throw new EsError(400, 'illegal_argument_exception', `index with [lookup] mode must have [index.number_of_shards] set to 1 or unset; provided ${shards}`);
  }
}

function checkFieldNames(properties: Mappings['properties'], prefix = ''): void {
  for (const [name, def] of Object.entries(properties ?? {})) {
    if (name.trim() === '') throw new EsError(400, 'illegal_argument_exception', `field name cannot be an empty string${prefix ? ` in [${prefix}]` : ''}`);
    if (def.properties) checkFieldNames(def.properties, prefix + name + '.');
  }
}
