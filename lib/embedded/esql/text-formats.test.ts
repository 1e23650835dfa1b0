import { describe, expect, it } from 'vitest';
import type { TextTable } from './text-formats';
import { contentTypeOf, formatTable, nullColumns, withoutColumns } from './text-formats';

const books: TextTable = {
  columns: [{ name: 'author', type: 'keyword' }, { name: 'pages', type: 'integer' }, { name: 'rating', type: 'double' }, { name: 'released', type: 'date' }],
  rows: [
    ['Peter F. Hamilton', 768, 4.5, Date.UTC(2004, 2, 2)],
    ['Frank Herbert', null, 5, Date.UTC(1965, 5, 1)],
  ],
};

describe('txt', () => {
  it('is a table of columns at least 15 wide, headers centred, values padded, a rule under the header', () => {
    expect(formatTable(books, 'txt')).toBe([
      '     author      |     pages     |    rating     |        released        ',
      '-----------------+---------------+---------------+------------------------',
      'Peter F. Hamilton|768            |4.5            |2004-03-02T00:00:00.000Z',
      'Frank Herbert    |null           |5.0            |1965-06-01T00:00:00.000Z',
      '',
    ].join('\n'));
  });

  it('writes doubles and multi-values as Java prints them', () => {
    const table: TextTable = { columns: [{ name: 'x', type: 'double' }, { name: 'tags', type: 'keyword' }], rows: [[[1, 2.5], ['a', 'b']], [1e-4, null]] };
    expect(formatTable(table, 'txt').split('\n').slice(2, 4)).toEqual([
      '[1.0, 2.5]     |[a, b]         ',
      '1.0E-4         |null           ',
    ]);
  });

  it('is empty when there are no columns', () => {
    expect(formatTable({ columns: [], rows: [[]] }, 'txt')).toBe('');
  });
});

describe('csv', () => {
  it('has a header line, CRLF line ends, empty nulls, and quotes what needs it', () => {
    const table: TextTable = { columns: [{ name: 'a,b', type: 'keyword' }, { name: 'n', type: 'long' }], rows: [['say "hi"', 1], ['two\nlines', null]] };
    expect(formatTable(table, 'csv')).toBe('"a,b",n\r\n"say ""hi""",1\r\n"two\nlines",\r\n');
  });

  it('takes another delimiter, and can leave the header out', () => {
    expect(formatTable(books, 'csv', { delimiter: ';', header: false }).split('\r\n')[0]).toBe('Peter F. Hamilton;768;4.5;2004-03-02T00:00:00.000Z');
    expect(formatTable({ columns: [{ name: 'a', type: 'keyword' }], rows: [['x;y']] }, 'csv', { delimiter: ';' })).toBe('a\r\n"x;y"\r\n');
  });

  it('says in its content type whether the header is there', () => {
    expect(contentTypeOf('csv', false)).toBe('text/csv; charset=utf-8; header=absent');
    expect(contentTypeOf('txt', true)).toBe('text/plain');
  });
});

describe('tsv', () => {
  it('separates with tabs, ends lines with LF and escapes tabs and line breaks', () => {
    const table: TextTable = { columns: [{ name: 'a', type: 'keyword' }, { name: 'b', type: 'boolean' }], rows: [['x\ty\nz', true], [null, false]] };
    expect(formatTable(table, 'tsv')).toBe('a\tb\nx\\ty\\nz\ttrue\n\tfalse\n');
  });
});

describe('drop_null_columns', () => {
  it('finds the columns with only nulls, all of them when there is no row', () => {
    expect(nullColumns(books)).toEqual([false, false, false, false]);
    const table: TextTable = { columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'null' }], rows: [[1, null], [null, null]] };
    expect(nullColumns(table)).toEqual([false, true]);
    expect(withoutColumns(table, nullColumns(table))).toEqual({ columns: [{ name: 'a', type: 'long' }], rows: [[1], [null]] });
    expect(nullColumns({ columns: table.columns, rows: [] })).toEqual([true, true]);
  });
});
