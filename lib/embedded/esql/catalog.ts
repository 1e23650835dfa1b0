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

/** A document as FROM reads it. */
export interface CatalogDocument {
  id: string;
  /** The parsed `_source`. */
  source: Record<string, unknown>;
  /** The `_source` as stored, when the store has it: keyword columns read numbers as written there. */
  sourceText?: string;
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
  documents(index: string): Iterable<CatalogDocument>;
  /**
   * Optional: reads of the index that the store's field indexes serve (pushdown.ts uses them); undefined
   * when this index cannot use them (for example when FROM reached it through a filtered alias).
   */
  indexedReads?(index: string): IndexedReads | undefined;
  /**
   * Optional: a token, the same object exactly as long as everything but the documents this catalog
   * answers (indices, aliases, mappings, their field indexes) stays the same, and never another store's,
   * so that work derived from those alone can be kept; undefined when nothing may be kept.
   */
  metadataState?(): object | undefined;
}

/** How a condition compares a field with a constant. */
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A comparison of an indexed field with a constant, or (`in`) its equality with one of several. */
export type FieldCondition =
  | { field: string; op: ComparisonOp; value: string | number }
  | { field: string; op: 'in'; values: readonly (string | number)[] };

/** An order on an indexed field; ties keep insertion order. */
export interface FieldOrder { field: string; descending: boolean; nullsFirst: boolean }

/**
 * What to read: documents meeting every condition; with `limit`, only the first `limit` of them (in `order`,
 * else in insertion order), plus those tied with the last one on the order's field when `withTies`.
 */
export interface ScanRequest {
  conditions: FieldCondition[]; order?: FieldOrder; limit?: number; withTies?: boolean;
  /** False: use only SQLite indexes that exist (the read is not worth making one, which every write pays for). */
  makeIndexes?: boolean;
  /**
   * With an order: more fields whose values each document should come with (a search's later sort keys),
   * read from the index the read walks, which then covers them. A document with an irregular value in
   * one of them comes back without `keys`.
   */
  also?: string[];
  /**
   * What each document comes with: its whole row (`row`, the default: `_id` and version numbers, for a
   * search's hits), or only its source (`source`) and its `_id` (`sourceAndId`), which is all ES|QL's FROM
   * shows; each column read costs its conversion. Left out: `id` is '' and version numbers are 0.
   */
  read?: 'row' | 'sourceAndId' | 'source';
}

/**
 * A document as an indexed read returns it: its insertion position, `_id` and `_source` text, and whether
 * it came back for an irregular value (no condition was applied to it).
 */
export interface ScannedDocument {
  position: number; id: string; source: string; irregular: boolean;
  /**
   * With an order: the document's values of the order's field and of `also`'s, as SQLite reads them
   * (`json_extract`), which are its `_source` values when the document is plain.
   */
  keys?: unknown[];
  /** When the store's document cache holds it: where readers keep what they derive from this version of it. */
  memo?: Map<string, unknown>;
}

/** Counts per value of a field over the plain documents, and the documents the caller must count itself. */
export interface GroupCounts {
  groups: { key: string | number | null; count: number; first: number }[];
  irregular: ScannedDocument[];
}

/**
 * Reads served by indexes on single fields. Answers are exact for documents whose values in the fields
 * involved are plain single values of the field's kind; every other document is returned as well, with no
 * condition applied, for the caller to evaluate itself.
 */
export interface IndexedReads {
  /** How an indexed field compares (undefined: the field has no index). */
  kind(field: string): 'keyword' | 'long' | 'double' | 'date' | undefined;
  /** Whether an indexed field may get SQLite indexes (not when mapped `"index": false`). */
  indexable(field: string): boolean;
  /** The documents for a request, in insertion order. */
  scan(request: ScanRequest): ScannedDocument[];
  /** Counts of documents meeting the conditions, grouped by a field's value. */
  countBy(conditions: FieldCondition[], field: string): GroupCounts;
  /** How many plain documents (also in `alsoPlainIn`) meet the conditions, counting at most `cap` (undefined: all). */
  countPlain(conditions: FieldCondition[], cap?: number, alsoPlainIn?: string[]): number;
  /**
   * Optional: the `_source` texts of the first `limit` documents meeting the conditions in `order`, joined
   * by commas (the inside of a JSON array), read in one statement; undefined when some document of the
   * index has an irregular value in a field of `plainIn` (or of the conditions or order), or when a match
   * has no value for the order's field. Documents tied on that value come in no particular order.
   */
  orderedSources?(request: OrderedSourcesRequest): string | undefined;
  /**
   * Optional: the documents `orderedSources` reads, parsed, from the store's cache of documents read
   * lately (storage/document-cache.ts); undefined as there, or when the store has no such cache.
   */
  orderedDocuments?(request: OrderedSourcesRequest): { readonly source: Record<string, unknown>; readonly memo: Map<string, unknown> }[] | undefined;
}

/** What `orderedSources` reads. */
export interface OrderedSourcesRequest { conditions: FieldCondition[]; order: FieldOrder; limit: number; plainIn: readonly string[] }
