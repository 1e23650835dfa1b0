/**
 * Markdown fragments of the generated built-in reference: signatures in the notation of
 * LANGUAGE.md §11/§12, values in its example notation ("Values are written as script literals"),
 * and code spans that survive any content.
 */
import { renderValue, type Builtin, type Value } from '../../lib/runtime';

/**
 * `NAME(p T, q T [, r T [, s T]]) → R`: optional parameters nest as in §12 (`ARRAY_SORT`), and a
 * repeating parameter reads `[, more T …]`. Throws when a required parameter follows an optional
 * one, which the dispatcher's arity count (min = required, max = all) could not express.
 */
export function formatSignature(b: Builtin): string {
  let list = '';
  let open = 0;
  b.params.forEach((p, i) => {
    const text = `${p.name} ${p.type}${p.rest ? ' …' : ''}`;
    if (p.optional || p.rest) {
      list += i === 0 ? `[${text}` : ` [, ${text}`;
      open++;
    } else {
      if (open > 0) throw new Error(`bug: ${b.name}: required parameter '${p.name}' follows an optional one`);
      list += (i === 0 ? '' : ', ') + text;
    }
  });
  return `${b.name}(${list}${']'.repeat(open)}) → ${b.returns}`;
}

const STRING_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value as the reference writes results: a single-quoted string with §2.8 escapes, NULL, TRUE,
 * FALSE, a number as rendered (§5), a DATE as its ISO rendering, and arrays and documents as JSON.
 */
export function formatValueLiteral(v: Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return `'${v.replace(/[\\'\n\r\t]/g, (c) => STRING_ESCAPES[c])}'`;
  // §5 renders a DATE as bare ISO and an ARRAY or DOCUMENT as compact JSON, the notation wanted here.
  return renderValue(v);
}

/** `text` as one Markdown code span, with a fence longer than any backtick run inside it (CommonMark §6.1). */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return fence + pad + text + pad + fence;
}
