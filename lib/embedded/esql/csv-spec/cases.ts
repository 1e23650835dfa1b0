/**
 * The csv-spec cases of a folder, each with the reason it cannot run at all here, or null. These reasons
 * come from the test material itself, not from the engine: a case disabled upstream, a dataset that the
 * folder does not contain, or a query setting (`SET`) that a case needs. What the engine lacks goes in
 * skip-list.txt instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSpecFile, type SpecCase } from './spec-file';

/** One csv-spec case with its `file:name` id. */
export interface CsvCase { id: string; case: SpecCase; outOfScope: string | null }

/** The indices a case reads: FROM/TS sources, plus LOOKUP JOIN and ENRICH targets (lookup datasets and enrich policies). */
function indicesOf(query: string): string[] {
  const from = /^\s*(?:from|ts)\s+([^|\s]+(?:\s*,\s*[^|\s]+)*)/i.exec(query);
  const names = from ? from[1].split(',').map((s) => s.trim()) : [];
  for (const m of query.matchAll(/\bLOOKUP\s+JOIN\s+([^\s|]+)/gi)) names.push(m[1]);
  for (const m of query.matchAll(/\bENRICH\s+([^\s|]+)/gi)) names.push(`enrich policy ${m[1]}`);
  return names;
}

function outOfScope(c: SpecCase, loaded: ReadonlySet<string>): string | null {
  if (c.ignored) return 'disabled upstream (-Ignore)';
  // README §5: a SET query setting is unsupported unless implemented; no setting is.
  if (c.usesSettings) return 'query settings (SET) are not implemented';
  const missing = indicesOf(c.query).filter((i) => !loaded.has(i));
  return missing.length > 0 ? `dataset not in the conformance folder (${missing.join(', ')})` : null;
}

/** Every case of every `*.csv-spec` file directly in `root`, sorted by file; `loaded` names the datasets present. */
export function specCases(root: string, loaded: ReadonlySet<string>): CsvCase[] {
  if (!fs.existsSync(root)) return [];
  const files = fs.readdirSync(root).filter((f) => f.endsWith('.csv-spec')).sort();
  return files.flatMap((file) => parseSpecFile(fs.readFileSync(path.join(root, file), 'utf8')).map((c) => ({
    id: `${file.replace('.csv-spec', '')}:${c.name}`, case: c, outOfScope: outOfScope(c, loaded),
  })));
}
