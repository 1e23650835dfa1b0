/**
 * Tracked fields and adaptive expression indexes over `_source`, so searches and ES|QL can let SQLite find,
 * sort and count documents instead of reading every one (issue 4, item 3).
 *
 * Top-level leaf fields mapped as keyword, long, double or date are "tracked": SQLite may evaluate
 * conditions on them with `json_extract(source, '$."field"')`. Its order and equality agree with the
 * engine's only for "plain" values (a string for keyword, a safe integer for long, a number for double, a
 * UTC ISO date with milliseconds for date, or null), so every other value (arrays, objects, other types,
 * other date formats) is recorded in `irregular_values` when written, and readers always hand those
 * documents to the general path, which evaluates them exactly.
 *
 * SQLite indexes on those expressions are adaptive: none exists when a field is mapped, and a read that
 * would use one (an equality, a sort, a grouping; field-scan.ts decides) creates it the first time it asks,
 * on one field or on a short list of them (an equality's field, then the sort's or the group's). Each is
 * recorded in `expression_indexes`, so it survives restarts and the other processes sharing the data
 * directory use it too. Every index costs each write of its documents (evaluating the expressions and a
 * dirty page per update): this way writes pay only for the indexes some query uses, where indexing every
 * tracked field cost `.escript_executions` fourteen of them. Creating one reads every document of the
 * index once, under the write lock (about a second per 200,000 documents), the first time only. A field
 * mapped with `"index": false` (Elasticsearch's "not worth an index of its own") never gets one: it stays
 * searchable by SQLite's scan.
 */
import { isDefaultDateFormat } from '../mapping/date-formats';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Mappings } from './types';

/** How a tracked field's plain values compare in SQLite. */
export type IndexedKind = 'keyword' | 'long' | 'double' | 'date';

/** A tracked field: its kind, and whether it may get SQLite indexes (not when mapped `"index": false`). */
export interface TrackedField { kind: IndexedKind; indexable: boolean }

/** An expression index of an index: its SQLite name and the fields it covers, in order. */
export interface ExpressionIndex { name: string; fields: readonly string[] }

/** What the store knows of an index's fields: the tracked ones, and the expression indexes made so far. */
export interface IndexedFields { fields: ReadonlyMap<string, TrackedField>; indexes: readonly ExpressionIndex[] }

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

/**
 * The fields of a mapping that are tracked: top-level leaves of an indexed kind with plain names, and text
 * fields with a keyword multi-field (what dynamic mapping makes of strings), tracked as keyword on their own
 * `_source` value, which both the text field and its `.keyword` read. Each may get SQLite indexes unless
 * mapped with `"index": false`.
 */
