/**
 * Lowers a whole Lezer tree into a `Script` (LANGUAGE.md §3.1): one AST statement per top-level
 * statement node, in order, empty statements included (§18.2).
 */
import type { Tree } from '@lezer/common';
import type { Script, Statement } from '../ast';
import type { LowerContext } from './context';
import { lowerStatement } from './statements';

/** Lowers the top-level statements of `tree`; stray error nodes at the top level are skipped. */
export function lowerScript(ctx: LowerContext, tree: Tree): Script {
  const statements: Statement[] = [];
  for (let child = tree.topNode.firstChild; child; child = child.nextSibling) {
    if (child.type.isError) continue;
    const statement = lowerStatement(ctx, child);
    if (statement) statements.push(statement);
  }
  return { kind: 'Script', statements, span: { from: 0, to: ctx.source.length } };
}
