/**
 * The runnable examples in `examples/` (the seed notebook among them), for the IDE's Examples menu.
 * A file's first line `-- Title: …` names it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Example {
  name: string;
  title: string;
  source: string;
}

const EXAMPLES_DIR = join(process.cwd(), 'examples');
const NAME = /^[a-z0-9][a-z0-9_-]*$/;

const titleOf = (name: string, source: string): string =>
  /^--\s*Title:\s*(.+)$/m.exec(source.split('\n', 1)[0])?.[1]?.trim() ?? name;

/** Every example, sorted by name. */
export async function listExamples(): Promise<{ name: string; title: string }[]> {
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith('.es')).sort();
  return Promise.all(files.map(async (file) => {
    const name = file.slice(0, -3);
    return { name, title: titleOf(name, await readFile(join(EXAMPLES_DIR, file), 'utf8')) };
  }));
}

/** One example by name; throws for an unknown or malformed name. */
export async function getExample(input: { name: string }): Promise<Example> {
  if (typeof input?.name !== 'string' || !NAME.test(input.name)) throw new TypeError('getExample: invalid example name');
  const source = await readFile(join(EXAMPLES_DIR, `${input.name}.es`), 'utf8');
  return { name: input.name, title: titleOf(input.name, source), source };
}