export function trackableFields(mappings: Mappings | undefined): Map<string, TrackedField> {
  const out = new Map<string, TrackedField>();
  for (const [name, def] of Object.entries(mappings?.properties ?? {})) {
    // dotted names are object paths, and quotes would need escaping inside the JSON path
    if (/[."'\\]/.test(name)) continue;
    // a date with its own format is read with it (mapping/date-formats.ts): SQLite's text order does not apply
    const kind = def.type === undefined || (def.type === 'date' && !isDefaultDateFormat(def.format)) ? undefined : KINDS[def.type];
    const keywordText = (def.type === 'text' || def.type === 'match_only_text') && Object.values(def.fields ?? {}).some((f) => f.type === 'keyword');
    if (kind) out.set(name, { kind, indexable: def.index !== false });
    else if (keywordText) out.set(name, { kind: 'keyword', indexable: true });
  }
  return out;
}

/** Tracked fields per index at most: an index with many dynamic fields would otherwise pay for each on every write. */
export const MAX_INDEXED_FIELDS = 32;

/**
 * Expression indexes per index at most: queries of many shapes would otherwise make writes pay for an
 * index per shape. Past it, reads go unhinted (SQLite uses what exists, or scans).
 */
export const MAX_EXPRESSION_INDEXES = 12;

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

/** The SQLite name of an expression index; `ax_` keeps it apart from the per-field `fx_` indexes of version 1. */
const indexName = (index: string, fields: readonly string[]) =>
  `ax_${createHash('sha1').update([index, ...fields].join('\0')).digest('hex').slice(0, 20)}`;

interface TrackedRow { field: string; kind: IndexedKind; indexable: number }
interface IndexRow { name: string; fields: string }

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
export function irregularFields(tracked: ReadonlyMap<string, TrackedField>, source: Record<string, unknown>): readonly string[] {
  let out: string[] | undefined;
  for (const [field, { kind }] of tracked) {
    if (Object.hasOwn(source, field) && !isPlainValue(source[field], kind)) (out ??= []).push(field);
  }
  // most documents have none: no array for them
  return out ?? NONE;
}
const NONE: readonly string[] = Object.freeze([]);

/**
 * The tables behind the expression indexes, and the triggers that drop `irregular_values` rows of replaced
 * and deleted documents; part of the store's schema. The store records the rows of each written document.
 */
export const FIELD_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS tracked_fields (
  idx TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  indexable INTEGER NOT NULL,
  PRIMARY KEY (idx, field)
);
-- The adaptive expression indexes; fields is a JSON array of field names, in index order.
CREATE TABLE IF NOT EXISTS expression_indexes (
  idx TEXT NOT NULL,
  fields TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (idx, fields)
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

/** Keeps the tracked fields of the store in step with mappings, and makes expression indexes on request. */
export class FieldIndexes {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      list: db.prepare<[string], TrackedRow>('SELECT field, kind, indexable FROM tracked_fields WHERE idx = ?'),
      add: db.prepare('INSERT INTO tracked_fields (idx, field, kind, indexable) VALUES (?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM tracked_fields WHERE idx = ? AND field = ?'),
      removeAll: db.prepare('DELETE FROM tracked_fields WHERE idx = ?'),
      forgetField: db.prepare('DELETE FROM irregular_values WHERE idx = ? AND field = ?'),
      forgetIndex: db.prepare('DELETE FROM irregular_values WHERE idx = ?'),
      indexes: db.prepare<[string], IndexRow>('SELECT name, fields FROM expression_indexes WHERE idx = ? ORDER BY rowid'),
      addIndex: db.prepare('INSERT OR IGNORE INTO expression_indexes (idx, fields, name) VALUES (?, ?, ?)'),
      removeIndex: db.prepare('DELETE FROM expression_indexes WHERE idx = ? AND name = ?'),
    };
  }

  /** The tracked fields of an index and its expression indexes. */
  read(index: string): IndexedFields {
    return {
      fields: new Map(this.stmts.list.all(index).map((r) => [r.field, { kind: r.kind, indexable: r.indexable === 1 }])),
      indexes: this.stmts.indexes.all(index).map((r) => ({ name: r.name, fields: JSON.parse(r.fields) as string[] })),
    };
  }

  /**
   * Tracks the fields the mapping calls for (recording the irregular values of documents already stored) and
   * forgets those it no longer has, with the expression indexes on them. Cheap when nothing changed; the
   * caller holds the write transaction.
   */
  sync(index: string, mappings: Mappings | undefined): void {
    const wanted = trackableFields(mappings);
    const have = this.stmts.list.all(index);
    let removed = 0;
    for (const row of have) {
      const want = wanted.get(row.field);
      if (want?.kind === row.kind && want.indexable === (row.indexable === 1)) { wanted.delete(row.field); continue; }
      removed++;
      this.dropIndexesOn(index, row.field);
      this.stmts.remove.run(index, row.field);
      this.stmts.forgetField.run(index, row.field);
    }
    let room = MAX_INDEXED_FIELDS - (have.length - removed);
    for (const [field, { kind, indexable }] of wanted) {
      // fields past the cap stay untracked (and are read by the general path): each costs every write
      if (room-- <= 0) break;
      this.stmts.add.run(index, field, kind, indexable ? 1 : 0);
      this.db.prepare(`INSERT OR IGNORE INTO irregular_values (doc, idx, field)
        SELECT rowid, idx, ? FROM documents WHERE idx = ? AND NOT ${plainAtPath('source', sqlString(jsonPath(field)), sqlString(kind))}`)
        .run(field, index);
    }
  }

  /**
   * Creates the expression index on `fields` (tracked and indexable, the caller checked) unless it exists,
   * and records it; returns its name. The caller holds the write transaction.
   */
  create(index: string, fields: readonly string[]): string {
    const name = indexName(index, fields);
    // `idx` leads although the index is partial: a query naming only `idx` and the fields can then be
    // answered from the index alone (SQLite counts a column used anywhere in the query against coverage).
    // `seq_no` ends it, so a read listing the matches' rows and versions (for the document cache) reads
    // nothing else; a write changes `source` and `seq_no` together, so the entry was rewritten anyway.
    this.db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON documents (idx, ${fields.map(fieldExpr).join(', ')}, seq_no) WHERE ${indexScope(index)}`);
    this.stmts.addIndex.run(index, JSON.stringify(fields), name);
    return name;
  }

  private dropIndexesOn(index: string, field: string): void {
    for (const row of this.stmts.indexes.all(index)) {
      if (!(JSON.parse(row.fields) as string[]).includes(field)) continue;
      this.db.exec(`DROP INDEX IF EXISTS "${row.name}"`);
      this.stmts.removeIndex.run(index, row.name);
    }
  }

  /** Drops every expression index of an index (it is being deleted) and forgets its fields. */
  dropAll(index: string): void {
    for (const row of this.stmts.indexes.all(index)) this.db.exec(`DROP INDEX IF EXISTS "${row.name}"`);
    this.db.prepare('DELETE FROM expression_indexes WHERE idx = ?').run(index);
    this.stmts.removeAll.run(index);
    this.stmts.forgetIndex.run(index);
  }

  /**
   * Version 3: drops the expression indexes of version 2, which lacked `seq_no`; the first queries make
   * them again. The caller holds the write transaction.
   */
  dropVersion2Indexes(): void {
    for (const { name } of this.db.prepare<[], { name: string }>('SELECT name FROM expression_indexes').all()) {
      this.db.exec(`DROP INDEX IF EXISTS "${name}"`);
    }
    this.db.exec('DELETE FROM expression_indexes');
  }

  /**
   * Version 2: replaces version 1's index per keyword and date field (made when mapped) with the adaptive
   * ones, which the first queries make again. The caller holds the write transaction.
   */
  dropVersion1(): void {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'field_indexes'").get();
    if (!exists) return;
    for (const { name } of this.db.prepare<[], { name: string }>("SELECT name FROM field_indexes WHERE name != ''").all()) {
      this.db.exec(`DROP INDEX IF EXISTS "${name}"`);
    }
    this.db.exec('DROP TABLE field_indexes');
  }
}
