/**
 * The csv-spec cases this engine can run at all: files read from the shared conformance folder, with
 * the cases that need datasets we do not load (other indices, LOOKUP JOIN, ENRICH) or upstream-disabled
 * or query-setting cases set aside, each with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_ROOT } from './datasets';
import { parseSpecFile, type SpecCase } from './spec-file';

const LOADED = new Set(['employees', 'sample_data']);

/** Why a case cannot run here, or null. */
function outOfScope(c: SpecCase): string | null {
  if (c.ignored) return 'disabled upstream (-Ignore)';
  if (c.usesSettings) return 'query settings (SET)';
  if (/\b(LOOKUP\s+JOIN|ENRICH)\b/i.test(c.query)) return 'LOOKUP JOIN / ENRICH';
  const from = /^\s*(?:from|ts)\s+([^|\s]+(?:\s*,\s*[^|\s]+)*)/i.exec(c.query);
  if (from) {
    const indices = from[1].split(',').map((s) => s.trim());
    if (indices.some((i) => !LOADED.has(i))) return `dataset not loaded (${indices.join(',')})`;
  }
  return null;
}

/** Every case of every csv-spec file, with `file:name` ids and the out-of-scope reason if any. */
export function specCases(): { id: string; case: SpecCase; outOfScope: string | null }[] {
  const files = readdirSync(SPEC_ROOT).filter((f) => f.endsWith('.csv-spec')).sort();
  return files.flatMap((file) => parseSpecFile(readFileSync(join(SPEC_ROOT, file), 'utf8')).map((c) => ({
    id: `${file.replace('.csv-spec', '')}:${c.name}`, case: c, outOfScope: outOfScope(c),
  })));
}
