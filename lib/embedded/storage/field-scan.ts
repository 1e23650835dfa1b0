/**
 * Reads served by the expression indexes of field-indexes.ts: the documents that may satisfy conditions on
 * indexed fields, optionally only the first `limit` by an order, and counts grouped by a field.
 *
 * Every answer is exact for documents whose values are plain, and hands over every document with an
 * irregular value in the fields involved as well, unfiltered: callers evaluate those (and may re-evaluate
 * all) with the general code, so results never depend on where SQLite and the engine would disagree.
 */
import type Database from 'better-sqlite3';
import type { FieldCondition, FieldOrder, GroupCounts, IndexedReads, ScanRequest, ScannedDocument } from '../esql/catalog';
import { fieldExpr, indexScope, sqlString, type IndexedKind, type TrackedField } from './field-indexes';

export type { FieldCondition, FieldOrder, GroupCounts, ScanRequest, ScannedDocument };

/** Where statements come from: the store's cache of prepared statements (the SQL texts here repeat). */
export interface StatementSource {
  prepare<P extends unknown[], R>(sql: string): Database.Statement<P, R>;
}

/** A scanned row as SQLite gives it (`irregular` is 0 or 1). */
interface Row { position: number; id: string; source: string; irregular: number }
const toScanned = (r: Row): ScannedDocument => ({ position: r.position, id: r.id, source: r.source, irregular: r.irregular === 1 });

/** Below this many matches, sorting them all always beats walking an order index. */
const SORT_MATCHES_FLOOR = 1_000;

