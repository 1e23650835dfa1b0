import { describe, expect, it } from 'vitest';
import type { MappingProperties } from '../storage/types';
import { leafFields, resolveField, sortedMappings, sourceValues } from './fields';

const props: MappingProperties = {
  msg: { type: 'text', fields: { keyword: { type: 'keyword' } } },
  user: { properties: { name: { type: 'keyword' }, age: { type: 'long' } } },
};

describe('fields', () => {
  it.each([
    ['msg', { sourcePath: 'msg', type: 'text' }],
    ['msg.keyword', { sourcePath: 'msg', type: 'keyword' }],
    ['user.name', { sourcePath: 'user.name', type: 'keyword' }],
    ['user', { sourcePath: 'user', type: 'object' }],
    ['nope', undefined],
    ['msg.other', undefined],
  ])('resolveField(%j)', (field, expected) => expect(resolveField(props, field)).toEqual(expected));

  it.each([
    [{ a: { b: 1 } }, 'a.b', [1]],
    [{ 'a.b': 2 }, 'a.b', [2]],
    [{ a: [{ b: 1 }, { b: [2, 3] }] }, 'a.b', [1, 2, 3]],
    [{ a: null }, 'a', []],
    [{ a: { c: 1 } }, 'a.b', []],
  ])('sourceValues(%j, %j)', (source, path, values) => expect(sourceValues(source, path)).toEqual(values));

  it('lists leaf fields with multi-fields', () => {
    expect(leafFields(props).map((f) => `${f.name}:${f.type}`)).toEqual(['msg:text', 'msg.keyword:keyword', 'user.name:keyword', 'user.age:long']);
  });

  it('sorts properties by name recursively', () => {
    expect(Object.keys(sortedMappings({ properties: { b: {}, a: { properties: { z: {}, y: {} } } } }).properties!)).toEqual(['a', 'b']);
    expect(Object.keys(sortedMappings({ properties: { a: { properties: { z: {}, y: {} } } } }).properties!.a.properties!)).toEqual(['y', 'z']);
  });
});
