/**
 * The conformance skip lists: cases the embedded engine does not pass because it lacks a feature. Each
 * line is `<case id>  # <feature and reason>`; lines starting with `#` are comments. Every entry must say
 * why (an entry without a reason is reported as a problem), and on the embedded engine a listed case is
 * still run, so one that starts passing is reported until its entry is removed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One skip list: entries by case id, and the problems found while reading it. */
export interface SkipList {
  /** The file, for messages ("remove it from …"). */
  file: string;
  /** Case id → the feature and reason written after `#`. */
  entries: Map<string, string>;
  /** Lines that are not valid entries (no reason, listed twice), as `file:line: problem`. */
  problems: string[];
}

/** Where the two lists live in this repository. */
export const SKIP_LISTS = {
  restYaml: path.join(import.meta.dirname, 'rest-yaml-skip.txt'),
  csvSpec: path.join(import.meta.dirname, '..', 'esql', 'csv-spec', 'skip-list.txt'),
} as const;

/** Reads a skip list; a missing file is an empty list. A reason is the text after the first ` # `. */
export function readSkipList(file: string): SkipList {
  const list: SkipList = { file, entries: new Map(), problems: [] };
  if (!fs.existsSync(file)) return list;
  const name = path.basename(file);
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    // The reason starts at ` # ` (a `#` inside a case name, as in `text in functions #105379`, has no space after it).
    const at = line.search(/\s#(\s|$)/);
    const id = (at < 0 ? line : line.slice(0, at)).trim();
    const reason = at < 0 ? '' : line.slice(at).replace(/^\s*#\s*/, '').trim();
    if (reason === '') list.problems.push(`${name}:${i + 1}: [${id}] has no reason (write "# <feature>: <why>")`);
    if (list.entries.has(id)) list.problems.push(`${name}:${i + 1}: [${id}] is listed twice`);
    list.entries.set(id, reason);
  });
  return list;
}
