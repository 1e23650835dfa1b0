import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test-support';
import { Store } from './store';

describe('Store', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let store: Store;
  beforeEach(() => { tmp = tempDataDir(); store = new Store(tmp.dir); });
  afterEach(() => { store.close(); tmp.cleanup(); });

  it('keeps the exact _source text and hands out increasing seq_no per index', () => {
    store.insertIndex('a', {}, {}, 1);
    store.insertIndex('b', {}, {}, 1);
    expect([store.nextSeqNo('a'), store.nextSeqNo('a'), store.nextSeqNo('b')]).toEqual([0, 1, 0]);
    const text = '{"z": 1,  "a": 2}';
    store.putDocument({ index: 'a', id: '1', source: text, seqNo: 0, primaryTerm: 1, version: 1 });
    expect(store.getDocument('a', '1')?.source).toBe(text);
  });

  it('lists documents in insertion order, a replaced document keeping its place', () => {
    store.insertIndex('a', {}, {}, 1);
    for (const id of ['x', 'y', 'z']) store.putDocument({ index: 'a', id, source: '{}', seqNo: 0, primaryTerm: 1, version: 1 });
    store.putDocument({ index: 'a', id: 'x', source: '{"v":2}', seqNo: 3, primaryTerm: 1, version: 2 });
    expect(store.allDocuments('a').map((d) => d.id)).toEqual(['x', 'y', 'z']);
    expect(store.countDocuments('a')).toBe(3);
  });

  it('deleting an index deletes its documents', () => {
    store.insertIndex('a', {}, {}, 1);
    store.putDocument({ index: 'a', id: '1', source: '{}', seqNo: 0, primaryTerm: 1, version: 1 });
    store.deleteIndex('a');
    expect(store.getIndex('a')).toBeUndefined();
    expect(store.countDocuments('a')).toBe(0);
  });

  it('rolls back a failed transaction, and a failed nested step only', () => {
    expect(() => store.transaction(() => { store.insertIndex('a', {}, {}, 1); throw new Error('boom'); })).toThrow('boom');
    expect(store.getIndex('a')).toBeUndefined();
    store.transaction(() => {
      store.insertIndex('b', {}, {}, 1);
      expect(() => store.transaction(() => { store.insertIndex('c', {}, {}, 1); throw new Error('inner'); })).toThrow('inner');
    });
    expect(store.listIndices().map((i) => i.name)).toEqual(['b']);
  });

  it('stores, replaces and deletes index templates', () => {
    store.putTemplate('t', { index_patterns: ['a*'], priority: 1 });
    store.putTemplate('t', { index_patterns: ['b*'], priority: 2 });
    expect(store.getTemplate('t')).toEqual({ index_patterns: ['b*'], priority: 2 });
    expect(store.deleteTemplate('t')).toBe(true);
    expect(store.listTemplates()).toEqual([]);
  });

  it('shares one data directory between two instances (writes are visible at once)', () => {
    const other = new Store(tmp.dir);
    try {
      other.transaction(() => other.insertIndex('shared', { 'index.hidden': 'true' }, {}, 1));
      expect(store.getIndex('shared')?.settings).toEqual({ 'index.hidden': 'true' });
      store.transaction(() => store.putDocument({ index: 'shared', id: '1', source: '{"a":1}', seqNo: 0, primaryTerm: 1, version: 1 }));
      expect(other.getDocument('shared', '1')?.source).toBe('{"a":1}');
    } finally { other.close(); }
  });

  it('sees mappings, settings and index deletions another process commits, after it has read them', () => {
    store.transaction(() => store.insertIndex('shared', {}, { properties: { a: { type: 'long' } } }, 1));
    expect(store.getIndex('shared')?.mappings.properties).toEqual({ a: { type: 'long' } });
    const other = new Store(tmp.dir);
    try {
      other.transaction(() => other.putMappings('shared', { properties: { a: { type: 'long' }, b: { type: 'keyword' } } }));
      expect(store.getIndex('shared')?.mappings.properties).toEqual({ a: { type: 'long' }, b: { type: 'keyword' } });
      expect(store.fieldScan('shared').kind('b')).toBe('keyword');
      other.transaction(() => other.putSettings('shared', { 'index.hidden': 'true' }));
      expect(store.listIndices().map((i) => i.settings)).toEqual([{ 'index.hidden': 'true' }]);
      other.deleteIndex('shared');
      expect([store.getIndex('shared'), store.listIndices()]).toEqual([undefined, []]);
    } finally { other.close(); }
  });

  it('checks for other processes\' commits once per read scope, and again when a write in it takes the lock', () => {
    store.transaction(() => store.insertIndex('shared', {}, { properties: { a: { type: 'long' } } }, 1));
    const other = new Store(tmp.dir);
    const fields = () => Object.keys(store.getIndex('shared')?.mappings.properties ?? {});
    try {
      const seen = store.readScope(() => {
        const before = fields();
        other.transaction(() => other.putMappings('shared', { properties: { a: { type: 'long' }, b: { type: 'keyword' } } }));
        const during = fields();
        const written = store.transaction(() => fields());
        return { before, during, written };
      });
      expect(seen).toEqual({ before: ['a'], during: ['a'], written: ['a', 'b'] });
      other.transaction(() => other.putMappings('shared', { properties: { a: { type: 'long' }, b: { type: 'keyword' }, c: { type: 'date' } } }));
      expect(store.readScope(fields)).toEqual(['a', 'b', 'c']);
    } finally { other.close(); }
  });

  it('numbers writes of two processes in one sequence, each transaction after the other\'s', () => {
    store.transaction(() => store.insertIndex('a', {}, {}, 1));
    const other = new Store(tmp.dir);
    try {
      const mine = store.transaction(() => [store.nextSeqNo('a'), store.nextSeqNo('a')]);
      const theirs = other.transaction(() => [other.nextSeqNo('a'), other.nextSeqNo('a')]);
      expect([...mine, ...theirs, store.transaction(() => store.nextSeqNo('a'))]).toEqual([0, 1, 2, 3, 4]);
      expect(other.getIndex('a')?.seqNo).toBe(4);
    } finally { other.close(); }
  });

  it('gives back the seq_no of a rolled-back step, and those of a failed transaction', () => {
    store.transaction(() => store.insertIndex('a', {}, {}, 1));
    store.transaction(() => {
      store.nextSeqNo('a');
      expect(() => store.transaction(() => { store.nextSeqNo('a'); throw new Error('inner'); })).toThrow('inner');
      expect(store.lastSeqNo('a')).toBe(0);
    });
    expect(() => store.transaction(() => { store.nextSeqNo('a'); throw new Error('outer'); })).toThrow('outer');
    expect(store.transaction(() => store.nextSeqNo('a'))).toBe(1);
  });

  it('starts a re-created index at seq_no 0 within the same transaction', () => {
    store.transaction(() => store.insertIndex('a', {}, {}, 1));
    const seqNos = store.transaction(() => {
      const first = store.nextSeqNo('a');
      store.deleteIndex('a');
      store.insertIndex('a', {}, {}, 1);
      return [first, store.nextSeqNo('a')];
    });
    expect(seqNos).toEqual([0, 0]);
  });

  it('forgets a mapping change that was rolled back', () => {
    store.transaction(() => store.insertIndex('a', {}, {}, 1));
    expect(() => store.transaction(() => {
      store.putMappings('a', { properties: { b: { type: 'keyword' } } });
      expect(store.getIndex('a')?.mappings).toEqual({ properties: { b: { type: 'keyword' } } });
      throw new Error('undo');
    })).toThrow('undo');
    expect(store.getIndex('a')?.mappings).toEqual({});
  });

  it('close is idempotent', () => {
    store.close();
    expect(() => store.close()).not.toThrow();
    expect(store.isClosed).toBe(true);
  });
});
