import type Database from 'better-sqlite3';
import { Checkpointer } from './checkpointer';
import { DATABASE_TUNING, openDatabase } from './database';
import { DocumentCache } from './document-cache';
import { FieldIndexes, irregularFields, MAX_EXPRESSION_INDEXES, type IndexedFields } from './field-indexes';
import { FieldScan } from './field-scan';
import { MetadataCache } from './metadata-cache';
import type { AliasMetadata, AliasRecord, DocumentVersion, FlatSettings, IndexRecord, IndexTemplateBody, Mappings, StoredDocument } from './types';

interface IndexRow { name: string; settings: string; mappings: string; created: number; seq_no: number }
interface AliasRow { alias: string; idx: string; body: string }
interface VersionRow { seq_no: number; primary_term: number; version: number }
interface DocumentRow { idx: string; id: string; source: string; seq_no: number; primary_term: number; version: number }

const toIndex = (r: IndexRow): IndexRecord => ({
  name: r.name, settings: JSON.parse(r.settings) as FlatSettings, mappings: JSON.parse(r.mappings) as Mappings,
  created: r.created, seqNo: r.seq_no,
});
const toAlias = (r: AliasRow): AliasRecord => ({ alias: r.alias, index: r.idx, metadata: JSON.parse(r.body) as AliasMetadata });
const toDocument = (r: DocumentRow): StoredDocument => ({
  index: r.idx, id: r.id, source: r.source, seqNo: r.seq_no, primaryTerm: r.primary_term, version: r.version,
});

/** The name of an expression index whose leading fields are `fields`, among those of `known`. */
const ledBy = (known: IndexedFields, fields: readonly string[]): string | undefined =>
  known.indexes.find((x) => fields.every((f, i) => x.fields[i] === f))?.name;

const INSERT_DOCUMENT = 'INSERT INTO documents (idx, id, source, seq_no, primary_term, version) VALUES (?, ?, ?, ?, ?, ?)';
const UPSERT_DOCUMENT = `${INSERT_DOCUMENT}
  ON CONFLICT (idx, id) DO UPDATE SET source = excluded.source, seq_no = excluded.seq_no,
  primary_term = excluded.primary_term, version = excluded.version`;

/** Generated statements kept prepared (see `cachedStatement`). */
const STATEMENT_CACHE_SIZE = 256;

const NO_FIELDS: readonly string[] = Object.freeze([]);

/** Every primary term is 1: the embedded store has one shard that never fails over. */
export const PRIMARY_TERM = 1;

/**
 * The SQLite-backed store: raw rows for indices, documents, index templates and aliases, with prepared
 * statements. Parsed index metadata is cached (storage/metadata-cache.ts) and dropped as soon as another
 * connection commits, so writes of other processes on the same file are seen at once.
 * Callers group related writes with `transaction()`.
 */
export class Store {
  readonly db: Database.Database;
  private readonly stmts;
  private readonly fieldIndexes: FieldIndexes;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly cache: MetadataCache;
  /** Parsed sources of documents read lately, for the small reads that come again (document-cache.ts). */
  private readonly documentCache = new DocumentCache();
  /**
   * The `_seq_no` counters of the open write transaction, by index, written back to `indices` when it
   * commits: updating the index row (mappings and all) for every document cost more than the document.
   * Undefined outside a transaction.
   */
  private seqNos: Map<string, number> | undefined;
  private readonly checkpointer: Checkpointer;
  private closed = false;

