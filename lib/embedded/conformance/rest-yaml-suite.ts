import fs from 'node:fs';
import path from 'node:path';
import type { YamlSection } from './rest-yaml';

/** Where the Elasticsearch REST YAML tests live (read-only test data outside the repository). */
export const CONFORMANCE_ROOT = path.resolve(process.cwd(), '../shared/conformance/elasticsearch');

/**
 * Every REST YAML test file under the conformance root, sorted, with its id relative to `.../test/`. The
 * x-pack ES|QL YAML files are left out unless `includeEsql`: they exercise the ES|QL engine, which has its own suite.
 */
export function yamlTestFiles(root = CONFORMANCE_ROOT, includeEsql = false): { file: string; id: string }[] {
  const out: { file: string; id: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yml') && full.includes(`${path.sep}test${path.sep}`)) out.push({ file: full, id: full.split(`${path.sep}test${path.sep}`)[1] });
    }
  };
  for (const part of includeEsql ? ['.'] : ['rest-api-spec', 'modules']) {
    const dir = path.join(root, part);
    if (fs.existsSync(dir)) walk(dir);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Splits a file's YAML documents into test sections, each with `setup` before and `teardown` after its steps. */
export function sectionsOf(documents: unknown[]): YamlSection[] {
  const merged: Record<string, unknown> = {};
  for (const doc of documents) if (doc && typeof doc === 'object') Object.assign(merged, doc);
  const { setup = [], teardown = [], ...rest } = merged as Record<string, Record<string, unknown>[]>;
  return Object.entries(rest).map(([name, steps]) => ({ name, steps: [...setup, ...(steps ?? []), ...teardown] }));
}

/** Reads the skip list: one `<file id> :: <section name>` per line, `#` starts a reason/comment. */
export function readSkipList(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  return new Set(fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#')));
}
