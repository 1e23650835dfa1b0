/**
 * The real inputs the fuzzer mutates, read at run time and never copied into the repository: the
 * language conformance scripts (shared/conformance/lang/*.es), examples/*.es, the sources of the
 * grammar fixtures (grammar/test/*.txt), and ES|QL queries from the ES|QL fixtures, the Elasticsearch
 * csv-spec files and the queries embedded in those scripts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpecFile } from '../../lib/embedded/esql/csv-spec/spec-file';
import { parseScript } from '../../lib/language';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = resolve(process.env.ESCRIPT_SHARED_DIR ?? join(ROOT, '..', 'shared'));
const CSV_SPEC_DIR = join(SHARED, 'conformance/elasticsearch/x-pack/plugin/esql/qa/testFixtures/src/main/resources');

/** Seed inputs: scripts and ES|QL queries, each labelled with where it came from. */
export interface Corpus {
  scripts: { origin: string; text: string }[];
  queries: { origin: string; text: string }[];
}

function filesIn(dir: string, suffix: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)) : [];
}

/** The sources of a Lezer fixture file: the text between each `# title` line and its `==>`. */
function fixtureSources(text: string): string[] {
  return [...text.matchAll(/^#[^\n]*\n([\s\S]*?)\n==>/gm)].map((m) => m[1].trim()).filter(Boolean);
}

/** Every `query` string held anywhere in a lowered script (statements, cursors, query expressions). */
export function embeddedQueries(node: unknown, out: string[] = []): string[] {
  const stack: unknown[] = [node];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'query' && typeof child === 'string' && child) out.push(child);
        else if (typeof child === 'object') stack.push(child);
      }
    }
  }
  return out;
}

/** Reads every seed input; folders that are missing contribute nothing. */
export function loadCorpus(): Corpus {
  const scripts: Corpus['scripts'] = [];
  const queries: Corpus['queries'] = [];
  const scriptFiles = [...filesIn(join(SHARED, 'conformance/lang'), '.es'), ...filesIn(join(ROOT, 'examples'), '.es')];
  for (const file of scriptFiles) scripts.push({ origin: file, text: readFileSync(file, 'utf8') });
  for (const file of filesIn(join(ROOT, 'grammar/test'), '.txt')) {
    for (const source of fixtureSources(readFileSync(file, 'utf8'))) scripts.push({ origin: file, text: source });
  }
  for (const script of scripts) {
    for (const query of embeddedQueries(parseScript(script.text).script)) queries.push({ origin: script.origin, text: query });
  }
  for (const file of filesIn(join(ROOT, 'grammar/test-esql'), '.txt')) {
    for (const source of fixtureSources(readFileSync(file, 'utf8'))) queries.push({ origin: file, text: source });
  }
  for (const file of filesIn(CSV_SPEC_DIR, '.csv-spec')) {
    for (const spec of parseSpecFile(readFileSync(file, 'utf8'))) if (spec.query) queries.push({ origin: file, text: spec.query });
  }
  return { scripts, queries };
}