  constructor(dataDir: string) {
    this.db = openDatabase(dataDir);
    const db = this.db;
    this.stmts = {
      getIndex: db.prepare<[string], IndexRow>('SELECT * FROM indices WHERE name = ?'),
      listIndices: db.prepare<[], IndexRow>('SELECT * FROM indices ORDER BY name'),
      insertIndex: db.prepare('INSERT INTO indices (name, settings, mappings, created) VALUES (?, ?, ?, ?)'),
      deleteIndex: db.prepare('DELETE FROM indices WHERE name = ?'),
      deleteIndexDocs: db.prepare('DELETE FROM documents WHERE idx = ?'),
      putMappings: db.prepare('UPDATE indices SET mappings = ? WHERE name = ?'),
      putSettings: db.prepare('UPDATE indices SET settings = ? WHERE name = ?'),
      nextSeqNo: db.prepare<[string], { seq_no: number }>('UPDATE indices SET seq_no = seq_no + 1 WHERE name = ? RETURNING seq_no'),
      readSeqNo: db.prepare<[string], number>('SELECT seq_no FROM indices WHERE name = ?').pluck(),
      writeSeqNo: db.prepare('UPDATE indices SET seq_no = ? WHERE name = ?'),
      countDocs: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM documents WHERE idx = ?'),
      getDoc: db.prepare<[string, string], DocumentRow>('SELECT * FROM documents WHERE idx = ? AND id = ?'),
      getVersion: db.prepare<[string, string], VersionRow>('SELECT seq_no, primary_term, version FROM documents WHERE idx = ? AND id = ?'),
      listDocs: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE idx = ? ORDER BY rowid'),
      upsertDoc: db.prepare(UPSERT_DOCUMENT),
      upsertDocRowid: db.prepare<unknown[], number>(`${UPSERT_DOCUMENT} RETURNING rowid`).pluck(),
      insertDoc: db.prepare(INSERT_DOCUMENT),
      insertDocRowid: db.prepare<unknown[], number>(`${INSERT_DOCUMENT} RETURNING rowid`).pluck(),
      addIrregular: db.prepare('INSERT OR IGNORE INTO irregular_values (doc, idx, field) VALUES (?, ?, ?)'),
      anyIrregular: db.prepare<[string], number>('SELECT 1 FROM irregular_values WHERE idx = ? LIMIT 1').pluck(),
      deleteDoc: db.prepare('DELETE FROM documents WHERE idx = ? AND id = ?'),
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      // one savepoint name for every depth: RELEASE and ROLLBACK TO act on the innermost one
      savepoint: db.prepare('SAVEPOINT nested'),
      release: db.prepare('RELEASE nested'),
      rollbackTo: db.prepare('ROLLBACK TO nested'),
      getTemplate: db.prepare<[string], { name: string; body: string }>('SELECT * FROM index_templates WHERE name = ?'),
      listTemplates: db.prepare<[], { name: string; body: string }>('SELECT * FROM index_templates ORDER BY name'),
      putTemplate: db.prepare('INSERT INTO index_templates (name, body) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body'),
      deleteTemplate: db.prepare('DELETE FROM index_templates WHERE name = ?'),
      listAliases: db.prepare<[], AliasRow>('SELECT * FROM aliases ORDER BY alias, idx'),
      putAlias: db.prepare('INSERT INTO aliases (alias, idx, body) VALUES (?, ?, ?) ON CONFLICT (alias, idx) DO UPDATE SET body = excluded.body'),
      deleteAlias: db.prepare('DELETE FROM aliases WHERE alias = ? AND idx = ?'),
      deleteIndexAliases: db.prepare('DELETE FROM aliases WHERE idx = ?'),
    };
    this.fieldIndexes = new FieldIndexes(db);
    this.cache = new MetadataCache(db);
    this.checkpointer = new Checkpointer(db, db.name, DATABASE_TUNING.busyTimeoutMs);
    this.migrate();
  }

