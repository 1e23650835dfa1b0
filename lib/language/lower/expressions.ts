/**
 * Lowering of expressions (LANGUAGE.md §6, ladder of §6.1) from the Lezer tree into `Expr` nodes.
 * Parenthesized expressions disappear (their inner node is returned); a missing operand (after a
 * Lezer error) becomes a NullLiteral placeholder, since a script with errors never runs.
 */
import type { SyntaxNode } from '@lezer/common';
import type {
  BinaryOp, CallExpr, CursorAttribute, DocumentEntry, ExecutionOp, Expr, Identifier, Span,
} from '../ast';
import {
  type LowerContext, childNamed, childrenNamed, childrenOf, enterNesting, identifierOf, spanOf, syntaxError, textOf,
} from './context';
import { decodeEscapes, lowerNumber, lowerQuotedString } from './literals';

/** Grammar node names that are expressions. */
const expressionNodes: ReadonlySet<string> = new Set([
  'Number', 'String', 'TemplateString', 'TRUE', 'FALSE', 'NULL', 'VariableName', 'CallExpr',
  'CallKeywordExpr', 'ParenthesizedExpr', 'QueryExpr', 'ArrayLiteral', 'DocumentLiteral',
  'CursorAttribute', 'ExecutionExpr', 'MemberExpr', 'IndexExpr', 'UnaryExpr', 'MultiplicativeExpr',
  'AdditiveExpr', 'ConcatExpr', 'CoalesceExpr', 'CompareExpr', 'IsNullExpr', 'InExpr', 'NotExpr',
  'AndExpr', 'OrExpr', 'ConditionalExpr', 'LambdaExpr', 'SignedTimeout', 'InList',
]);

/** True when a grammar node is an expression. */
export function isExpressionNode(node: SyntaxNode): boolean {
  return expressionNodes.has(node.name);
}

/** The expression children of `node`, in order. */
export function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter(isExpressionNode);
}

/** A placeholder for an expression Lezer could not parse. */
export function missingExpr(span: Span): Expr {
  return { kind: 'NullLiteral', span };
}

/** Lowers the `index`-th expression child of `node`, or a placeholder at the end of `node`. */
export function lowerChildExpr(ctx: LowerContext, node: SyntaxNode, index = 0): Expr {
  const child = expressionChildren(node)[index];
  return child ? lowerExpr(ctx, child) : missingExpr({ from: node.to, to: node.to });
}

function binary(ctx: LowerContext, node: SyntaxNode, opNode: SyntaxNode | null, op: BinaryOp): Expr {
  const operands = expressionChildren(node);
  const opSpan = opNode ? spanOf(opNode) : { from: node.from, to: node.from };
  return {
    kind: 'BinaryExpr',
    op,
    opSpan,
    left: operands[0] ? lowerExpr(ctx, operands[0]) : missingExpr(opSpan),
    right: operands[1] ? lowerExpr(ctx, operands[1]) : missingExpr({ from: node.to, to: node.to }),
    span: spanOf(node),
  };
}

/** Lowers any expression node (§6); past `MAX_NESTING` levels it reports once and yields a placeholder. */
export function lowerExpr(ctx: LowerContext, node: SyntaxNode): Expr {
  if (!enterNesting(ctx, node)) return missingExpr(spanOf(node));
  try {
    return lowerExprNode(ctx, node);
  } finally {
    ctx.depth--;
  }
}

