// The styleTags of highlight.ts reach the tree: keywords, strings, ES|QL text, types, names, comments; and
// those of esql-highlight.ts reach the ES|QL trees that the editor's mixed parser mounts.
import { highlightTree, tagHighlighter, tags as t } from '@lezer/highlight';
import { expect, it } from 'vitest';
import { escriptEditorParser } from './mixed';
import { parser } from './parser';

const highlighter = tagHighlighter([
  { tag: t.keyword, class: 'keyword' },
  { tag: t.special(t.string), class: 'esql' },
  { tag: t.string, class: 'string' },
  { tag: t.typeName, class: 'type' },
  { tag: t.lineComment, class: 'comment' },
  { tag: t.function(t.variableName), class: 'function' },
  { tag: t.variableName, class: 'variable' },
  { tag: t.number, class: 'number' },
]);

it('classifies the tokens of a script', () => {
  const source = "create procedure p(a INT) BEGIN VAR x = 'b' || a; FROM logs | LIMIT 1; f(1) | ON_DONE h(@result); -- c\nEND PROCEDURE";
  const classes = new Map<string, string>();
  highlightTree(parser.parse(source), highlighter, (from, to, cls) => classes.set(source.slice(from, to), cls));
  expect(classes.get('create')).toBe('keyword');
  expect(classes.get('ON_DONE')).toBe('keyword');
  expect(classes.get('INT')).toBe('type');
  expect(classes.get("'b'")).toBe('string');
  expect(classes.get('FROM logs | LIMIT 1')).toBe('esql');
  expect(classes.get('f')).toBe('function');
  expect(classes.get('a')).toBe('variable');
  expect(classes.get('1')).toBe('number');
  expect(classes.get('-- c')).toBe('comment');
});

it('classifies the tokens inside an embedded query through the mounted ES|QL tree (esql-highlight.ts)', () => {
  const source = "DECLARE c CURSOR FOR FROM logs | WHERE msg == \"x\" AND n > :min -- c\n | STATS k = COUNT(*) BY host;";
  const classes = new Map<string, string>();
  highlightTree(escriptEditorParser.parse(source), highlighter, (from, to, cls) => classes.set(source.slice(from, to), cls));
  expect(classes.get('DECLARE')).toBe('keyword');
  expect(classes.get('FROM')).toBe('keyword');
  expect(classes.get('WHERE')).toBe('keyword');
  expect(classes.get('AND')).toBe('keyword');
  expect(classes.get('BY')).toBe('keyword');
  expect(classes.get('logs')).toBe('esql');
  expect(classes.get('"x"')).toBe('string');
  expect(classes.get('COUNT')).toBe('function');
  expect(classes.get('-- c')).toBe('comment');
  expect(classes.has('FROM logs | WHERE msg == "x" AND n > :min -- c\n | STATS k = COUNT(*) BY host')).toBe(false);
});
