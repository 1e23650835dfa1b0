// Every conformance script (shared/conformance/lang) parses: syntax-error cases (exit 2) report the
// expected lines/columns in order; every other case parses with no diagnostics (§3.5).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineColumn, parseScript } from './index';

const dir = '/work/shared/conformance/lang';
const cases = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.es')).sort() : [];

interface ErrorEvent { event: string; error?: { line?: number; column?: number } }

describe.skipIf(cases.length === 0)('conformance scripts parse', () => {
  it.each(cases)('%s', (file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(dir, file.replace(/\.es$/, '.json')), 'utf8')) as {
      exit: number; events: ErrorEvent[];
    };
    const got = parseScript(source).diagnostics.map((d) => lineColumn(source, d.span.from));
    if (expected.exit !== 2) {
      expect(got).toEqual([]);
      return;
    }
    const want = expected.events.filter((e) => e.event === 'error').map((e) => e.error ?? {});
    expect(got.length).toBe(want.length);
    want.forEach((w, i) => {
      expect(got[i].line).toBe(w.line);
      if (w.column !== undefined) expect(got[i].column).toBe(w.column);
    });
  });
});

describe('seed notebook (shared/seeds/async-execution.md)', () => {
  const seed = fs.readFileSync('/work/shared/seeds/async-execution.md', 'utf8');
  const blocks = [...seed.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has programs', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it.each(blocks.filter((b) => !b.includes('procedure() |') && !b.includes('...')))('%s', (block) => {
    expect(parseScript(block).diagnostics).toEqual([]);
  });

  // The overview's placeholder `procedure()` uses a reserved word (§2.3) as a name: exactly one error
  // there, and the rest of the block parses.
  it('reports only the reserved placeholder in the syntax-overview block', () => {
    const overview = blocks.find((b) => b.includes('procedure() |')) ?? '';
    const found = parseScript(overview).diagnostics.map((d) => overview.slice(d.span.from, d.span.to));
    expect(found).toEqual(['procedure']);
  });
});