  /**
   * Version 1 tracked fields with an index each, version 2 tracks them in `tracked_fields` and indexes on
   * demand (field-indexes.ts), version 3 ends each such index with `seq_no`: older data directories are
   * brought up to date once, on open.
   */
  private migrate(): void {
    const version = () => this.db.pragma('user_version', { simple: true }) as number;
    if (version() >= 3) return;
    this.transaction(() => {
      if (version() >= 3) return;
      if (version() < 2) {
        this.fieldIndexes.dropVersion1();
        for (const index of this.listIndices()) this.fieldIndexes.sync(index.name, index.mappings);
      }
      this.fieldIndexes.dropVersion2Indexes();
      this.db.pragma('user_version = 3');
    });
    this.cache.clear();
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction (takes the write lock first, so read-modify-write is safe across
   * processes). Nested calls become savepoints, so a failing inner step rolls back only its own writes.
   */
  transaction<T>(fn: () => T): T {
    if (!this.db.inTransaction) {
      // Prepared BEGIN and COMMIT: better-sqlite3's db.transaction(fn) builds its wrapper functions on each
      // call, which cost about 20 µs, a tenth of a small bulk request.
      this.stmts.begin.run();
      try {
        const result = this.topLevel(fn);
        this.stmts.commit.run();
        this.checkpointer.committed();
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.stmts.rollback.run();
        // a failed COMMIT rolls back metadata the cache may have read meanwhile
        this.cache.clear();
        throw e;
      }
    }
    // Prepared savepoint statements: a bulk request nests one step per item, and wrapping each in a new
    // better-sqlite3 transaction function cost more than the write itself.
    this.stmts.savepoint.run();
    const seqNos = this.seqNos && new Map(this.seqNos);
    try {
      const result = fn();
      this.stmts.release.run();
      return result;
    } catch (e) {
      this.stmts.rollbackTo.run();
      this.stmts.release.run();
      this.seqNos = seqNos;
      this.cache.clear();
      throw e;
    }
  }

  /**
   * Runs a write step whose expected failures (`EsError`s: checks, conflicts, mapping errors) all happen
   * before its first write: nested in a transaction it needs no savepoint, since a failure leaves nothing
   * to undo, and anything thrown after a write is not an expected failure and aborts the whole
   * transaction (a bulk request rethrows it). A savepoint per bulk item cost about 2 µs, as much as
   * parsing the item's document. Outside a transaction it is `transaction(fn)`.
   */
  checkedWrite<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.transaction(fn);
  }

  /** The body of an outermost transaction: holds the write lock, so the metadata cache is checked once. */
  private topLevel<T>(fn: () => T): T {
    this.cache.pin();
    this.seqNos = new Map();
    try {
      const result = fn();
      for (const [name, seqNo] of this.seqNos) this.stmts.writeSeqNo.run(seqNo, name);
      return result;
    } catch (e) {
      this.cache.clear();
      throw e;
    } finally {
      this.seqNos = undefined;
      this.cache.unpin();
    }
  }

  /** Metadata changed by this connection: parsed copies are stale (other connections see data_version move). */
  private metadataChanged(index: string): void {
    this.cache.clear();
    this.seqNos?.delete(index);
  }

  /**
   * Runs one read request: index metadata is checked against other processes' commits once, at the start,
   * rather than at each read of it (a write transaction inside still checks when it takes the lock).
   */
  readScope<T>(fn: () => T): T { return this.cache.scope(fn); }

  /**
   * A token replaced whenever metadata may have changed (this store's writes to it, any commit of another
   * process): inside a read scope, what was derived from metadata under the same token holds.
   */
  metadataState(): object { return this.cache.token; }

