import { describe, expect, it } from 'vitest';
import { EsError } from '../errors';
import { applyDynamicMapping } from '../mapping/dynamic';
import type { Mappings } from '../storage/types';
import { compileQuery, minimumShouldMatch, type QueryDocument } from './compile';

const docs: QueryDocument[] = [
  { id: '1', source: { msg: 'Hello World', status: 'OPEN', n: 5, at: '2024-01-01T00:00:00Z', ok: true, tags: ['a', 'b'], user: { name: 'ann' } } },
  { id: '2', source: { msg: 'hello there, friend', status: 'CLOSED', n: 10, at: '2024-06-01T00:00:00Z', ok: false, tags: ['b'] } },
  { id: '3', source: { msg: 'Goodbye', status: 'OPEN', n: 15.5, at: '2025-01-01T00:00:00Z', user: { name: 'bob' } } },
].map((d) => ({ ...d, index: 'idx' }));

let mappings: Mappings = { properties: { n: { type: 'float' } } };
for (const d of docs) mappings = applyDynamicMapping(mappings, d.source, d.id).mappings;
const NOW = Date.UTC(2024, 11, 31);

const ids = (query: Record<string, unknown> | undefined) => {
  const m = compileQuery(query, { index: 'idx', properties: mappings.properties, nowMs: NOW });
  return docs.filter((d) => m(d) !== null).map((d) => d.id);
};

describe('compileQuery', () => {
  it.each([
    [undefined, ['1', '2', '3']],
    [{ match_all: {} }, ['1', '2', '3']],
    [{ match_none: {} }, []],
    [{ term: { 'status.keyword': 'OPEN' } }, ['1', '3']],
    [{ term: { 'status.keyword': { value: 'open', case_insensitive: true } } }, ['1', '3']],
    [{ term: { status: 'open' } }, ['1', '3']],
    [{ term: { status: 'OPEN' } }, []],
    [{ term: { n: 10 } }, ['2']],
    [{ term: { n: '10' } }, ['2']],
    [{ term: { ok: true } }, ['1']],
    [{ term: { ok: 'false' } }, ['2']],
    [{ term: { at: '2024-06-01T00:00:00Z' } }, ['2']],
    [{ term: { 'tags.keyword': 'b' } }, ['1', '2']],
    [{ term: { unmapped: 'x' } }, []],
    [{ terms: { 'status.keyword': ['CLOSED', 'nope'] } }, ['2']],
    [{ ids: { values: ['1', '3', 'zz'] } }, ['1', '3']],
    [{ range: { n: { gt: 5, lte: 15.5 } } }, ['2', '3']],
    [{ range: { n: { gte: 5, lt: 10 } } }, ['1']],
    [{ range: { at: { gte: '2024-03-01' } } }, ['2', '3']],
    [{ range: { at: { lt: 'now' } } }, ['1', '2']],
    [{ range: { 'status.keyword': { gte: 'M' } } }, ['1', '3']],
    [{ exists: { field: 'user' } }, ['1', '3']],
    [{ exists: { field: 'user.name' } }, ['1', '3']],
    [{ exists: { field: 'ok' } }, ['1', '2']],
    [{ match: { msg: 'HELLO' } }, ['1', '2']],
    [{ match: { msg: 'world goodbye' } }, ['1', '3']],
    [{ match: { msg: { query: 'hello world', operator: 'and' } } }, ['1']],
    [{ match: { 'status.keyword': 'OPEN' } }, ['1', '3']],
    [{ match_phrase: { msg: 'there friend' } }, ['2']],
    [{ match_phrase: { msg: 'friend there' } }, []],
    [{ multi_match: { query: 'ann', fields: ['msg', 'user.name'] } }, ['1']],
    [{ multi_match: { query: 'ann', fields: ['*'] } }, ['1']],
    [{ multi_match: { query: 'closed goodbye', fields: ['*'], lenient: true } }, ['2', '3']],
    [{ multi_match: { query: '10', fields: ['*'], lenient: true } }, ['2']],
    [{ multi_match: { query: 'open', fields: ['stat*'] } }, ['1', '3']],
    [{ multi_match: { query: 'OPEN', fields: ['*.keyword'] } }, ['1', '3']],
    [{ prefix: { 'status.keyword': 'CL' } }, ['2']],
    [{ prefix: { msg: 'good' } }, ['3']],
    [{ wildcard: { 'status.keyword': { value: '*PE?' } } }, ['1', '3']],
    [{ regexp: { 'user.name': 'a.n' } }, ['1']],
    [{ bool: { must: [{ term: { 'status.keyword': 'OPEN' } }], must_not: { term: { n: 5 } } } }, ['3']],
    [{ bool: { filter: [{ range: { n: { gte: 10 } } }] } }, ['2', '3']],
    [{ bool: { should: [{ term: { n: 5 } }, { term: { n: 10 } }] } }, ['1', '2']],
    [{ bool: { should: [{ term: { n: 5 } }, { term: { ok: true } }], minimum_should_match: 2 } }, ['1']],
    [{ bool: { filter: { term: { ok: true } }, should: [{ term: { n: 99 } }] } }, ['1']],
    [{ constant_score: { filter: { term: { n: 5 } } } }, ['1']],
  ])('%j matches %j', (query, expected) => expect(ids(query as Record<string, unknown>)).toEqual(expected));

  it('scores matching clauses 1 each and filters 0', () => {
    const m = compileQuery({ bool: { must: { match: { msg: 'hello' } }, filter: { term: { ok: true } } } }, { index: 'idx', properties: mappings.properties, nowMs: NOW });
    expect(m(docs[0])).toBe(1);
    const f = compileQuery({ bool: { filter: { term: { ok: true } } } }, { index: 'idx', properties: mappings.properties, nowMs: NOW });
    expect(f(docs[0])).toBe(0);
  });

  it('refuses a regexp pattern it cannot compile with a 400, not a server error', () => {
    expect(() => ids({ regexp: { 'user.name': '(' } })).toThrow(expect.objectContaining({ status: 400, type: 'query_shard_exception' }));
  });

  it.each([[{ nope: {} }, 'unknown query [nope]'], [{ term: { a: 1, b: 2 } }, 'multiple fields'], [{}, 'empty clause']])(
    'rejects %j', (query, reason) => {
      expect(() => ids(query)).toThrow(EsError);
      expect(() => ids(query)).toThrow(reason);
    });

  it.each([[undefined, 3, 1, 1], ['2', 3, 0, 2], ['-1', 3, 0, 2], ['50%', 3, 0, 1], ['-50%', 3, 0, 2], [5, 3, 0, 3]])(
    'minimumShouldMatch(%j, %j)', (spec, optional, fallback, n) => expect(minimumShouldMatch(spec, optional, fallback)).toBe(n));
});
