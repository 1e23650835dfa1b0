// Runs every grammar fixture in grammar/test/*.txt (R8) against the generated parser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileTests } from '@lezer/generator/test';
import { describe, it } from 'vitest';
import { parser } from './parser';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test');

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  describe(file, () => {
    for (const { name, run } of fileTests(fs.readFileSync(path.join(dir, file), 'utf8'), file)) it(name, () => run(parser));
  });
}
