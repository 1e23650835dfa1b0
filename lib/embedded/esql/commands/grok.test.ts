import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from '../testing/memory-catalog';
import { answer } from '../testing/run';

const people = () => new MemoryCatalog().add('people', { name: { type: 'keyword' }, jobs: { type: 'keyword' }, n: { type: 'integer' } }, [
  { name: 'Georgi Facello', jobs: ['Accountant', 'Senior Python Developer'], n: 1 },
  { name: 'Bezalel', jobs: 'Senior Team Lead', n: 2 },
  { n: 3 },
]);

describe('GROK', () => {
  it('adds typed columns, sorted by name, after the others', () => {
    const a = answer('ROW a = "12 15.6 15.6 true" | GROK a "%{NUMBER:b:int} %{NUMBER:c:float} %{NUMBER:d:double} %{WORD:e:boolean}"');
    expect(a.columns).toEqual(['a:keyword', 'b:integer', 'c:double', 'd:double', 'e:boolean']);
    // a float capture is read as a 32-bit float, then widened
    expect(a.values).toEqual([['12 15.6 15.6 true', 12, Math.fround(15.6), 15.6, true]]);
  });
  it('replaces a column of the same name, which moves to the end', () => {
    const a = answer('ROW first = "x", full = "Georgi Facello", last = "y" | GROK full "%{WORD} %{WORD:first}"');
    expect(a.columns).toEqual(['full:keyword', 'last:keyword', 'first:keyword']);
    expect(a.values).toEqual([['Georgi Facello', 'y', 'Facello']]);
  });
  it('matches anywhere in the text, and gives nulls without a match or an input', () => {
    const a = answer('FROM people | GROK name "%{WORD:first} %{WORD:last}" | KEEP n, first, last', undefined, people());
    expect(a.values).toEqual([[1, 'Georgi', 'Facello'], [2, null, null], [3, null, null]]);
  });
  it('matches each value of a multi-valued input and adds up the captures', () => {
    const a = answer('FROM people | GROK jobs "%{WORD:a} %{WORD:b} %{WORD:c}" | KEEP n, a, c', undefined, people());
    expect(a.values).toEqual([[1, 'Senior', 'Developer'], [2, 'Senior', 'Lead'], [3, null, null]]);
  });
  it('gives a name captured twice both values', () => {
    expect(answer('ROW a = "foo bar" | GROK a "%{WORD:b} %{WORD:b}"').values).toEqual([['foo bar', ['foo', 'bar']]]);
  });
  it('accepts a null input', () => {
    expect(answer('ROW n = null | GROK n "%{WORD:abc}"')).toMatchObject({ columns: ['n:null', 'abc:keyword'], values: [[null, null]] });
  });
  it('makes a typed capture that does not convert null, with a warning', () => {
    const a = answer('ROW a = "abc" | GROK a "%{WORD:x:int}"');
    expect(a.values).toEqual([['abc', null]]);
    expect(a.warnings).toEqual([
      'Line 1:17: evaluation of [GROK a "%{WORD:x:int}"] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:17: java.lang.NumberFormatException: For input string: "abc"',
    ]);
  });

  it.each([
    ['ROW a = 1 | GROK a "%{WORD:x}"', 'verification_exception', 'line 1:18: Grok only supports KEYWORD or TEXT values, found expression [a] type [integer]'],
    ['ROW a = "foo bar" | GROK a "%{_invalid_:x}"', 'parsing_exception',
      "line 1:21: Invalid pattern [%{_invalid_:x}] for grok: Unable to find pattern [_invalid_] in Grok's pattern dictionary"],
    // the pattern is checked while parsing, so its error comes before the unknown column of an earlier command
    ['FROM people | KEEP nope | GROK name "%{NUMBER:foo} %{WORD:foo}"', 'parsing_exception',
      'line 1:27: Invalid GROK pattern [%{NUMBER:foo} %{WORD:foo}]: the attribute [foo] is defined multiple times with different types'],
  ])('refuses %s', (query, type, reason) => {
    const a = answer(query, undefined, people());
    expect(a.status).toBe(400);
    expect(a.error?.type).toBe(type);
    expect(a.error?.reason).toContain(reason);
  });
});

describe('GROK with several patterns', () => {
  it('applies the first that matches; the columns of all of them are added', () => {
    const a = answer('ROW text = "XYZ extractme" | GROK text "ABC %{WORD:foo}", "XYZ %{WORD:bar}" | KEEP foo, bar');
    expect(a).toMatchObject({ columns: ['foo:keyword', 'bar:keyword'], values: [[null, 'extractme']] });
  });
  it.each([
    ['ROW a = "foo bar" | GROK a "%{NUMBER:foo}", "%{WORD:foo}"',
      'line 1:21: Invalid GROK patterns [%{NUMBER:foo}, %{WORD:foo}]: the attribute [foo] is defined multiple times with different types'],
    ['ROW a = "foo" | GROK a "%{WORD:foo}", "(?P<j>.+)"', 'line 1:17: Invalid GROK pattern [(?P<j>.+)]: [undefined group option]'],
    // each pattern must be valid alone, even where joining them would give a valid expression
    ['ROW a = "foo bar" | GROK a "(%{WORD:word}", "x)"', 'line 1:21: Invalid GROK pattern [(%{WORD:word}]: [Unterminated group]'],
  ])('refuses %s', (query, reason) => expect(answer(query).error).toEqual({ type: 'parsing_exception', reason }));
});