const SQL_OP: Record<FieldCondition['op'], string> = { '==': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Conditions on indexed fields, answered with the expression indexes of one index. */
export class FieldScan implements IndexedReads {
  constructor(private readonly db: StatementSource, private readonly index: string,
    private readonly fields: ReadonlyMap<string, TrackedField>) {}

  kind(field: string): IndexedKind | undefined { return this.fields.get(field)?.kind; }

  /** `INDEXED BY` the field's SQLite index, or nothing when it has none. */
  private hint(field: string): string {
    const index = this.fields.get(field)?.index;
    return index ? `INDEXED BY "${index}"` : '';
  }

  /** The rowids of documents with an irregular value in one of `fields`, as a SQL subquery. */
  private irregular(fields: string[]): string {
    return `SELECT doc FROM irregular_values WHERE idx = ${sqlString(this.index)} AND field IN (${fields.map(sqlString).join(', ') || "''"})`;
  }

  /** The WHERE clause for plain documents meeting the conditions (literal index name: the partial indexes need it). */
  private plainWhere(conditions: FieldCondition[], fields: string[]): { sql: string; params: (string | number)[] } {
    const parts = [indexScope(this.index), ...conditions.map((c) => `${fieldExpr(c.field)} ${SQL_OP[c.op]} ?`)];
    parts.push(`rowid NOT IN (${this.irregular(fields)})`);
    return { sql: parts.join(' AND '), params: conditions.map((c) => c.value) };
  }

  private fieldsOf(conditions: FieldCondition[], extra: string[] = []): string[] {
    return [...new Set([...conditions.map((c) => c.field), ...extra])];
  }

  /** Documents for `request`, in insertion order (see ScanRequest and the module comment). */
  scan(request: ScanRequest): ScannedDocument[] {
    const fields = this.fieldsOf(request.conditions, request.order ? [request.order.field] : []);
    const where = this.plainWhere(request.conditions, fields);
    const select = (irregular: boolean) => `SELECT rowid AS position, id, source, ${irregular ? 1 : 0} AS irregular FROM documents`;
    if (request.limit === undefined) {
      return this.db.prepare<unknown[], Row>(`${select(false)} WHERE ${where.sql}
        UNION ALL ${select(true)} WHERE rowid IN (${this.irregular(fields)}) ORDER BY position`).all(...where.params).map(toScanned);
    }
    const positions = this.firstPositions(request.conditions, where, request.order, request.limit, request.withTies === true);
    const irregular = this.db.prepare<[], { doc: number }>(this.irregular(fields)).all().map((r) => r.doc);
    const all = new Set([...positions, ...irregular]);
    if (all.size === 0) return [];
    const odd = new Set(irregular);
    return this.db.prepare<[string], Row>(`${select(false)} WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY position`)
      .all(JSON.stringify([...all])).map((r) => ({ ...toScanned(r), irregular: odd.has(r.position) }));
  }

  /** The rowids of the first `limit` plain matches: by rowid, or by the order (nulls as a segment of their own, so the index serves each). */
  private firstPositions(conditions: FieldCondition[], where: { sql: string; params: (string | number)[] }, order: FieldOrder | undefined,
    limit: number, withTies: boolean): number[] {
    if (limit <= 0) return [];
    const positions = (sql: string, n: number) =>
      this.db.prepare<unknown[], { p: number }>(sql).all(...where.params, n).map((r) => r.p);
    if (!order) return positions(`SELECT rowid AS p FROM documents WHERE ${where.sql} ORDER BY rowid LIMIT ?`, limit);
    const key = fieldExpr(order.field);
    const orderIndex = this.hint(order.field);
    // with ties, reaching the null segment means every null ties with the last one taken
    const nulls = (n: number) => positions(`SELECT rowid AS p FROM documents ${orderIndex} WHERE ${where.sql} AND ${key} IS NULL ORDER BY rowid LIMIT ?`,
      withTies ? Number.MAX_SAFE_INTEGER : n);
    const direction = order.descending ? 'DESC' : 'ASC';
    const walk = orderIndex && this.walkOrder(conditions, limit) ? orderIndex : '';
    const values = (n: number) => {
      const firstN = positions(`SELECT rowid AS p FROM documents ${walk} WHERE ${where.sql} AND ${key} IS NOT NULL ORDER BY ${key} ${direction}, rowid LIMIT ?`, n);
      if (!withTies || firstN.length < n) return firstN;
      // every document sharing the last key value: the caller's further keys decide among them
      const last = this.db.prepare<[number], { v: string | number }>(`SELECT ${key} AS v FROM documents WHERE rowid = ?`).get(firstN[firstN.length - 1])!.v;
      const ties = this.db.prepare<unknown[], { p: number }>(`SELECT rowid AS p FROM documents ${orderIndex} WHERE ${where.sql} AND ${key} = ?`)
        .all(...where.params, last);
      return [...new Set([...firstN, ...ties.map((t) => t.p)])];
    };
    const [first, second] = order.nullsFirst ? [nulls, values] : [values, nulls];
    const head = first(limit);
    return head.length >= limit ? head : [...head, ...second(limit - head.length)];
  }

  /**
   * Whether to find the first `limit` matches by walking the order's index (testing the conditions on each
   * document it reaches) rather than reading every match and sorting. Walking reads about `limit × N / m`
   * documents for `m` matches out of `N`, sorting reads `m`: walking wins once `m > √(limit × N)`. SQLite
   * cannot tell without statistics, so each condition with an index has its matches counted up to that
   * bound, from the index alone; the smallest count bounds `m` from above. With no such condition, reading
   * every match means reading every document anyway, and walking is never worse.
   */
  private walkOrder(conditions: FieldCondition[], limit: number): boolean {
    const probed = conditions.filter((c) => this.fields.get(c.field)?.index);
    if (probed.length === 0) return true;
    const documents = this.db.prepare<[], { n: number | null }>('SELECT max(rowid) AS n FROM documents').get()!.n ?? 0;
    const bound = Math.ceil(Math.max(SORT_MATCHES_FLOOR, Math.sqrt(limit * documents)));
    return probed.every((c) => {
      const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM documents ${this.hint(c.field)}
        WHERE ${indexScope(this.index)} AND ${fieldExpr(c.field)} ${SQL_OP[c.op]} ? LIMIT ?)`;
      return this.db.prepare<[string | number, number], { n: number }>(sql).get(c.value, bound)!.n >= bound;
    });
  }

  /** Counts of plain documents meeting the conditions per value of `field`, and the irregular documents. */
  countBy(conditions: FieldCondition[], field: string): GroupCounts {
    const fields = this.fieldsOf(conditions, [field]);
    const where = this.plainWhere(conditions, fields);
    // Left alone, SQLite walks the grouped field's index to skip sorting, reading every document; an
    // equality's index reads only the matches (and with no condition the grouped field's index is the one).
    const driver = conditions.find((c) => c.op === '==' && this.fields.get(c.field)?.index)?.field ?? (conditions.length === 0 ? field : undefined);
    const hint = driver === undefined ? '' : this.hint(driver);
    const groups = this.db.prepare<unknown[], { key: string | number | null; count: number; first: number }>(
      `SELECT ${fieldExpr(field)} AS key, count(*) AS count, min(rowid) AS first FROM documents ${hint} WHERE ${where.sql} GROUP BY 1`,
    ).all(...where.params);
    const irregular = this.db.prepare<[], Row>(
      `SELECT rowid AS position, id, source, 1 AS irregular FROM documents WHERE rowid IN (${this.irregular(fields)}) ORDER BY position`).all().map(toScanned);
    return { groups, irregular };
  }

  /**
   * How many plain documents meet the conditions, counting at most `cap` (undefined: all). Plain means no
   * irregular value in the conditions' fields or in `alsoPlainIn` (a scan's order field, so that the count
   * and the scan's irregular documents never overlap).
   */
  countPlain(conditions: FieldCondition[], cap?: number, alsoPlainIn: string[] = []): number {
    const where = this.plainWhere(conditions, this.fieldsOf(conditions, alsoPlainIn));
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM documents WHERE ${where.sql} LIMIT ?)`;
    return this.db.prepare<unknown[], { n: number }>(sql).get(...where.params, cap === undefined ? -1 : Math.floor(cap))!.n;
  }
}
