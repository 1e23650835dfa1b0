import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../test-support';
import { parseDateValue } from './date-formats';

describe('a date field mapped with its own format', () => {
  const { call } = engineForEachTest(async (call) => {
    await call('PUT', '/cf', { mappings: { properties: { d: { type: 'date', format: 'yyyy/MM/dd HH:mm||epoch_second' } } } });
  });

  it('accepts values in its format and refuses others, as Elasticsearch does', async () => {
    expect((await call('PUT', '/cf/_doc/1', { d: '2024/01/02 10:30' })).status).toBe(201);
    expect((await call('PUT', '/cf/_doc/2', { d: 1704240000 })).status).toBe(201);
    const refused = await call('PUT', '/cf/_doc/3', { d: '2024-01-03T00:00:00Z' });
    expect([refused.status, refused.body.error.type]).toEqual([400, 'document_parsing_exception']);
  });

  it('is searched, sorted and read by ES|QL through its format', async () => {
    await call('PUT', '/cf/_doc/1', { d: '2024/01/02 10:30' });
    await call('PUT', '/cf/_doc/2', { d: 1704240000 });
    await call('POST', '/cf/_refresh');
    const range = await call('POST', '/cf/_search', { query: { range: { d: { gte: '2024/01/02 12:00' } } }, sort: [{ d: 'asc' }] });
    expect(range.body.hits.hits.map((h: { _id: string; sort: number[] }) => [h._id, h.sort[0]])).toEqual([['2', 1704240000000]]);
    const own = await call('POST', '/cf/_search', { query: { range: { d: { lt: '04/01/2024', format: 'dd/MM/yyyy' } } }, sort: [{ d: 'desc' }] });
    expect(own.body.hits.hits.map((h: { _id: string }) => h._id)).toEqual(['2', '1']);
    const term = await call('POST', '/cf/_search', { query: { term: { d: '2024/01/02 10:30' } } });
    expect(term.body.hits.hits.map((h: { _id: string }) => h._id)).toEqual(['1']);
    const esql = await call('POST', '/_query', { query: 'FROM cf | SORT d | KEEP d' });
    expect(esql.body.values).toEqual([['2024-01-02T10:30:00.000Z'], ['2024-01-03T00:00:00.000Z']]);
  });
});

describe('parseDateValue', () => {
  it('tries the alternatives in order; ISO names read ISO text, epoch names numbers', () => {
    expect(parseDateValue('2024-01-02', 'strict_date_optional_time||epoch_millis')).toBe(Date.UTC(2024, 0, 2));
    expect(parseDateValue('1704153600000', 'strict_date_optional_time||epoch_millis')).toBe(1704153600000);
    expect(parseDateValue('1704153600000', 'strict_date_optional_time')).toBeUndefined();
    expect(parseDateValue(1704153600, 'epoch_second')).toBe(1704153600000);
    expect(parseDateValue('02.01.2024', 'dd.MM.yyyy||yyyy')).toBe(Date.UTC(2024, 0, 2));
    expect(parseDateValue('2024', 'dd.MM.yyyy||yyyy')).toBe(Date.UTC(2024, 0, 1));
    expect(parseDateValue('Jan 2024', 'MMM yyyy')).toBeUndefined();
  });
});
