/**
 * What the ES|QL engine needs from the document store. The store (lib/embedded/storage) implements it;
 * the engine never touches SQLite directly, so it can be tested on in-memory data.
 */

/** An Elasticsearch mapping `properties` object, as stored for the index (dynamic fields included). */
export interface MappingProperties {
  [field: string]: {
    type?: string;
    properties?: MappingProperties;
    fields?: MappingProperties;
    [other: string]: unknown;
  };
}

export interface EsqlCatalog {
  /**
   * Concrete index names matching an ES|QL FROM pattern list (`logs-*,metrics`): wildcards expand over
   * visible indices; a hidden index (settings `index.hidden`) matches only when the pattern names it
   * explicitly or the pattern itself starts with `.`. Unknown concrete names are returned in `missing`.
   */
  resolve(patterns: string[]): { indices: string[]; missing: string[] };
  /** The index's mapping properties. */
  mapping(index: string): MappingProperties;
  /** Every document of the index: its `_id` and parsed `_source`, in insertion order. */
  documents(index: string): Iterable<{ id: string; source: Record<string, unknown> }>;
}
