/**
 * Parsed index metadata (index records, the index list, aliases, tracked fields and expression indexes) kept between reads, so a write or a
 * small query does not parse every mapping's JSON again. Several processes share the data directory, so
 * the cache is trusted only while SQLite's `PRAGMA data_version` is unchanged: it changes whenever another
 * connection commits. The store's own writes to metadata call `clear()`, and so does every rollback.
 *
 * Checked at each read, except inside a `scope` (one request: checked once at its start, about ten
 * metadata reads a small query would each have paid for) and inside a write transaction (`pin`: checked
 * when it takes the write lock, so a write in a scope still sees every commit before it).
 */
import type Database from 'better-sqlite3';
import { deepFreeze } from '../deep-freeze';
import type { IndexedFields } from './field-indexes';
import type { IndexRecord } from './types';


export class MetadataCache {
  private readonly dataVersion: Database.Statement<[], number>;
  private version: number | undefined;
  /** While true (inside a write transaction that already checked), no other connection can commit. */
  private pinned = false;
  /** While true (inside `scope`), the check made at the scope's start holds. */
  private scoped = false;
  private readonly indices = new Map<string, IndexRecord | null>();
  private list: IndexRecord[] | undefined;
  private aliases: readonly unknown[] | undefined;
  private readonly tracked = new Map<string, IndexedFields>();
  /** Per index, whether no document has an irregular value (most never have one). */
  private readonly irregularFree = new Map<string, boolean>();
  private state: object = {};

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** Drops everything cached when another connection has committed since the last check. */
  private check(): void {
    if (!this.pinned && !this.scoped) this.refresh();
  }

  private refresh(): void {
    const version = this.dataVersion.get()!;
    if (version !== this.version) { this.clear(); this.version = version; }
  }

  /** Checks once, then trusts the cache until `unpin`: the caller holds the write lock meanwhile. */
  pin(): void { this.refresh(); this.pinned = true; }
  unpin(): void { this.pinned = false; }

  /**
   * Runs `fn` (one request) with a single check at its start: its metadata reads then agree with each
   * other, as if read at that moment, and a later request sees what other processes committed meanwhile.
   * Nested scopes share the outer one's check.
   */
  scope<T>(fn: () => T): T {
    if (this.scoped) return fn();
    this.check();
    this.scoped = true;
    try {
      return fn();
    } finally {
      this.scoped = false;
    }
  }

  /** The same object as long as nothing is cleared: the same metadata (see EsqlCatalog.metadataState). */
  get token(): object { return this.state; }

  clear(): void {
    this.state = {};
    this.indices.clear();
    this.list = undefined;
    this.aliases = undefined;
    this.tracked.clear();
    this.irregularFree.clear();
  }

  index(name: string, read: () => IndexRecord | undefined): IndexRecord | undefined {
    this.check();
    let record = this.indices.get(name);
    if (record === undefined) { record = deepFreeze(read()) ?? null; this.indices.set(name, record); }
    return record ?? undefined;
  }

  indexList(read: () => IndexRecord[]): IndexRecord[] {
    this.check();
    this.list ??= deepFreeze(read());
    return this.list;
  }

  /** Every alias row (each request resolving a name reads them). */
  aliasList<T>(read: () => T[]): readonly T[] {
    this.check();
    this.aliases ??= deepFreeze(read());
    return this.aliases as readonly T[];
  }

  /**
   * Whether no document of `index` has an irregular value (storage/field-indexes.ts), as `read` says, until
   * this store records one (`irregularValueWritten`). Removing one leaves it false: a read then merely asks.
   */
  noIrregularValues(index: string, read: () => boolean): boolean {
    this.check();
    let free = this.irregularFree.get(index);
    if (free === undefined) { free = read(); this.irregularFree.set(index, free); }
    return free;
  }

  irregularValueWritten(index: string): void { this.irregularFree.set(index, false); }

  indexedFields(index: string, read: () => IndexedFields): IndexedFields {
    this.check();
    let fields = this.tracked.get(index);
    if (!fields) { fields = read(); this.tracked.set(index, fields); }
    return fields;
  }
}
