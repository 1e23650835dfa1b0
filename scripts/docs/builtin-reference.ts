/**
 * The built-in reference as Markdown, rendered from the catalogue (STYLE R13, R6): one `##` section
 * per family in LANGUAGE.md order, one `###` section per built-in. Pure and deterministic: the
 * example results are computed beforehand (example-results.ts) and passed in.
 */
import type { Builtin, Value } from '../../lib/runtime';
import { BUILTIN_FAMILIES, type BuiltinFamily } from '../../lib/runtime/builtins';
import { codeSpan, formatSignature, formatValueLiteral } from './format';

/** The value each example expression evaluated to, keyed by the expression's text. */
export type ExampleResults = ReadonlyMap<string, Value>;

/**
 * The one-line note for a built-in whose NULL handling is not the §12 default (a NULL required
 * argument gives NULL), or null when the default applies.
 */
export function nullRuleNote(b: Builtin): string | null {
  if (b.nullRaises) {
    return 'a NULL required argument is a `validation_error` `INVALID_ARGUMENT`, not a NULL result.';
  }
  const required = b.params.filter((p) => !p.optional && !p.rest);
  // The dispatcher passes NULL through only for parameters typed exactly ANY (compile/calls.ts).
  if (required.length > 0 && required.every((p) => p.type === 'ANY')) {
    const names = required.map((p) => `\`${p.name}\``).join(', ');
    return `${names} ${required.length === 1 ? 'is' : 'are'} typed ANY, so NULL is passed to the function as an ordinary value instead of giving NULL.`;
  }
  return null;
}

function renderExamples(b: Builtin, results: ExampleResults): string[] {
  if (b.examples.length === 0) return [];
  const lines = b.examples.map(([expr]) => {
    if (!results.has(expr)) throw new Error(`bug: no result was computed for the ${b.name} example ${expr}`);
    return `- ${codeSpan(expr)} → ${codeSpan(formatValueLiteral(results.get(expr) ?? null))}`;
  });
  return [b.examples.length === 1 ? 'Example:' : 'Examples:', '', ...lines];
}

/** The `###` section of one built-in: signature, doc line, NULL note where it differs, examples. */
export function renderBuiltinSection(b: Builtin, results: ExampleResults): string {
  const parts = [`### ${b.name}`, codeSpan(formatSignature(b)), b.doc];
  const note = nullRuleNote(b);
  if (note) parts.push(`NULL rule: ${note}`);
  const examples = renderExamples(b, results);
  if (examples.length > 0) parts.push(examples.join('\n'));
  return parts.join('\n\n');
}

/**
 * Markdown for `builtins`, grouped by `families` (default: the catalogue's), each family titled as
 * its LANGUAGE.md section. Throws when a built-in belongs to no family, so none can go undocumented.
 */
export function renderBuiltinReference(
  builtins: readonly Builtin[],
  results: ExampleResults,
  families: readonly BuiltinFamily[] = BUILTIN_FAMILIES,
): string {
  const wanted = new Set(builtins);
  const placed = new Set(families.flatMap((f) => f.builtins));
  const orphan = builtins.find((b) => !placed.has(b));
  if (orphan) throw new Error(`bug: built-in ${orphan.name} belongs to no family in BUILTIN_FAMILIES`);
  const sections = families
    .map((f) => ({ family: f, members: f.builtins.filter((b) => wanted.has(b)) }))
    .filter(({ members }) => members.length > 0)
    .map(({ family, members }) => [
      `## ${family.title} — §${family.section}`,
      ...members.map((b) => renderBuiltinSection(b, results)),
    ].join('\n\n'));
  return sections.join('\n\n') + '\n';
}