function lowerExprNode(ctx: LowerContext, node: SyntaxNode): Expr {
  const span = spanOf(node);
  switch (node.name) {
    case 'Number':
      return lowerNumber(ctx, node);
    case 'String':
      return { kind: 'StringLiteral', value: lowerQuotedString(ctx, node), span };
    case 'TemplateString':
      return lowerTemplate(ctx, node);
    case 'TRUE':
      return { kind: 'BooleanLiteral', value: true, span };
    case 'FALSE':
      return { kind: 'BooleanLiteral', value: false, span };
    case 'NULL':
      return { kind: 'NullLiteral', span };
    case 'VariableName':
      return { kind: 'VariableName', name: textOf(ctx, node), span };
    case 'CallExpr':
      return lowerCall(ctx, node);
    case 'CallKeywordExpr': {
      const call = childNamed(node, 'CallExpr');
      return call ? { ...lowerCall(ctx, call), span } : missingExpr(span);
    }
    case 'ParenthesizedExpr':
      return lowerChildExpr(ctx, node);
    case 'QueryExpr': {
      const query = childNamed(node, 'EsqlParenQuery');
      const querySpan = query ? spanOf(query) : { from: node.from, to: node.from };
      return { kind: 'QueryExpr', query: query ? textOf(ctx, query) : '', querySpan, span };
    }
    case 'ArrayLiteral':
      return { kind: 'ArrayLiteral', elements: expressionChildren(node).map((e) => lowerExpr(ctx, e)), span };
    case 'DocumentLiteral':
      return { kind: 'DocumentLiteral', entries: lowerDocumentEntries(ctx, node), span };
    case 'CursorAttribute':
      return lowerCursorAttribute(ctx, node);
    case 'ExecutionExpr':
      return lowerExecution(ctx, node);
    case 'MemberExpr': {
      const object = lowerChildExpr(ctx, node);
      const opNode = childNamed(node, '.') ?? childNamed(node, '?.');
      const key = childNamed(node, 'PropertyName');
      return {
        kind: 'MemberExpr',
        object,
        key: key ? textOf(ctx, key) : '',
        optional: opNode?.name === '?.',
        opSpan: opNode ? spanOf(opNode) : span,
        span,
      };
    }
    case 'IndexExpr': {
      const [objectNode, indexNode] = expressionChildren(node);
      const opNode = childNamed(node, '[');
      return {
        kind: 'IndexExpr',
        object: objectNode ? lowerExpr(ctx, objectNode) : missingExpr(span),
        index: indexNode ? lowerExpr(ctx, indexNode) : missingExpr({ from: node.to, to: node.to }),
        opSpan: opNode ? spanOf(opNode) : span,
        span,
      };
    }
    case 'UnaryExpr':
    case 'SignedTimeout': {
      const opNode = childNamed(node, 'AddOp') ?? childNamed(node, '!');
      const opText = opNode ? textOf(ctx, opNode) : '-';
      const operand = lowerChildExpr(ctx, node);
      if (opText === '+') return operand;
      return { kind: 'UnaryExpr', op: opText === '!' ? '!' : '-', opSpan: opNode ? spanOf(opNode) : span, operand, span };
    }
    case 'NotExpr': {
      const opNode = childNamed(node, 'NOT');
      return { kind: 'UnaryExpr', op: 'NOT', opSpan: opNode ? spanOf(opNode) : span, operand: lowerChildExpr(ctx, node), span };
    }
    case 'MultiplicativeExpr':
    case 'AdditiveExpr':
    case 'CompareExpr': {
      const opNode = childNamed(node, node.name === 'CompareExpr' ? 'CompareOp' : node.name === 'AdditiveExpr' ? 'AddOp' : 'MulOp');
      return binary(ctx, node, opNode, (opNode ? textOf(ctx, opNode) : '+') as BinaryOp);
    }
    case 'ConcatExpr':
      return binary(ctx, node, childNamed(node, '||'), '||');
    case 'CoalesceExpr':
      return binary(ctx, node, childNamed(node, '??'), '??');
    case 'AndExpr':
      return binary(ctx, node, childNamed(node, 'AND'), 'AND');
    case 'OrExpr':
      return binary(ctx, node, childNamed(node, 'OR'), 'OR');
    case 'IsNullExpr': {
      const isNode = childNamed(node, 'IS');
      const nullNode = childNamed(node, 'NULL');
      const opSpan = { from: isNode?.from ?? node.from, to: nullNode?.to ?? node.to };
      return { kind: 'IsNullExpr', operand: lowerChildExpr(ctx, node), negated: childNamed(node, 'NOT') !== null, opSpan, span };
    }
    case 'InExpr':
      return lowerIn(ctx, node);
    case 'ConditionalExpr': {
      const [test, then, otherwise] = expressionChildren(node);
      const end = { from: node.to, to: node.to };
      return {
        kind: 'ConditionalExpr',
        test: test ? lowerExpr(ctx, test) : missingExpr(span),
        then: then ? lowerExpr(ctx, then) : missingExpr(end),
        else: otherwise ? lowerExpr(ctx, otherwise) : missingExpr(end),
        span,
      };
    }
    case 'LambdaExpr': {
      const paramsNode = childNamed(node, 'LambdaParams');
      const params: Identifier[] = paramsNode
        ? childrenNamed(paramsNode, 'VariableDefinition').map((p) => identifierOf(ctx, p, spanOf(p)))
        : [];
      return { kind: 'LambdaExpr', params, body: lowerChildExpr(ctx, node), span };
    }
    default:
      return missingExpr(span);
  }
}

/** Lowers `name(args)`; the callee span is the error site of call errors (§8.6). */
export function lowerCall(ctx: LowerContext, node: SyntaxNode): CallExpr {
  const span = spanOf(node);
  const callee = identifierOf(ctx, childNamed(node, 'Callee'), { from: node.from, to: node.from });
  const argList = childNamed(node, 'ArgList');
  const args = argList ? expressionChildren(argList).map((a) => lowerExpr(ctx, a)) : [];
  return { kind: 'CallExpr', callee, args, span };
}

