/**
 * `npm run docs`: rewrites the generated built-in reference in docs/LANGUAGE.md from the catalogue.
 * `--check` writes nothing and exits 1 when the file is stale (for CI).
 */
import fs from 'node:fs';
import { LANGUAGE_DOC_PATH, languageDocStatus } from './language-doc';

async function main(argv: string[]): Promise<number> {
  const isCheck = argv.includes('--check');
  const { current, expected } = await languageDocStatus();
  if (current === expected) {
    process.stdout.write('docs/LANGUAGE.md is up to date\n');
    return 0;
  }
  if (isCheck) {
    process.stderr.write('docs/LANGUAGE.md is out of date with lib/runtime/builtins: run `npm run docs`\n');
    return 1;
  }
  fs.writeFileSync(LANGUAGE_DOC_PATH, expected);
  process.stdout.write('docs/LANGUAGE.md: built-in reference regenerated\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
