import { describe, expect, it } from 'vitest';
import { EsError } from '../errors';
import type { Mappings } from '../storage/types';
import { applyDynamicMapping } from './dynamic';

const textKeyword = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };

describe('applyDynamicMapping (§18.13)', () => {
  it.each([
    [{ s: 'hello' }, { s: textKeyword }],
    [{ d: '2024-01-09T10:00:00Z' }, { d: { type: 'date' } }],
    [{ d: '2024-01-09' }, { d: { type: 'date' } }],
    [{ d: '2024-13-45' }, { d: textKeyword }],
    [{ n: 42 }, { n: { type: 'long' } }],
    [{ f: 1.5 }, { f: { type: 'float' } }],
    [{ b: true }, { b: { type: 'boolean' } }],
    [{ o: { x: 1 } }, { o: { properties: { x: { type: 'long' } } } }],
    [{ 'a.b': 'x' }, { a: { properties: { b: textKeyword } } }],
    [{ arr: [1, 2] }, { arr: { type: 'long' } }],
    [{ nil: null, empty: [] }, {}],
    [{ numeric: '5' }, { numeric: textKeyword }],
  ])('maps %j', (source, properties) => {
    const { mappings, changed } = applyDynamicMapping({}, source, '1');
    expect(mappings.properties ?? {}).toEqual(properties);
    expect(changed).toBe(Object.keys(properties).length > 0);
  });

  it('leaves new fields unmapped under dynamic: false, at index or object level', () => {
    const top: Mappings = { dynamic: false, properties: { k: { type: 'keyword' } } };
    expect(applyDynamicMapping(top, { k: 'x', free: { any: 1 } }, '1')).toEqual({ mappings: top, changed: false });
    const nested: Mappings = { properties: { o: { dynamic: false, properties: {} } } };
    expect(applyDynamicMapping(nested, { o: { x: 1 } }, '1').changed).toBe(false);
  });

  it('does not mutate the given mappings', () => {
    const m: Mappings = { properties: {} };
    applyDynamicMapping(m, { a: 1 }, '1');
    expect(m).toEqual({ properties: {} });
  });

  it.each([
    [{ dynamic: 'strict' }, { x: 1 }, 'strict_dynamic_mapping_exception'],
    [{ properties: { n: { type: 'long' } } }, { n: 'abc' }, 'document_parsing_exception'],
    [{ properties: { d: { type: 'date' } } }, { d: 'yesterday' }, 'document_parsing_exception'],
    [{ properties: { k: { type: 'keyword' } } }, { k: { a: 1 } }, 'document_parsing_exception'],
    [{ properties: { o: { properties: { a: { type: 'long' } } } } }, { o: 'flat' }, 'document_parsing_exception'],
    [{ properties: { n: { type: 'long' } } }, { fresh: 1, n: 'abc' }, 'document_parsing_exception'],
  ])('rejects %j with %j', (mappings, source, type) => {
    try { applyDynamicMapping(mappings as Mappings, source, '1'); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(EsError);
      expect((e as EsError).type).toBe(type);
      expect((e as EsError).status).toBe(400);
    }
  });

  it('accepts coercible values for mapped fields', () => {
    const m: Mappings = { properties: { n: { type: 'long' }, k: { type: 'keyword' }, b: { type: 'boolean' } } };
    expect(applyDynamicMapping(m, { n: '12', k: 5, b: 'true' }, '1').changed).toBe(false);
  });
});
