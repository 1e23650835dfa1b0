import type { EsqlCatalog, MappingProperties } from '../esql/catalog';
import { aliasFilters } from '../indices/aliases';
import { namespaceOf, resolveAgainst } from '../indices/names';
import { compileQuery } from '../query/compile';
import type { Store } from './store';

/**
 * The ES|QL engine's view of the store (`EsqlCatalog`): pattern resolution with the hidden-index rules and
 * aliases, mappings (dynamic fields included) and documents in insertion order. An index that FROM reached
 * only through filtered aliases yields just the documents the alias filter matches, as in Elasticsearch.
 * Reads go straight to SQLite.
 */
export function storeCatalog(store: Store): EsqlCatalog {
  // Filters of the last resolution; FROM resolves its patterns before it reads documents.
  let filters = new Map<string, Record<string, unknown>>();
  return {
    resolve(patterns: string[]) {
      const { indices, aliases } = namespaceOf(store);
      const resolution = resolveAgainst(indices, patterns, {}, aliases);
      filters = aliasFilters(store, resolution);
      return { indices: resolution.indices, missing: resolution.missing };
    },
    mapping(index: string): MappingProperties {
      return store.getIndex(index)?.mappings.properties ?? {};
    },
    metadataState: () => store.metadataState(),
    indexedReads(index: string) {
      // an alias filter is evaluated by the general path only
      return filters.has(index) ? undefined : store.fieldScan(index);
    },
    *documents(index: string) {
      const filter = filters.get(index);
      const matcher = filter && compileQuery(filter, { index, properties: store.getIndex(index)?.mappings.properties, nowMs: Date.now() });
      // Materialized first: a live SQLite cursor would block other statements while the engine iterates.
      for (const doc of store.allDocuments(index)) {
        const source = JSON.parse(doc.source) as Record<string, unknown>;
        if (!matcher || matcher({ index, id: doc.id, source }) !== null) yield { id: doc.id, source, sourceText: doc.source };
      }
    },
  };
}
