/**
 * The pieces of the generated reference: what a reader sees for a signature, a result value and a
 * NULL note, and how the generated part is spliced into docs/LANGUAGE.md.
 */
import { describe, expect, it } from 'vitest';
import { DateValue, findBuiltin, type Builtin, type Value } from '../../lib/runtime';
import type { BuiltinFamily } from '../../lib/runtime/builtins';
import { nullRuleNote, renderBuiltinReference, renderBuiltinSection } from './builtin-reference';
import { codeSpan, formatSignature, formatValueLiteral } from './format';
import { BEGIN_MARKER, END_MARKER, replaceGenerated } from './language-doc';

function catalogued(name: string): Builtin {
  const b = findBuiltin(name);
  if (!b) throw new Error(`test setup: no built-in ${name}`);
  return b;
}

/** A hand-made entry for shapes the catalogue does not (yet) contain. */
function entry(name: string, params: Builtin['params'], examples: [string, string][] = []): Builtin {
  return { name, params, returns: 'ANY', doc: `Does ${name}.`, examples, impl: () => null, async: false, nullRaises: false };
}
const req = (name: string, type: string) => ({ name, type, optional: false, rest: false });
const opt = (name: string, type: string) => ({ name, type, optional: true, rest: false });

describe('formatSignature', () => {
  it.each([
    ['NOW', 'NOW() → DATE'],
    ['UPPER', 'UPPER(s STRING) → STRING'],
    ['SUBSTR', 'SUBSTR(s STRING, start INT [, len INT]) → STRING'],
    ['ARRAY_SORT', 'ARRAY_SORT(arr ARRAY [, key STRING|LAMBDA [, dir STRING]]) → ARRAY'],
    ['COALESCE', 'COALESCE(x ANY [, more ANY …]) → ANY'],
    ['LENGTH', 'LENGTH(x STRING|ARRAY|DOCUMENT) → NUMBER'],
  ])('%s', (name, signature) => expect(formatSignature(catalogued(name))).toBe(signature));

  it('brackets a first optional parameter without a comma', () => {
    expect(formatSignature(entry('F', [opt('a', 'INT'), opt('b', 'INT')]))).toBe('F([a INT [, b INT]]) → ANY');
  });

  it('refuses a required parameter after an optional one', () => {
    expect(() => formatSignature(entry('F', [opt('a', 'INT'), req('b', 'INT')]))).toThrow(/F: required parameter 'b'/);
  });
});

describe('formatValueLiteral', () => {
  it.each([
    [null, 'NULL'],
    [true, 'TRUE'],
    [1.5, '1.5'],
    [-25, '-25'],
    ['astic', "'astic'"],
    ["it's\n\\", "'it\\'s\\n\\\\'"],
    [new DateValue(Date.UTC(2026, 1, 28)), '2026-02-28T00:00:00.000Z'],
    [['a', 1, null], '["a",1,null]'],
    [new Map<string, Value>([['b', 1], ['a', new DateValue(0)]]), '{"b":1,"a":"1970-01-01T00:00:00.000Z"}'],
  ] as [Value, string][])('%s → %s', (value, text) => expect(formatValueLiteral(value)).toBe(text));
});

describe('codeSpan', () => {
  it.each([
    ["UPPER('x')", "`UPPER('x')`"],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
  ])('%s', (text, span) => expect(codeSpan(text)).toBe(span));
});

describe('nullRuleNote', () => {
  it.each([
    ['SLEEP', /validation_error` `INVALID_ARGUMENT/],
    ['GET_DOCUMENT', /validation_error` `INVALID_ARGUMENT/],
    ['TO_STRING', /`x` is typed ANY/],
    ['COALESCE', /`x` is typed ANY/],
  ])('%s differs from the §12 NULL rule', (name, note) => expect(nullRuleNote(catalogued(name))).toMatch(note));

  it.each(['UPPER', 'ARRAY_APPEND', 'DOCUMENT_GET', 'NOW'])('%s follows the §12 NULL rule, so has no note', (name) => {
    expect(nullRuleNote(catalogued(name))).toBeNull();
  });
});

describe('renderBuiltinReference', () => {
  const a = entry('A_FN', [req('x', 'STRING')], [["A_FN('q')", "'Q'"]]);
  const b = entry('B_FN', [req('x', 'ANY')]);
  const families: BuiltinFamily[] = [{ section: '12.9', title: 'Letters', builtins: [b, a] }];

  it('writes a family heading, then each built-in in family order with its computed example result', () => {
    const md = renderBuiltinReference([a, b], new Map([["A_FN('q')", 'Q']]), families);
    expect(md).toBe([
      '## Letters — §12.9',
      '### B_FN', '`B_FN(x ANY) → ANY`', 'Does B_FN.',
      'NULL rule: `x` is typed ANY, so NULL is passed to the function as an ordinary value instead of giving NULL.',
      '### A_FN', '`A_FN(x STRING) → ANY`', 'Does A_FN.',
      "Example:\n\n- `A_FN('q')` → `'Q'`",
    ].join('\n\n') + '\n');
  });

  it('refuses a built-in that belongs to no family', () => {
    expect(() => renderBuiltinReference([a, entry('LOST', [])], new Map([["A_FN('q')", 'Q']]), families)).toThrow(/LOST belongs to no family/);
  });

  it('refuses an example whose result was not computed', () => {
    expect(() => renderBuiltinSection(a, new Map())).toThrow(/no result was computed for the A_FN example/);
  });
});

describe('replaceGenerated', () => {
  const doc = `# Title\n\nHand-written.\n\n${BEGIN_MARKER}\n\nold\n\n${END_MARKER}\n\nAfter.\n`;

  it('replaces only the text between the markers', () => {
    expect(replaceGenerated(doc, 'new\n')).toBe(`# Title\n\nHand-written.\n\n${BEGIN_MARKER}\n\nnew\n\n${END_MARKER}\n\nAfter.\n`);
  });

  it('is stable: regenerating the same text changes nothing', () => {
    const once = replaceGenerated(doc, 'new');
    expect(replaceGenerated(once, 'new')).toBe(once);
  });

  it.each([
    ['no markers', '# Title\n'],
    ['a repeated BEGIN', `${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`],
    ['END before BEGIN', `${END_MARKER}\n${BEGIN_MARKER}\n`],
  ])('refuses a file with %s', (_case, text) => {
    expect(() => replaceGenerated(text, 'x')).toThrow(/exactly one/);
  });
});