  /**
   * The index's record; shared and frozen (copy before changing it). Its `seqNo` is the last one committed:
   * inside a write transaction, the numbers it hands out are counted apart until it commits (copying the
   * record for each document written, which nothing reads the number of, cost an allocation per document).
   */
  getIndex(name: string): IndexRecord | undefined { return this.cachedIndex(name); }
  /** The last `_seq_no` handed out for `name`, this write transaction's included; undefined for no index. */
  lastSeqNo(name: string): number | undefined { return this.seqNos?.get(name) ?? this.cachedIndex(name)?.seqNo; }
  /** Whether `name` is an index (not an alias); cheaper than `getIndex` inside a write transaction. */
  indexExists(name: string): boolean {
    return this.seqNos?.has(name) === true || this.cachedIndex(name) !== undefined;
  }
  private cachedIndex(name: string): IndexRecord | undefined {
    return this.cache.index(name, () => {
      const row = this.stmts.getIndex.get(name);
      return row && toIndex(row);
    });
  }
  /** Every index by name; the records are shared and frozen. */
  listIndices(): IndexRecord[] {
    const list = this.cache.indexList(() => this.stmts.listIndices.all().map(toIndex));
    return [...list];
  }
  insertIndex(name: string, settings: FlatSettings, mappings: Mappings, created: number): void {
    this.metadataChanged(name);
    this.stmts.insertIndex.run(name, JSON.stringify(settings), JSON.stringify(mappings), created);
    this.fieldIndexes.sync(name, mappings);
  }
  deleteIndex(name: string): void {
    this.metadataChanged(name);
    this.transaction(() => {
      this.fieldIndexes.dropAll(name);
      this.stmts.deleteIndexDocs.run(name);
      this.stmts.deleteIndexAliases.run(name);
      this.stmts.deleteIndex.run(name);
    });
  }
  putMappings(name: string, mappings: Mappings): void {
    this.cache.clear();
    this.stmts.putMappings.run(JSON.stringify(mappings), name);
    this.fieldIndexes.sync(name, mappings);
  }
  putSettings(name: string, settings: FlatSettings): void {
    this.cache.clear();
    this.stmts.putSettings.run(JSON.stringify(settings), name);
  }
  /** The next `_seq_no` of the index (0 for its first operation). */
  nextSeqNo(name: string): number {
    if (!this.seqNos) return this.stmts.nextSeqNo.get(name)!.seq_no;
    const last = this.seqNos.get(name) ?? this.stmts.readSeqNo.get(name);
    if (last === undefined) throw new Error(`no index [${name}] to number a write of`);
    this.seqNos.set(name, last + 1);
    return last + 1;
  }
  countDocuments(index: string): number { return this.stmts.countDocs.get(index)!.n; }

  getDocument(index: string, id: string): StoredDocument | undefined {
    const row = this.stmts.getDoc.get(index, id);
    return row && toDocument(row);
  }
  /** A document's version numbers without its source (what a replacing write checks), or undefined. */
  getDocumentVersion(index: string, id: string): DocumentVersion | undefined {
    const row = this.stmts.getVersion.get(index, id);
    return row && { seqNo: row.seq_no, primaryTerm: row.primary_term, version: row.version };
  }
  /** Every document of the index in insertion order (a replaced document keeps its place). */
  *documents(index: string): IterableIterator<StoredDocument> {
    for (const row of this.stmts.listDocs.iterate(index)) yield toDocument(row);
  }
  allDocuments(index: string): StoredDocument[] { return this.stmts.listDocs.all(index).map(toDocument); }
  /**
   * Inserts or replaces a document, and records its irregular values (see field-indexes.ts). `parsed` is
   * `d.source` already parsed, when the caller has it. `fresh` says the caller knows no document has its
   * id (it looked in this transaction, or generated the id): a plain insert then costs SQLite about a
   * sixth less than the upsert, which a bulk load of new documents feels.
   */
  putDocument(d: StoredDocument, parsed?: Record<string, unknown>, fresh = false): void {
    const tracked = this.indexedFields(d.index).fields;
    const irregular = tracked.size === 0 ? NO_FIELDS : irregularFields(tracked, parsed ?? (JSON.parse(d.source) as Record<string, unknown>));
    // the rowid is needed only to record irregular values, and RETURNING made every insert dearer
    if (irregular.length === 0) {
      (fresh ? this.stmts.insertDoc : this.stmts.upsertDoc).run(d.index, d.id, d.source, d.seqNo, d.primaryTerm, d.version);
      return;
    }
    const rowid = (fresh ? this.stmts.insertDocRowid : this.stmts.upsertDocRowid).get(d.index, d.id, d.source, d.seqNo, d.primaryTerm, d.version)!;
    for (const field of irregular) this.stmts.addIrregular.run(rowid, d.index, field);
    this.cache.irregularValueWritten(d.index);
  }

  private indexedFields(index: string): IndexedFields {
    return this.cache.indexedFields(index, () => this.fieldIndexes.read(index));
  }

