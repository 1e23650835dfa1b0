/**
 * Lowering of literal tokens: numbers (§2.7) and the escapes of string literals (§2.8). Lexical
 * errors are reported at the normative spot (§18.6): the `.` of `5.` / `.5`, the backslash of an
 * unknown escape; the literal still yields a value so lowering can continue.
 */
import type { SyntaxNode } from '@lezer/common';
import type { NumberLiteral, Span } from '../ast';
import { type LowerContext, spanOf, syntaxError, textOf } from './context';

/** Lowers a `Number` token, reporting `.5`, `5.` and non-finite literals such as `1e400`. */
export function lowerNumber(ctx: LowerContext, node: SyntaxNode): NumberLiteral {
  const text = textOf(ctx, node);
  const span = spanOf(node);
  if (text.startsWith('.')) {
    syntaxError(ctx, { from: node.from, to: node.from + 1 }, 'a number cannot start with `.`; write `0' + text + '`');
  } else if (/\.(?![0-9])/.test(text)) {
    const dot = node.from + text.indexOf('.');
    syntaxError(ctx, { from: dot, to: dot + 1 }, 'a number cannot end with `.`; write `' + text.replace('.', '.0') + '`');
  }
  const value = Number(text.replace(/\.(?![0-9])/, ''));
  if (!Number.isFinite(value)) {
    syntaxError(ctx, span, `number literal \`${text}\` is out of range`);
    return { kind: 'NumberLiteral', value: 0, span };
  }
  return { kind: 'NumberLiteral', value, span };
}

const simpleEscapes: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', $: '$',
};

/**
 * Decodes the escapes of a piece of string text that starts at source offset `from` (§2.8).
 * An unknown escape is reported at its backslash and kept as written.
 */
export function decodeEscapes(ctx: LowerContext, raw: string, from: number): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[i + 1] ?? '';
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(raw.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      // A backslash that ends the text (an unterminated string) is a site of its own.
      const site: Span = { from: from + i, to: from + i + 1 + next.length };
      const shown = next === 'u' ? '\\u' : '\\' + next;
      syntaxError(
        ctx,
        site,
        next === 'u'
          ? '`\\u` must be followed by exactly four hex digits'
          : `unknown escape \`${shown}\`; valid escapes are \\n \\t \\r \\\\ \\' \\" \\$ \\uXXXX`,
      );
      out += next;
      i++;
    }
  }
  return out;
}

/** The value of a single-quoted `String` token (quotes removed, escapes decoded). */
export function lowerQuotedString(ctx: LowerContext, node: SyntaxNode): string {
  const text = textOf(ctx, node);
  return decodeEscapes(ctx, text.slice(1, text.length - 1), node.from + 1);
}
