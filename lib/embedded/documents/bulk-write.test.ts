import { describe, expect, it } from 'vitest';
import { engineForEachTest, type LooseJson } from '../test-support';

const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
const itemOf = (item: LooseJson) => Object.values(item)[0] as LooseJson;

// Bulk items run without a savepoint each when their failures all come before their writes
// (Store.checkedWrite): these pin down that a failed item still leaves nothing behind.
describe('bulk items that fail', () => {
  const { call } = engineForEachTest();

  it('take no _seq_no and leave the other items and their mapping changes in place', async () => {
    await call('PUT', '/b', { mappings: { properties: { n: { type: 'long' } } } });
    const { body } = await call('POST', '/_bulk', ndjson([
      { index: { _index: 'b', _id: '1' } }, { n: 1, added: 'x' },
      { index: { _index: 'b', _id: '1', if_seq_no: 7, if_primary_term: 1 } }, { n: 2 },
      { create: { _index: 'b', _id: '1' } }, { n: 3 },
      { index: { _index: 'b', _id: '2' } }, { n: 'not a number', other: true },
      { delete: { _index: 'b', _id: '3', if_seq_no: 0, if_primary_term: 1 } },
      { update: { _index: 'b', _id: '4' } }, { doc: { n: 4 } },
      { index: { _index: 'b', _id: '1', if_seq_no: 0, if_primary_term: 1 } }, { n: 5 },
    ]));
    expect(body.items.map((i: LooseJson) => itemOf(i).status)).toEqual([201, 409, 409, 400, 409, 404, 200]);
    expect(body.items.map((i: LooseJson) => itemOf(i)._seq_no)).toEqual([0, undefined, undefined, undefined, undefined, undefined, 1]);
    expect((await call('GET', '/b/_doc/1')).body).toMatchObject({ _version: 2, _seq_no: 1, _source: { n: 5 } });
    expect((await call('HEAD', '/b/_doc/2')).status).toBe(404);
    const mapping = (await call('GET', '/b/_mapping')).body.b.mappings.properties;
    expect(Object.keys(mapping).sort()).toEqual(['added', 'n']);
    // the next write continues the numbering the failed items did not use
    expect((await call('PUT', '/b/_doc/9', { n: 9 })).body._seq_no).toBe(2);
  });

  it('undo the index they auto-created when their document then fails', async () => {
    await call('PUT', '/_index_template/t', { index_patterns: ['auto-*'], template: { mappings: { properties: { n: { type: 'long' } } } } });
    const { body } = await call('POST', '/_bulk', ndjson([
      { index: { _index: 'auto-1', _id: '1' } }, { n: 'not a number' },
      { index: { _index: 'auto-2', _id: '1' } }, { n: 2 },
    ]));
    expect(body.items.map((i: LooseJson) => itemOf(i).status)).toEqual([400, 201]);
    expect((await call('HEAD', '/auto-1')).status).toBe(404);
    expect((await call('GET', '/auto-2/_doc/1')).body._source).toEqual({ n: 2 });
  });
});
