/**
 * Expression indexes over `_source` fields, so searches and ES|QL can let SQLite find, sort and count
 * documents instead of reading every one (issue 4, item 3).
 *
 * Top-level leaf fields mapped as keyword, long, double or date are "tracked": SQLite may evaluate
 * conditions on them with `json_extract(source, '$."field"')`. Its order and equality agree with the
 * engine's only for "plain" values (a string for keyword, a safe integer for long, a number for double, a
 * UTC ISO date with milliseconds for date, or null), so every other value (arrays, objects, other types,
 * other date formats) is recorded in `irregular_values` when written, and readers always hand those
 * documents to the general path, which evaluates them exactly.
 *
 * Keyword and date fields also get a partial index on that expression, unless the mapping says
 * `"index": false` (Elasticsearch's "not worth an index of its own": the field stays searchable, from doc
 * values there and by SQLite's scan here). Numbers get none either: their values arrive in random order,
 * and at a million documents keeping an index on each cost more on every bulk write (a dirty page per
 * document and index) than it saved on reads, which SQLite still filters and sorts itself. Every index
 * costs each write of the index's documents (three evaluations of the expression and a dirty page per
 * update), which is why a mapping that knows its queries should leave the others unindexed.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Mappings } from './types';

/** How a tracked field's plain values compare in SQLite. */
export type IndexedKind = 'keyword' | 'long' | 'double' | 'date';

/** A tracked field: its kind, and its SQLite index when it has one. */
export interface TrackedField { kind: IndexedKind; index?: string }

const KINDS: Record<string, IndexedKind> = { keyword: 'keyword', long: 'long', double: 'double', date: 'date' };

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** The JSON path of a top-level field. */
const jsonPath = (field: string): string => `$."${field}"`;

/**
 * The partial-index condition of an index's expression indexes, which queries must repeat word for word.
 * The `typeof` term is always true, and no other statement of the store says it: without it, SQLite
 * 3.53 could choose the index for another statement's `idx = ?` when re-preparing it (after a schema
 * change) with that moment's value bound, then keep the plan for other values and miss their documents.
 */
export const indexScope = (index: string): string => `idx = ${sqlString(index)} AND typeof(idx) = 'text'`;

/** The indexed expression of a field, spelled exactly as the index declares it (SQLite matches the text). */
export const fieldExpr = (field: string): string => `json_extract(source, ${sqlString(jsonPath(field))})`;

/** A field the mapping has tracked: its kind, and whether it gets a SQLite index. */
export interface WantedField { kind: IndexedKind; indexed: boolean }

/**
 * The fields of a mapping that are tracked: top-level leaves of an indexed kind with plain names, and text
 * fields with a keyword multi-field (what dynamic mapping makes of strings), tracked as keyword on their own
 * `_source` value, which both the text field and its `.keyword` read. Keyword and date fields get a SQLite
 * index unless mapped with `"index": false`.
 */
export function indexableFields(mappings: Mappings | undefined): Map<string, WantedField> {
  const out = new Map<string, WantedField>();
  for (const [name, def] of Object.entries(mappings?.properties ?? {})) {
    // dotted names are object paths, and quotes would need escaping inside the JSON path
    if (/[."'\\]/.test(name)) continue;
    const kind = def.type === undefined ? undefined : KINDS[def.type];
    const keywordText = (def.type === 'text' || def.type === 'match_only_text') && Object.values(def.fields ?? {}).some((f) => f.type === 'keyword');
    if (kind) out.set(name, { kind, indexed: WITH_INDEX.has(kind) && def.index !== false });
    else if (keywordText) out.set(name, { kind: 'keyword', indexed: true });
  }
  return out;
}

/** Tracked fields per index at most: an index with many dynamic fields would otherwise pay for each on every write. */
export const MAX_INDEXED_FIELDS = 32;

/** The only date spelling whose text order is its time order: `toISOString()`'s. */
const ISO_UTC_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';

/** SQL that is true when a JSON value, given as its `json_type` and SQL value, is plain for `kind` (SQL expressions all). */
function plainSql(type: string, value: string, kind: string): string {
  return `(CASE ${type}
    WHEN 'null' THEN 1
    WHEN 'text' THEN ${kind} = 'keyword' OR (${kind} = 'date' AND ${value} GLOB '${ISO_UTC_GLOB}')
    WHEN 'integer' THEN ${kind} = 'double' OR (${kind} = 'long' AND ${value} BETWEEN -9007199254740991 AND 9007199254740991)
    WHEN 'real' THEN ${kind} = 'double'
    ELSE ${type} IS NULL END)`;
}

/** `plainSql` for the value at a JSON path of `src`. */
const plainAtPath = (src: string, path: string, kind: string) => plainSql(`json_type(${src}, ${path})`, `json_extract(${src}, ${path})`, kind);

const indexName = (index: string, field: string) =>
  `fx_${createHash('sha1').update(`${index}\0${field}`).digest('hex').slice(0, 20)}`;

/** One tracked field; `name` is its SQLite index, empty for a field tracked without one. */
interface FieldIndexRow { field: string; kind: IndexedKind; name: string }

/** The kinds whose fields get a SQLite index (see the module comment). */
const WITH_INDEX: ReadonlySet<IndexedKind> = new Set(['keyword', 'date']);

const ISO_UTC = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/**
 * `plainSql` for a parsed JSON value: the same rules, checked in JavaScript when a document is written (a
 * SQLite trigger walking every document with `json_each` cost more than the rest of the write). A `long`
 * written `5.0` counts as plain here: SQLite reads it as the real 5.0, which compares and sorts as 5 does.
 */
export function isPlainValue(value: unknown, kind: IndexedKind): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string': return kind === 'keyword' || (kind === 'date' && ISO_UTC.test(value));
    case 'number': return kind === 'double' || (kind === 'long' && Number.isSafeInteger(value));
    default: return false;
  }
}

