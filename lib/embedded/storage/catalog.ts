import type { EsqlCatalog, MappingProperties } from '../esql/catalog';
import { resolveAgainst } from '../indices/names';
import { isHidden } from '../mapping/settings';
import type { Store } from './store';

/**
 * The ES|QL engine's view of the store (`EsqlCatalog`): pattern resolution with the hidden-index rules,
 * mappings (dynamic fields included) and documents in insertion order. Reads go straight to SQLite.
 */
export function storeCatalog(store: Store): EsqlCatalog {
  return {
    resolve(patterns: string[]) {
      const all = store.listIndices().map((i) => ({ name: i.name, hidden: isHidden(i.settings) }));
      return resolveAgainst(all, patterns);
    },
    mapping(index: string): MappingProperties {
      return store.getIndex(index)?.mappings.properties ?? {};
    },
    *documents(index: string) {
      // Materialized first: a live SQLite cursor would block other statements while the engine iterates.
      for (const doc of store.allDocuments(index)) yield { id: doc.id, source: JSON.parse(doc.source) as Record<string, unknown> };
    },
  };
}
