/**
 * Closing and opening indices (`POST /<index>/_close`, `/_open`). A closed index keeps its settings,
 * mappings and documents but refuses reads and writes with 400 `index_closed_exception`, and wildcards
 * skip it unless `expand_wildcards` includes `closed`. As in Elasticsearch, the closed state shows as the
 * setting `index.verified_before_close: true`, which opening removes.
 */
import { EsError } from '../errors';
import { isClosed } from '../mapping/settings';
import type { Store } from '../storage/store';
import type { IndexRecord } from '../storage/types';
import { resolveExisting, type ResolveOptions } from './names';

const CLOSED_SETTING = 'index.verified_before_close';

/** 400 `index_closed_exception` for `index`. */
export const indexClosed = (index: IndexRecord) =>
  new EsError(400, 'index_closed_exception', 'closed', { index_uuid: index.settings['index.uuid'] ?? '_na_', index: index.name });

/** Throws `index_closed_exception` when the index is closed; returns it otherwise. */
export function requireOpen(index: IndexRecord): IndexRecord {
  if (isClosed(index.settings)) throw indexClosed(index);
  return index;
}

/** Throws `index_closed_exception` when `name` is an existing closed index. */
export function requireOpenName(store: Store, name: string): void {
  const index = store.getIndex(name);
  if (index) requireOpen(index);
}

/** Closes the indices `expression` names (wildcards reach open and closed ones); returns their names. */
export function closeIndices(store: Store, expression: string, options: Partial<ResolveOptions>): string[] {
  return store.transaction(() => {
    const names = resolveExisting(store, expression, { ...options, includeClosed: true, allowAliases: true });
    for (const name of names) {
      const index = store.getIndex(name)!;
      if (!isClosed(index.settings)) store.putSettings(name, { ...index.settings, [CLOSED_SETTING]: 'true' });
    }
    return names;
  });
}

/** Opens the indices `expression` names; returns their names. */
export function openIndices(store: Store, expression: string, options: Partial<ResolveOptions>): string[] {
  return store.transaction(() => {
    const names = resolveExisting(store, expression, { ...options, includeClosed: true, allowAliases: true });
    for (const name of names) {
      const { [CLOSED_SETTING]: _closed, ...settings } = store.getIndex(name)!.settings;
      store.putSettings(name, settings);
    }
    return names;
  });
}
