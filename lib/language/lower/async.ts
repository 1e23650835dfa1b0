/**
 * Lowering of async calls, PARALLEL and their pipes (LANGUAGE.md §13.2–§13.4, §13.6). Which pipes
 * are allowed where is checked later by check.ts; lowering keeps every pipe as written.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AsyncCallStatement, Handler, HandlerArg, ParallelStatement, Pipe } from '../ast';
import { type LowerContext, childNamed, childrenNamed, childrenOf, identifierOf, spanOf, syntaxError, textOf } from './context';
import { isExpressionNode, lowerCall, lowerChildExpr, lowerExpr } from './expressions';

const bindings = new Set(['result', 'results', 'error', 'execution']);

function lowerHandler(ctx: LowerContext, node: SyntaxNode): Handler {
  const args: HandlerArg[] = [];
  const argsNode = childNamed(node, 'HandlerArgs');
  for (const child of argsNode ? childrenOf(argsNode) : []) {
    if (child.name === 'Binding') {
      const name = textOf(ctx, child).slice(1);
      if (!bindings.has(name)) {
        syntaxError(ctx, spanOf(child), `unknown binding \`@${name}\`; expected @result, @results, @error or @execution`);
        continue;
      }
      args.push({ kind: 'Binding', binding: name as 'result', span: spanOf(child) });
    } else if (isExpressionNode(child)) {
      args.push({ kind: 'Value', value: lowerExpr(ctx, child) });
    }
  }
  return { name: identifierOf(ctx, childNamed(node, 'Callee'), spanOf(node)), args, span: spanOf(node) };
}

function lowerPipe(ctx: LowerContext, node: SyntaxNode): Pipe | null {
  const span = spanOf(node);
  const handlerPipe = childNamed(node, 'HandlerPipe');
  if (handlerPipe) {
    const phaseNode = childNamed(handlerPipe, 'PipePhase');
    const handlerNode = childNamed(handlerPipe, 'Handler');
    if (!phaseNode || !handlerNode) return null;
    const phase = textOf(ctx, phaseNode).toUpperCase() as 'ON_DONE';
    return { kind: 'HandlerPipe', phase, handler: lowerHandler(ctx, handlerNode), span };
  }
  const track = childNamed(node, 'TrackPipe');
  if (track) return { kind: 'TrackPipe', name: lowerChildExpr(ctx, track), span };
  const timeout = childNamed(node, 'TimeoutPipe');
  if (timeout) return { kind: 'TimeoutPipe', seconds: lowerChildExpr(ctx, timeout), span };
  return null;
}

function lowerPipes(ctx: LowerContext, node: SyntaxNode): Pipe[] {
  return childrenNamed(node, 'Pipe').map((p) => lowerPipe(ctx, p)).filter((p): p is Pipe => p !== null);
}

/** Lowers `p(args) | pipe …;` (§13.2). */
export function lowerAsyncCall(ctx: LowerContext, node: SyntaxNode): AsyncCallStatement {
  const callNode = childNamed(node, 'CallExpr');
  const call = callNode
    ? lowerCall(ctx, callNode)
    : { kind: 'CallExpr' as const, callee: { name: '', span: spanOf(node) }, args: [], span: spanOf(node) };
  return { kind: 'AsyncCallStatement', call, pipes: lowerPipes(ctx, node), span: spanOf(node) };
}

/** Lowers `PARALLEL [p1(), …] | ppipe …;` (§13.6). */
export function lowerParallel(ctx: LowerContext, node: SyntaxNode): ParallelStatement {
  const keyword = childNamed(node, 'PARALLEL');
  return {
    kind: 'ParallelStatement',
    branches: childrenNamed(node, 'CallExpr').map((c) => lowerCall(ctx, c)),
    pipes: lowerPipes(ctx, node),
    keywordSpan: keyword ? spanOf(keyword) : spanOf(node),
    span: spanOf(node),
  };
}
