import type { MappingProperties } from '../esql/catalog';

export type { MappingProperties };

/** Index settings kept flat with Elasticsearch's dotted keys and string values (`index.hidden: "true"`). */
export type FlatSettings = Record<string, string>;

/** An index's mappings: `dynamic` (true, false, "strict", "runtime") and the `properties` tree. */
export interface Mappings {
  dynamic?: boolean | string;
  properties?: MappingProperties;
  [other: string]: unknown;
}

/** One row of the indices table. `seqNo` is the last sequence number committed (-1 when none). */
export interface IndexRecord {
  name: string;
  settings: FlatSettings;
  mappings: Mappings;
  created: number;
  seqNo: number;
}

/** The version numbers of a stored document, which conditional writes check. */
export interface DocumentVersion {
  seqNo: number;
  primaryTerm: number;
  version: number;
}

/** One stored document. `source` is the exact JSON text that was indexed, so key order survives. */
export interface StoredDocument extends DocumentVersion {
  index: string;
  id: string;
  source: string;
}

/** A composable index template body as given to `PUT _index_template/<name>`. */
export interface IndexTemplateBody {
  index_patterns: string[] | string;
  priority?: number;
  template?: { settings?: Record<string, unknown>; mappings?: Mappings; aliases?: Record<string, unknown> };
  [other: string]: unknown;
}

/**
 * An alias's metadata on one index, stored and shown as Elasticsearch shows it (`GET /_alias`): `routing` is
 * split into `index_routing` and `search_routing` before storing, and absent keys stay absent.
 */
export interface AliasMetadata {
  filter?: Record<string, unknown>;
  index_routing?: string;
  search_routing?: string;
  is_write_index?: boolean;
  is_hidden?: boolean;
}

/** One row of the aliases table: `alias` points to `index` with `metadata`. */
export interface AliasRecord {
  alias: string;
  index: string;
  metadata: AliasMetadata;
}
