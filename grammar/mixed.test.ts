// The editor's mixed parser (mixed.ts): grammar/test-mixed/*.txt fixtures (R8) show the ES|QL tree mounted in
// every embedded query, and the tree that lib/language lowers stays the plain one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IterMode } from '@lezer/common';
import { fileTests } from '@lezer/generator/test';
import { describe, expect, it } from 'vitest';
import { escriptEditorParser } from './mixed';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-mixed');

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  describe(file, () => {
    for (const { name, run } of fileTests(fs.readFileSync(path.join(dir, file), 'utf8'), file)) {
      it(name, () => run(escriptEditorParser));
    }
  });
}

describe('escriptEditorParser', () => {
  it('keeps the query token under the mount, with the query text as its span', () => {
    const source = 'VAR r = ( FROM t | LIMIT 1 );';
    const tree = escriptEditorParser.parse(source);
    const tokens: string[] = [];
    tree.iterate({
      mode: IterMode.IgnoreMounts,
      enter: (node) => void (node.name === 'EsqlParenQuery' && tokens.push(source.slice(node.from, node.to))),
    });
    expect(tokens).toEqual(['FROM t | LIMIT 1']);
  });
});
