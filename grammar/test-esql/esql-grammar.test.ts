import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTests } from '@lezer/generator/test';
import { describe, it } from 'vitest';
import { parser } from '../esql-parser';

// every *.txt fixture here: `# title`, the query, `==>`, the expected tree (STYLE.md R8)
for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.txt'))) {
  describe(`esql grammar: ${file}`, () => {
    for (const { name, run } of fileTests(readFileSync(join(__dirname, file), 'utf8'), file)) it(name, () => run(parser));
  });
}
