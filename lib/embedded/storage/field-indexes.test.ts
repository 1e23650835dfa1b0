import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeWithDocuments, tempDataDir } from '../test-support';
import { fieldExpr, indexScope, MAX_EXPRESSION_INDEXES, MAX_INDEXED_FIELDS } from './field-indexes';
import { Store } from './store';

const MAPPINGS = {
  properties: {
    level: { type: 'keyword' }, bytes: { type: 'long' }, ratio: { type: 'double' }, '@timestamp': { type: 'date' },
    message: { type: 'text' }, host: { properties: { name: { type: 'keyword' } } },
    service: { type: 'text', fields: { keyword: { type: 'keyword' } } },
  },
};

describe('field indexes', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let store: Store;
  beforeEach(() => { tmp = tempDataDir(); store = new Store(tmp.dir); store.transaction(() => store.insertIndex('logs', {}, MAPPINGS, 1)); });
  afterEach(() => { store.close(); tmp.cleanup(); });

  const put = (id: string, source: string) => store.transaction(() => store.putDocument({ index: 'logs', id, source, seqNo: 0, primaryTerm: 1, version: 1 }));
  const irregular = () => store.db.prepare('SELECT d.id, i.field FROM irregular_values i JOIN documents d ON d.rowid = i.doc ORDER BY d.id, i.field').raw().all();
  const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
  /** The SQLite indexes on `_source` fields, as the fields each covers. */
  const expressionIndexes = (s = store) => (s.db.prepare("SELECT fields FROM expression_indexes WHERE idx = 'logs' ORDER BY rowid").all() as { fields: string }[])
    .map((r) => JSON.parse(r.fields) as string[]);
  const sqliteIndexCount = (s = store) => (s.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'ax_%'").get() as { n: number }).n;
  const errors = [{ field: 'level', op: '==' as const, value: 'ERROR' }];
  const newest = { field: '@timestamp', descending: true, nullsFirst: false };

  it('tracks the top-level keyword, long, double and date fields of the mapping, without indexing any before a query asks', () => {
    expect(['level', 'bytes', 'ratio', '@timestamp', 'message', 'host.name', 'service'].map((f) => [f, store.fieldScan('logs').kind(f)]))
      .toEqual([['level', 'keyword'], ['bytes', 'long'], ['ratio', 'double'], ['@timestamp', 'date'],
        ['message', undefined], ['host.name', undefined], ['service', 'keyword']]);
    expect([expressionIndexes(), sqliteIndexCount()]).toEqual([[], 0]);
  });

  it('makes the index a read uses the first time it is asked for, then reuses it', () => {
    put('1', '{"level": "ERROR", "@timestamp": "2026-01-01T00:00:00.000Z"}');
    put('2', '{"level": "INFO", "@timestamp": "2026-01-02T00:00:00.000Z"}');
    expect(ids(store.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1']);
    expect(expressionIndexes()).toEqual([['level']]);
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM documents WHERE ${indexScope('logs')} AND ${fieldExpr('level')} = 'ERROR'`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH documents USING (COVERING )?INDEX ax_/);
    // an equality with an order wants both in one index; the grouped count of the same shape reuses it
    expect(ids(store.fieldScan('logs').scan({ conditions: errors, order: newest, limit: 1 }))).toEqual(['1']);
    expect(store.fieldScan('logs').countBy([{ field: 'level', op: '==', value: 'ERROR' }], '@timestamp').groups.map((g) => g.count)).toEqual([1]);
    expect(ids(store.fieldScan('logs').scan({ conditions: [], order: newest, limit: 1 }))).toEqual(['2']);
    expect(store.fieldScan('logs').countBy([], 'level').groups.map((g) => [g.key, g.count])).toEqual([['ERROR', 1], ['INFO', 1]]);
    expect([expressionIndexes(), sqliteIndexCount()]).toEqual([[['level'], ['level', '@timestamp'], ['@timestamp']], 3]);
  });

  it('shares the indexes it makes with the other processes of the data directory, and sees their changes', () => {
    put('1', '{"level": "ERROR"}');
    const other = new Store(tmp.dir);
    try {
      expect(ids(other.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1']);
      expect(ids(store.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1']);
      expect([expressionIndexes(), sqliteIndexCount()]).toEqual([[['level']], 1]);
      // the other process drops the index (the field is no longer indexed); this one must not ask for it
      other.transaction(() => other.putMappings('logs', { properties: { ...MAPPINGS.properties, level: { type: 'keyword', index: false } } }));
      expect(ids(store.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1']);
      expect([expressionIndexes(), sqliteIndexCount()]).toEqual([[], 0]);
    } finally {
      other.close();
    }
  });

  it('answers without an index rather than wait while another process holds the write lock, and makes it later', () => {
    put('1', '{"level": "ERROR"}');
    const other = new Store(tmp.dir);
    try {
      other.db.exec('BEGIN IMMEDIATE');
      expect([ids(store.fieldScan('logs').scan({ conditions: errors })), expressionIndexes()]).toEqual([['1'], []]);
      other.db.exec('COMMIT');
    } finally {
      other.close();
    }
    expect([ids(store.fieldScan('logs').scan({ conditions: errors })), expressionIndexes()]).toEqual([['1'], [['level']]]);
  });

  it(`makes at most ${MAX_EXPRESSION_INDEXES} indexes for an index; reads past that still answer`, () => {
    const fields = Array.from({ length: MAX_EXPRESSION_INDEXES + 2 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    store.transaction(() => store.putMappings('logs', { properties: { ...MAPPINGS.properties, ...Object.fromEntries(fields.map((f) => [f, { type: 'keyword' }])) } }));
    put('1', JSON.stringify(Object.fromEntries(fields.map((f) => [f, 'x']))));
    const found = fields.map((f) => ids(store.fieldScan('logs').scan({ conditions: [{ field: f, op: '==', value: 'x' }] })));
    expect([found.every((f) => f.join() === '1'), sqliteIndexCount()]).toEqual([true, MAX_EXPRESSION_INDEXES]);
  });

  it.each([
    ['level', '"ERROR"', false], ['level', 'null', false], ['level', '5', true], ['level', 'true', true], ['level', '["a","b"]', true], ['level', '{"a":1}', true],
    // 5.0 reads as the real 5.0 in SQLite, which compares and sorts as 5 does: plain
    ['bytes', '5', false], ['bytes', '5.0', false], ['bytes', '-12', false], ['bytes', '5.5', true], ['bytes', '"5"', true], ['bytes', '9007199254740993', true],
    ['ratio', '5', false], ['ratio', '0.25', false], ['ratio', '"0.25"', true],
    ['@timestamp', '"2026-01-01T00:00:00.000Z"', false], ['@timestamp', '"2026-01-01"', true], ['@timestamp', '"2026-01-01T00:00:00Z"', true],
    ['@timestamp', '1767225600000', true],
  ])('a %s value of %s is irregular: %s', (field, json, expected) => {
    put('1', `{"${field}": ${json}, "message": "m"}`);
    expect(irregular()).toEqual(expected ? [['1', field]] : []);
  });

  it('keeps every other statement off the expression indexes: documents of an index without them are all listed', () => {
    // the store's statements were prepared before `logs` got its indexes; SQLite re-prepares them then
    store.transaction(() => store.putDocument({ index: 'other', id: '1', source: '{"level": "x"}', seqNo: 0, primaryTerm: 1, version: 1 }));
    expect([store.allDocuments('logs').length, store.allDocuments('other').length, store.countDocuments('other')]).toEqual([0, 1, 1]);
  });

  it('forgets a document\'s irregular values when it is replaced or deleted', () => {
    put('1', '{"level": ["a", "b"]}');
    put('2', '{"bytes": "7"}');
    put('1', '{"level": "a"}');
    expect(irregular()).toEqual([['2', 'bytes']]);
    store.transaction(() => store.deleteDocument('logs', '2'));
    expect(irregular()).toEqual([]);
  });

  it('indexes a field mapped after documents were stored, recording their irregular values', () => {
    put('1', '{"extra": [1, 2]}');
    put('2', '{"extra": 3}');
    store.transaction(() => store.putMappings('logs', { properties: { ...MAPPINGS.properties, extra: { type: 'long' } } }));
    expect(store.fieldScan('logs').kind('extra')).toBe('long');
    expect(irregular()).toEqual([['1', 'extra']]);
  });

  it('tracks a keyword or date field mapped with "index": false without a SQLite index, and follows the flag when it changes', () => {
    put('1', '{"level": ["a"]}');
    put('2', '{"level": "ERROR"}');
    expect(ids(store.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1', '2']);
    expect(expressionIndexes()).toEqual([['level']]);
    store.transaction(() => store.putMappings('logs', { properties: { ...MAPPINGS.properties, level: { type: 'keyword', index: false } } }));
    expect([store.fieldScan('logs').kind('level'), ids(store.fieldScan('logs').scan({ conditions: errors })), irregular()])
      .toEqual(['keyword', ['1', '2'], [['1', 'level']]]);
    expect([expressionIndexes(), sqliteIndexCount()]).toEqual([[], 0]);
    store.transaction(() => store.putMappings('logs', MAPPINGS));
    expect(ids(store.fieldScan('logs').scan({ conditions: errors }))).toEqual(['1', '2']);
    expect([expressionIndexes(), sqliteIndexCount(), irregular()]).toEqual([[['level']], 1, [['1', 'level']]]);
  });

  it(`indexes at most ${MAX_INDEXED_FIELDS} fields of an index, keeping the first ones as fields are added`, () => {
    const many = Object.fromEntries(Array.from({ length: MAX_INDEXED_FIELDS + 5 }, (_, i) => [`f${String(i).padStart(2, '0')}`, { type: 'keyword' }]));
    store.transaction(() => store.putMappings('logs', { properties: { ...MAPPINGS.properties, ...many } }));
    const scan = store.fieldScan('logs');
    const indexed = ['level', ...Object.keys(many)].filter((f) => scan.kind(f) !== undefined);
    // level, bytes, ratio, @timestamp and service were indexed first; the new fields get the remaining room
    expect([indexed.length, scan.kind('level')]).toEqual([1 + MAX_INDEXED_FIELDS - 5, 'keyword']);
  });

  it('drops an index\'s field indexes with the index', () => {
    put('1', '{"level": 1}');
    store.fieldScan('logs').countBy([], 'level');
    store.deleteIndex('logs');
    expect([sqliteIndexCount(), expressionIndexes(), irregular()]).toEqual([0, [], []]);
  });

  it('brings a data directory of an earlier version up to date when opened (its index per field gone, irregular values recorded)', () => {
    put('1', '{"level": ["a"]}');
    store.db.exec(`CREATE TABLE field_indexes (idx TEXT NOT NULL, field TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (idx, field));
      INSERT INTO field_indexes VALUES ('logs', 'level', 'keyword', 'fx_level');
      CREATE INDEX fx_level ON documents (idx, ${fieldExpr('level')}) WHERE ${indexScope('logs')};
      DELETE FROM tracked_fields; DELETE FROM irregular_values; PRAGMA user_version = 1`);
    store.close();
    store = new Store(tmp.dir);
    const fx = store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'fx_level' OR name = 'field_indexes'").all();
    expect([store.fieldScan('logs').kind('level'), irregular(), fx]).toEqual(['keyword', [['1', 'level']], []]);
  });

  it('makes again, ending with seq_no, the expression indexes of a version 2 data directory', () => {
    put('1', '{"level": "a"}');
    store.fieldScan('logs').countBy([], 'level');
    const name = store.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ax_%'").pluck().get()!;
    const definition = () => store.db.prepare<[string], string>('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name);
    expect(definition()).toMatch(/, seq_no\) WHERE/);
    store.db.exec(`DROP INDEX "${name}"; CREATE INDEX "${name}" ON documents (idx, ${fieldExpr('level')}) WHERE ${indexScope('logs')}; PRAGMA user_version = 2`);
    store.close();
    store = new Store(tmp.dir);
    expect([expressionIndexes(), definition()]).toEqual([[], undefined]);
    store.fieldScan('logs').countBy([], 'level');
    expect(definition()).toMatch(/, seq_no\) WHERE/);
  });
});

describe('FieldScan', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let store: Store;
  beforeEach(() => {
    tmp = tempDataDir();
    store = storeWithDocuments(tmp.dir, 'logs', MAPPINGS, [
      { level: 'INFO', bytes: 10 }, { level: 'ERROR', bytes: 30 }, { level: 'ERROR', bytes: 20 }, { level: 'ERROR' },
      { level: 'ERROR', bytes: 30 }, { level: ['ERROR', 'WARN'], bytes: 1 }, { level: 'WARN', bytes: 99 },
    ]);
  });
  afterEach(() => { store.close(); tmp.cleanup(); });

  const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
  const errors = [{ field: 'level', op: '==' as const, value: 'ERROR' }];

  it.each([
    ['all matches, in insertion order, with the irregular ones', {}, ['d1', 'd2', 'd3', 'd4', 'd5']],
    ['the first two by insertion', { limit: 2 }, ['d1', 'd2', 'd5']],
    ['the top two by bytes descending, nulls first', { limit: 2, order: { field: 'bytes', descending: true, nullsFirst: true } }, ['d1', 'd3', 'd5']],
    ['the top two by bytes descending, nulls last', { limit: 2, order: { field: 'bytes', descending: true, nullsFirst: false } }, ['d1', 'd4', 'd5']],
    ['the top one by bytes with its ties', { limit: 1, withTies: true, order: { field: 'bytes', descending: true, nullsFirst: false } }, ['d1', 'd4', 'd5']],
    ['the lowest two by bytes', { limit: 2, order: { field: 'bytes', descending: false, nullsFirst: false } }, ['d1', 'd2', 'd5']],
  ])('scans %s', (_title, request, expected) => {
    expect(ids(store.fieldScan('logs').scan({ conditions: errors, ...request }))).toEqual(expected);
  });

  it('counts plain documents per value and hands over the irregular ones', () => {
    const { groups, irregular } = store.fieldScan('logs').countBy([{ field: 'bytes', op: '>=', value: 20 }], 'level');
    expect([groups.map((g) => [g.key, g.count]).sort(), ids(irregular)]).toEqual([[['ERROR', 3], ['WARN', 1]], ['d5']]);
  });
});
