import fs from 'node:fs';
import path from 'node:path';
import type { YamlSection } from './rest-yaml';

/**
 * Every REST YAML test file under `root` (the generic rest-api-spec tests, modules' tests and the x-pack
 * ES|QL tests alike: any `*.yml` below a `test/` folder), sorted, with its id relative to `.../test/`.
 */
export function yamlTestFiles(root: string): { file: string; id: string }[] {
  const out: { file: string; id: string }[] = [];
  const marker = `${path.sep}test${path.sep}`;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yml')) {
        // Only the part below `root` counts, so a root that itself sits under some `test/` folder still works.
        const relative = `${path.sep}${path.relative(root, full)}`;
        const at = relative.lastIndexOf(marker);
        if (at >= 0) out.push({ file: full, id: relative.slice(at + marker.length).split(path.sep).join('/') });
      }
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Splits a file's YAML documents into test sections, each with `setup` before and `teardown` after its steps. */
export function sectionsOf(documents: unknown[]): YamlSection[] {
  const merged: Record<string, unknown> = {};
  for (const doc of documents) if (doc && typeof doc === 'object') Object.assign(merged, doc);
  const { setup = [], teardown = [], ...rest } = merged as Record<string, Record<string, unknown>[]>;
  return Object.entries(rest).map(([name, steps]) => ({ name, steps: [...setup, ...(steps ?? []), ...teardown] }));
}