  /**
   * The name of an expression index whose leading fields are `fields`, made now if there is none (see
   * field-indexes.ts: the first query that asks pays for building it, under the write lock); undefined
   * when one of the fields may not be indexed, the index has all the expression indexes it may have, or
   * another process holds the write lock right now (a read does not wait for writers: it goes without,
   * and a later one makes the index). With `make` false, only an existing index is named.
   */
  expressionIndex(index: string, fields: readonly string[], make = true): string | undefined {
    const found = ledBy(this.indexedFields(index), fields);
    if (found !== undefined || !make) return found;
    const allowed = (known: IndexedFields) =>
      fields.every((f) => known.fields.get(f)?.indexable === true) && known.indexes.length < MAX_EXPRESSION_INDEXES;
    if (!allowed(this.indexedFields(index))) return undefined;
    const create = () => {
      // the write lock is held now: another process may have made it (or changed the mapping) meanwhile
      const known = this.indexedFields(index);
      const made = ledBy(known, fields);
      if (made !== undefined || !allowed(known)) return made;
      this.cache.clear();
      return this.fieldIndexes.create(index, fields);
    };
    if (this.db.inTransaction) return this.transaction(create);
    this.db.pragma('busy_timeout = 0');
    try {
      return this.transaction(create);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return undefined;
      throw e;
    } finally {
      this.db.pragma(`busy_timeout = ${DATABASE_TUNING.busyTimeoutMs}`);
    }
  }

  deleteDocument(index: string, id: string): boolean { return this.stmts.deleteDoc.run(index, id).changes > 0; }

  /** Reads of one index served by its expression indexes (see storage/field-scan.ts). */
  fieldScan(index: string): FieldScan {
    const known = this.indexedFields(index);
    // Not inside a write transaction: what it wrote may still roll back, and its sequence numbers be
    // handed out again. An index made without a uuid (by tests) is read without the cache too.
    const uuid = this.db.inTransaction ? undefined : this.getIndex(index)?.settings['index.uuid'];
    // the indexes known when the read began serve it; only a missing one goes back to the store
    return new FieldScan({ prepare: (sql) => this.cachedStatement(sql) }, index, known.fields,
      (fields, make) => ledBy(known, fields) ?? this.expressionIndex(index, fields, make),
      () => this.cache.noIrregularValues(index, () => this.stmts.anyIrregular.get(index) === undefined),
      typeof uuid === 'string' ? { cache: this.documentCache, indexUuid: uuid } : undefined);
  }

  /**
   * A prepared statement for generated SQL, kept for reuse: preparing cost as much as running the small
   * queries of an indexed read. Bounded by starting over when full; SQLite re-prepares a kept statement by
   * itself after a schema change.
   */
  private cachedStatement<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  getTemplate(name: string): IndexTemplateBody | undefined {
    const row = this.stmts.getTemplate.get(name);
    return row && (JSON.parse(row.body) as IndexTemplateBody);
  }
  listTemplates(): { name: string; body: IndexTemplateBody }[] {
    return this.stmts.listTemplates.all().map((r) => ({ name: r.name, body: JSON.parse(r.body) as IndexTemplateBody }));
  }
  putTemplate(name: string, body: IndexTemplateBody): void { this.stmts.putTemplate.run(name, JSON.stringify(body)); }
  deleteTemplate(name: string): boolean { return this.stmts.deleteTemplate.run(name).changes > 0; }

  /** Every (alias, index) pair, ordered by alias then index name. */
  listAliases(): readonly AliasRecord[] { return this.cache.aliasList(() => this.stmts.listAliases.all().map(toAlias)); }
  /** Adds `alias` to `index`, or replaces its metadata there. */
  putAlias(alias: string, index: string, metadata: AliasMetadata): void {
    this.stmts.putAlias.run(alias, index, JSON.stringify(metadata));
    this.cache.clear();
  }
  /** Removes `alias` from `index`; false when it was not there. */
  deleteAlias(alias: string, index: string): boolean {
    const deleted = this.stmts.deleteAlias.run(alias, index).changes > 0;
    this.cache.clear();
    return deleted;
  }

  /** Closes the SQLite handle; later calls are no-ops. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.checkpointer.stop();
    this.db.close();
  }
  get isClosed(): boolean { return this.closed; }
}
