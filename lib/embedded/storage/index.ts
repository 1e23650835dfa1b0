export { Store, PRIMARY_TERM } from './store';
export { openDatabase, DATABASE_TUNING } from './database';
export type { AliasMetadata, AliasRecord, FlatSettings, IndexRecord, IndexTemplateBody, Mappings, StoredDocument, MappingProperties } from './types';
