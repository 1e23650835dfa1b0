/**
 * Shared state and Lezer helpers for lowering the tree into the AST (LANGUAGE.md §3.4). Lowering
 * never throws on user input: malformed parts become placeholder nodes, and the problems that are
 * not Lezer error nodes (bad escapes, bad numbers, unknown types…) are collected as diagnostics.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Diagnostic, Identifier, Span } from '../ast';

/** What every lowering function receives: the source text and the diagnostics collected so far. */
export interface LowerContext {
  source: string;
  diagnostics: Diagnostic[];
  /** Statements and expressions being lowered around the current node (see `enterNesting`). */
  depth: number;
  /** True once the nesting error was reported: one is enough for a whole script. */
  isTooDeepReported: boolean;
}

/**
 * How deeply statements and expressions may nest. Lowering, checking and the compiled runtime all
 * recurse once per level, so a deeper script would overflow the call stack instead of reporting an
 * error. No real script comes near it; left-associative chains (`a + b + …`) count one per operator.
 */
export const MAX_NESTING = 500;

/** Creates a fresh lowering context for `source`. */
export function createContext(source: string): LowerContext {
  return { source, diagnostics: [], depth: 0, isTooDeepReported: false };
}

/**
 * Enters one nesting level for `node`; false (and, the first time, a `SYNTAX_ERROR` at the node) when
 * the script nests deeper than `MAX_NESTING`. The caller leaves with `ctx.depth--` after a true.
 */
export function enterNesting(ctx: LowerContext, node: SyntaxNode): boolean {
  if (ctx.depth >= MAX_NESTING) {
    if (!ctx.isTooDeepReported) {
      syntaxError(ctx, { from: node.from, to: node.from + 1 }, `statements and expressions nest too deeply (more than ${MAX_NESTING} levels)`);
      ctx.isTooDeepReported = true;
    }
    return false;
  }
  ctx.depth++;
  return true;
}

/** The `{from, to}` span of a node. */
export function spanOf(node: SyntaxNode): Span {
  return { from: node.from, to: node.to };
}

/** The source text a node covers. */
export function textOf(ctx: LowerContext, node: SyntaxNode): string {
  return ctx.source.slice(node.from, node.to);
}

/** Records a `SYNTAX_ERROR` diagnostic (§3.5) at `span`. */
export function syntaxError(ctx: LowerContext, span: Span, message: string): void {
  ctx.diagnostics.push({ severity: 'error', code: 'SYNTAX_ERROR', message, span });
}

/** The direct children of `node` that are not error nodes, in order. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!child.type.isError) out.push(child);
  }
  return out;
}

/** The first direct child named `name`, or null. */
export function childNamed(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === name) return child;
  }
  return null;
}

/** Every direct child named `name`. */
export function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  return childrenOf(node).filter((child) => child.name === name);
}

/** An `Identifier` for a name-holding node (VariableName, VariableDefinition, Callee, RoutineName…). */
export function identifierOf(ctx: LowerContext, node: SyntaxNode | null, fallback: Span): Identifier {
  if (!node) return { name: '', span: fallback };
  const word = node.getChild('Identifier') ?? node;
  return { name: textOf(ctx, word), span: spanOf(word) };
}
