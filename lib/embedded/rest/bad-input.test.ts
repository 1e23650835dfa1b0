/**
 * Malformed requests found by fuzzing the REST door: each must be a 400 that says what is wrong, never a
 * 500 from a type the engine did not expect.
 */
import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../test-support';

describe('bad input at the REST door', () => {
  const { call } = engineForEachTest(async (c) => {
    await c('PUT', '/f/_doc/1?refresh=true', { n: 1 });
  });

  it.each([
    ['{"create":{"_index":{}}}\n{"a":1}\n', 'Malformed action/metadata line [1], expected a simple value for field [_index] but found [START_OBJECT]'],
    ['{"index":{"_id":[1]}}\n{"a":1}\n', 'Malformed action/metadata line [1], expected a simple value for field [_id] but found [START_ARRAY]'],
    ['{"index":5}\n{"a":1}\n', 'Malformed action/metadata line [1], expected START_OBJECT but found [VALUE_NUMBER]'],
  ])('a bulk action line %j is refused whole', async (body, reason) => {
    const r = await call('POST', '/f/_bulk', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'illegal_argument_exception', reason });
  });

  it('reads a number given as a bulk item\'s index as its text, as Elasticsearch does', async () => {
    const r = await call('POST', '/_bulk?refresh=true', '{"create":{"_index":1}}\n{"a":1}\n');
    expect(r.body.items[0].create).toMatchObject({ _index: '1', status: 201 });
  });

  it('refuses a path with a malformed escape', async () => {
    const r = await call('GET', '/%/_search');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'invalid escape sequence in the path [/%/_search]' });
  });

  it.each([[{ size: {} }, 'size'], [{ from: 'a b' }, 'from'], [{ size: [1] }, 'size'], [{ track_total_hits: 1e20 }, 'track_total_hits'], [{ track_total_hits: {} }, 'track_total_hits']])('a search body %j names its bad field', async (body, field) => {
    const r = await call('POST', '/f/_search', body);
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('x_content_parse_exception');
    expect(r.body.error.reason).toContain(`failed to parse field [${field}]`);
  });

  it('reads size, from and track_total_hits given as strings or fractions as Elasticsearch does', async () => {
    const r = await call('POST', '/f/_search', { size: '1', from: 0.9, track_total_hits: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.hits.hits).toHaveLength(1);
    expect(r.body.hits.total).toEqual({ value: 1, relation: 'eq' });
  });
});
