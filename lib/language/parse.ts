/**
 * `parseScript` (LANGUAGE.md §3.5): parse with the Lezer grammar, lower to the typed AST, and collect
 * every syntax error (Lezer errors, lexical errors found while lowering, the context rules of §3.4
 * checked by check.ts) in source order. Never throws on user input.
 */
import { parser } from '../../grammar/parser';
import type { Diagnostic, Script } from './ast';
import { checkScript, type CheckOptions } from './check';
import { createContext } from './lower/context';
import { lowerScript } from './lower/script';
import { treeSyntaxErrors } from './syntax-errors';

/**
 * Parses a whole script. Two §3.4 rules need the built-in list, which lives in the runtime: pass
 * `options.isBuiltin` (the runtime's `parseEscript` does) or those two checks stay silent.
 */
export function parseScript(source: string, options: CheckOptions = {}): { script: Script; diagnostics: Diagnostic[] } {
  const tree = parser.parse(source);
  const ctx = createContext(source);
  const script = lowerScript(ctx, tree);
  const treeErrors = treeSyntaxErrors(source, tree);
  // Lowering and context checks see the recovered tree: inside a skipped range they would report
  // a second error for a construct that already has one.
  const isSkipped = (d: Diagnostic): boolean =>
    treeErrors.skipped.some((r) => d.span.from >= r.from && d.span.from < r.to);
  const later = [...ctx.diagnostics, ...checkScript(source, script, options)].filter((d) => !isSkipped(d));
  const all = [...treeErrors.diagnostics, ...later];
  return { script, diagnostics: dedupe(all) };
}

/** Sorts by position and drops a second diagnostic reported at the same offset. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => a.d.span.from - b.d.span.from || a.index - b.index)
    .map((x) => x.d);
  return sorted.filter((d, i) => i === 0 || d.span.from !== sorted[i - 1].span.from);
}