/** The tracked fields of `tracked` whose value in `source` is not plain (a missing field is plain: it reads as null). */
export function irregularFields(tracked: ReadonlyMap<string, TrackedField>, source: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [field, { kind }] of tracked) {
    if (Object.hasOwn(source, field) && !isPlainValue(source[field], kind)) out.push(field);
  }
  return out;
}

/**
 * The tables behind the expression indexes, and the triggers that drop `irregular_values` rows of replaced
 * and deleted documents; part of the store's schema. The store records the rows of each written document.
 */
export const FIELD_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS field_indexes (
  idx TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (idx, field)
);
-- One row per (document, tracked field) whose value is not plain; doc is the documents rowid.
CREATE TABLE IF NOT EXISTS irregular_values (
  doc INTEGER NOT NULL,
  idx TEXT NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (doc, field)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS irregular_values_idx ON irregular_values (idx, field);
-- Written documents are classified by the store (Store.putDocument); the triggers only forget old rows.
-- Data directories from before had classifying triggers, dropped here.
DROP TRIGGER IF EXISTS documents_classify_insert;
DROP TRIGGER IF EXISTS documents_classify_update;
CREATE TRIGGER IF NOT EXISTS documents_unclassify_update AFTER UPDATE OF source ON documents BEGIN
  DELETE FROM irregular_values WHERE doc = OLD.rowid;
END;
CREATE TRIGGER IF NOT EXISTS documents_classify_delete AFTER DELETE ON documents BEGIN
  DELETE FROM irregular_values WHERE doc = OLD.rowid;
END;
`;

/** Keeps the tracked fields and expression indexes of the store in step with mappings (the triggers follow writes). */
export class FieldIndexes {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      list: db.prepare<[string], FieldIndexRow>('SELECT field, kind, name FROM field_indexes WHERE idx = ?'),
      add: db.prepare('INSERT INTO field_indexes (idx, field, kind, name) VALUES (?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM field_indexes WHERE idx = ? AND field = ?'),
      removeAll: db.prepare('DELETE FROM field_indexes WHERE idx = ?'),
      forgetField: db.prepare('DELETE FROM irregular_values WHERE idx = ? AND field = ?'),
      forgetIndex: db.prepare('DELETE FROM irregular_values WHERE idx = ?'),
    };
  }

  /** The tracked fields of an index: their kinds and the names of their SQLite indexes (undefined: none). */
  fields(index: string): Map<string, TrackedField> {
    return new Map(this.stmts.list.all(index).map((r) => [r.field, { kind: r.kind, index: r.name || undefined }]));
  }

  /**
   * Creates the indexes the mapping calls for (and records the irregular values of documents already stored)
   * and drops those it no longer has. Cheap when nothing changed; the caller holds the write transaction.
   */
  sync(index: string, mappings: Mappings | undefined): void {
    const wanted = indexableFields(mappings);
    const have = this.stmts.list.all(index);
    let removed = 0;
    for (const row of have) {
      const want = wanted.get(row.field);
      if (want?.kind === row.kind && want.indexed === (row.name !== '')) { wanted.delete(row.field); continue; }
      removed++;
      if (row.name) this.db.exec(`DROP INDEX IF EXISTS "${row.name}"`);
      this.stmts.remove.run(index, row.field);
      this.stmts.forgetField.run(index, row.field);
    }
    let room = MAX_INDEXED_FIELDS - (have.length - removed);
    for (const [field, { kind, indexed }] of wanted) {
      // fields past the cap stay untracked (and are read by the general path): each costs every write
      if (room-- <= 0) break;
      const name = indexed ? indexName(index, field) : '';
      // `idx` leads although the index is partial: a query naming only `idx` and the field can then be
      // answered from the index alone (SQLite counts a column used anywhere in the query against coverage)
      if (name) this.db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON documents (idx, ${fieldExpr(field)}) WHERE ${indexScope(index)}`);
      this.stmts.add.run(index, field, kind, name);
      this.db.prepare(`INSERT OR IGNORE INTO irregular_values (doc, idx, field)
        SELECT rowid, idx, ? FROM documents WHERE idx = ? AND NOT ${plainAtPath('source', sqlString(jsonPath(field)), sqlString(kind))}`)
        .run(field, index);
    }
  }

  /** Drops every expression index of an index (it is being deleted). */
  dropAll(index: string): void {
    for (const row of this.stmts.list.all(index)) if (row.name) this.db.exec(`DROP INDEX IF EXISTS "${row.name}"`);
    this.stmts.removeAll.run(index);
    this.stmts.forgetIndex.run(index);
  }

}
