/**
 * docs/LANGUAGE.md stays in step with the built-in catalogue (STYLE R6): its generated part is what
 * `npm run docs` would write now, it has exactly one section per built-in, and every family heading
 * points at a section the hand-written reference really has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTINS } from '../../lib/runtime';
import { BUILTIN_FAMILIES } from '../../lib/runtime/builtins';
import { BEGIN_MARKER, END_MARKER, languageDocStatus } from './language-doc';

let status: Awaited<ReturnType<typeof languageDocStatus>>;
beforeAll(async () => { status = await languageDocStatus(); });

/** The file's text between the markers, and the hand-written text around it. */
function splitDoc(doc: string): { generated: string; handWritten: string } {
  const begin = doc.indexOf(BEGIN_MARKER), end = doc.indexOf(END_MARKER);
  return { generated: doc.slice(begin, end), handWritten: doc.slice(0, begin) + doc.slice(end) };
}

describe('docs/LANGUAGE.md built-in reference', () => {
  it('is up to date with lib/runtime/builtins', () => {
    expect(status.current, 'docs/LANGUAGE.md is stale: run `npm run docs`').toBe(status.expected);
  });

  it('has one ### section per built-in and no other', () => {
    const headings = [...splitDoc(status.current).generated.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings.toSorted()).toEqual(BUILTINS.map((b) => b.name).toSorted());
  });

  it.each(BUILTIN_FAMILIES.map((f) => [f.section, f.title] as const))('groups §%s %s under a section that exists', (section, title) => {
    const { generated, handWritten } = splitDoc(status.current);
    expect(handWritten).toMatch(new RegExp(`^#{2,3} ${section.replace('.', '\\.')} ${title.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(generated).toContain(`\n## ${title} — §${section}\n`);
  });
});