function lowerIn(ctx: LowerContext, node: SyntaxNode): Expr {
  const span = spanOf(node);
  const notNode = childNamed(node, 'NOT');
  const inNode = childNamed(node, 'IN');
  const opSpan = { from: notNode?.from ?? inNode?.from ?? node.from, to: inNode?.to ?? node.to };
  const [operandNode, rightNode] = expressionChildren(node);
  const operand = operandNode ? lowerExpr(ctx, operandNode) : missingExpr(span);
  const base = { kind: 'InExpr' as const, operand, negated: notNode !== null, opSpan, span };
  if (!rightNode) return { ...base, list: [], array: null };
  // §6.5: a parenthesised list is always a list, even with one element.
  if (rightNode.name === 'InList' || rightNode.name === 'ParenthesizedExpr') {
    return { ...base, list: expressionChildren(rightNode).map((e) => lowerExpr(ctx, e)), array: null };
  }
  return { ...base, list: null, array: lowerExpr(ctx, rightNode) };
}

function lowerCursorAttribute(ctx: LowerContext, node: SyntaxNode): CursorAttribute {
  const nameNode = childNamed(node, 'VariableName');
  const attrNode = childNamed(node, 'CursorAttr');
  const attribute = (attrNode ? textOf(ctx, attrNode).slice(1).toUpperCase() : 'FOUND') as CursorAttribute['attribute'];
  return { kind: 'CursorAttribute', cursor: identifierOf(ctx, nameNode, spanOf(node)), attribute, span: spanOf(node) };
}

function lowerExecution(ctx: LowerContext, node: SyntaxNode): Expr {
  const span = spanOf(node);
  const keyword = childNamed(node, 'EXECUTION');
  const opNode = childNamed(node, 'ExecutionOp');
  const opWord = opNode?.firstChild ? textOf(ctx, opNode.firstChild).toUpperCase() : 'STATUS';
  const timeoutNode = opNode ? expressionChildren(opNode)[0] : undefined;
  return {
    kind: 'ExecutionExpr',
    target: lowerChildExpr(ctx, node),
    op: opWord as ExecutionOp,
    waitTimeout: timeoutNode ? lowerExpr(ctx, timeoutNode) : null,
    keywordSpan: keyword ? spanOf(keyword) : span,
    span,
  };
}

/** Lowers a double-quoted string (§2.8, §2.9): a StringLiteral without `${…}`, else a TemplateString. */
function lowerTemplate(ctx: LowerContext, node: SyntaxNode): Expr {
  const span = spanOf(node);
  const parts: (string | Expr)[] = [];
  let text = '';
  let interpolated = false;
  for (const child of childrenOf(node)) {
    if (child.name === 'StringContent') {
      text += decodeEscapes(ctx, textOf(ctx, child), child.from);
    } else if (child.name === 'Interpolation') {
      interpolated = true;
      const inner = expressionChildren(child)[0];
      if (!inner) {
        const start = childNamed(child, 'InterpolationStart');
        syntaxError(ctx, start ? spanOf(start) : spanOf(child), 'empty interpolation `${}`: write an expression inside');
        continue;
      }
      if (text) parts.push(text);
      text = '';
      parts.push(lowerExpr(ctx, inner));
    }
  }
  if (!interpolated) return { kind: 'StringLiteral', value: text, span };
  if (text) parts.push(text);
  return { kind: 'TemplateString', parts, span };
}

function lowerDocumentEntries(ctx: LowerContext, node: SyntaxNode): DocumentEntry[] {
  const entries: DocumentEntry[] = [];
  for (const entry of childrenNamed(node, 'DocumentEntry')) {
    const keyNode = entry.firstChild;
    const valueNode = expressionChildren(entry).find((c) => c !== keyNode && c.from > (keyNode?.from ?? -1));
    const value = valueNode ? lowerExpr(ctx, valueNode) : missingExpr({ from: entry.to, to: entry.to });
    if (!keyNode || keyNode.type.isError) continue;
    let key = textOf(ctx, keyNode);
    if (keyNode.name === 'String') key = lowerQuotedString(ctx, keyNode);
    else if (keyNode.name === 'TemplateString') {
      const lowered = lowerTemplate(ctx, keyNode);
      if (lowered.kind === 'StringLiteral') key = lowered.value;
      else syntaxError(ctx, spanOf(keyNode), 'a document key cannot be an interpolated string');
    }
    entries.push({ key, keySpan: spanOf(keyNode), value });
  }
  return entries;
}
