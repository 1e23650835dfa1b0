/**
 * Lowering of statements (LANGUAGE.md §3.4, §7, §8.4, §10): simple and compound statements, bodies,
 * and the top-level definition and catalogue statements (§9). Spans include the terminator.
 */
import type { SyntaxNode } from '@lezer/common';
import type {
  CatchClause, Expr, IfBranch, Parameter, PrintLevel, SetStep, Span, Statement, SwitchCase, TypeRef,
  VariableDeclarator,
} from '../ast';
import { lowerAsyncCall, lowerParallel } from './async';
import { type LowerContext, childNamed, childrenNamed, childrenOf, enterNesting, identifierOf, spanOf, textOf } from './context';
import { expressionChildren, isExpressionNode, lowerCall, lowerChildExpr, lowerExpr, missingExpr } from './expressions';
import { lowerType } from './types';

const anyType = (span: Span): TypeRef => ({ kind: 'ScalarType', name: 'ANY', text: 'ANY', span });

/** Lowers the statements of a `Body` node (or nothing when the body is missing). */
export function lowerBody(ctx: LowerContext, node: SyntaxNode | null): Statement[] {
  if (!node) return [];
  const out: Statement[] = [];
  for (const child of childrenOf(node)) {
    const statement = lowerStatement(ctx, child);
    if (statement) out.push(statement);
  }
  return out;
}

function keywordSpan(node: SyntaxNode, keyword: string): Span {
  const word = childNamed(node, keyword);
  return word ? spanOf(word) : { from: node.from, to: node.from };
}

function lowerParams(ctx: LowerContext, node: SyntaxNode | null): Parameter[] {
  if (!node) return [];
  return childrenNamed(node, 'Parameter').map((p) => {
    const typeNode = childNamed(p, 'Type');
    return {
      name: identifierOf(ctx, childNamed(p, 'VariableDefinition'), spanOf(p)),
      type: typeNode ? lowerType(ctx, typeNode) : anyType(spanOf(p)),
      span: spanOf(p),
    };
  });
}

function lowerReturns(ctx: LowerContext, node: SyntaxNode): TypeRef | null {
  const returns = childNamed(node, 'Returns');
  const typeNode = returns ? childNamed(returns, 'Type') : null;
  return typeNode ? lowerType(ctx, typeNode) : null;
}

function declarator(ctx: LowerContext, node: SyntaxNode): VariableDeclarator {
  const typeNode = childNamed(node, 'Type');
  const init = expressionChildren(node)[0];
  return {
    name: identifierOf(ctx, childNamed(node, 'VariableDefinition'), spanOf(node)),
    type: typeNode ? lowerType(ctx, typeNode) : null,
    init: init ? lowerExpr(ctx, init) : null,
    span: spanOf(node),
  };
}

function queryOf(ctx: LowerContext, node: SyntaxNode): { query: string; querySpan: Span } {
  const query = childNamed(node, 'EsqlQuery');
  return query
    ? { query: textOf(ctx, query), querySpan: spanOf(query) }
    : { query: '', querySpan: { from: node.to, to: node.to } };
}

function lowerSetTarget(ctx: LowerContext, node: SyntaxNode | null, fallback: Span): { target: SetStatementTarget; path: SetStep[] } {
  if (!node) return { target: { name: '', span: fallback }, path: [] };
  const path: SetStep[] = [];
  let pendingDot: SyntaxNode | null = null;
  let pendingBracket: SyntaxNode | null = null;
  for (const child of childrenOf(node)) {
    if (child.name === '.') pendingDot = child;
    else if (child.name === '[') pendingBracket = child;
    else if (child.name === 'PropertyName') {
      path.push({ kind: 'key', key: textOf(ctx, child), span: { from: pendingDot?.from ?? child.from, to: child.to } });
      pendingDot = null;
    } else if (child.name === ']') {
      // The step ends at its `]`; recovery may leave it out, and then the step ends with its index.
      const last = path[path.length - 1];
      if (pendingBracket && last?.kind === 'index') last.span = { from: last.span.from, to: child.to };
      pendingBracket = null;
    } else if (pendingBracket || child.name !== 'VariableName') {
      // Inside `[ ]` any expression is an index, a plain variable included (`SET a[i] = x`).
      path.push({ kind: 'index', index: lowerExpr(ctx, child), span: { from: pendingBracket?.from ?? child.from, to: child.to } });
    }
  }
  return { target: identifierOf(ctx, childNamed(node, 'VariableName'), fallback), path };
}

type SetStatementTarget = { name: string; span: Span };

/**
 * Lowers one statement node; returns null for nodes that are not statements (stray tokens). Past
 * `MAX_NESTING` levels it reports once and yields an empty statement.
 */
export function lowerStatement(ctx: LowerContext, node: SyntaxNode): Statement | null {
  if (!enterNesting(ctx, node)) return { kind: 'EmptyStatement', span: spanOf(node) };
  try {
    return lowerStatementNode(ctx, node);
  } finally {
    ctx.depth--;
  }
}

function lowerStatementNode(ctx: LowerContext, node: SyntaxNode): Statement | null {
  const span = spanOf(node);
  switch (node.name) {
    case 'EmptyStatement':
      return { kind: 'EmptyStatement', span };
    case 'DeclareStatement':
      return { kind: 'DeclareStatement', keyword: 'DECLARE', declarations: childrenNamed(node, 'Declarator').map((d) => declarator(ctx, d)), span };
    case 'VarStatement':
      return { kind: 'DeclareStatement', keyword: 'VAR', declarations: childrenNamed(node, 'VarDeclarator').map((d) => declarator(ctx, d)), span };
    case 'ConstStatement':
      return { kind: 'DeclareStatement', keyword: 'CONST', declarations: childrenNamed(node, 'ConstDeclarator').map((d) => declarator(ctx, d)), span };
    case 'CursorDeclaration':
      return { kind: 'CursorDeclaration', name: identifierOf(ctx, childNamed(node, 'VariableDefinition'), span), ...queryOf(ctx, node), span };
    case 'TypedQueryDeclaration': {
      const typeNode = childNamed(node, 'Type');
      return {
        kind: 'TypedQueryDeclaration',
        name: identifierOf(ctx, childNamed(node, 'VariableDefinition'), span),
        type: typeNode ? lowerType(ctx, typeNode) : anyType(span),
        ...queryOf(ctx, node),
        span,
      };
    }
    case 'SetStatement': {
      const { target, path } = lowerSetTarget(ctx, childNamed(node, 'SetTarget'), span);
      return { kind: 'SetStatement', target, path, value: lowerChildExpr(ctx, node), span };
    }
    case 'PrintStatement': {
      const levelNode = childNamed(node, 'PrintLevel');
      const level = (levelNode ? textOf(ctx, levelNode).toUpperCase() : 'INFO') as PrintLevel;
      return { kind: 'PrintStatement', value: lowerChildExpr(ctx, node), level, span };
    }
    case 'ReturnStatement': {
      const value = expressionChildren(node)[0];
      return { kind: 'ReturnStatement', value: value ? lowerExpr(ctx, value) : null, keywordSpan: keywordSpan(node, 'RETURN'), span };
    }
    case 'ThrowStatement': {
      const [value, code] = expressionChildren(node);
      const keyword = childNamed(node, 'THROW') ?? childNamed(node, 'RAISE');
      return {
        kind: 'ThrowStatement',
        value: value ? lowerExpr(ctx, value) : missingExpr(span),
        code: code ? lowerExpr(ctx, code) : null,
        keywordSpan: keyword ? spanOf(keyword) : span,
        span,
      };
    }
    case 'BreakStatement':
      return { kind: 'BreakStatement', span };
    case 'ContinueStatement':
      return { kind: 'ContinueStatement', span };
    case 'ExitStatement': {
      const when = expressionChildren(node)[0];
      return { kind: 'ExitStatement', when: when ? lowerExpr(ctx, when) : null, span };
    }
    case 'OpenStatement':
    case 'CloseStatement':
      return {
        kind: node.name,
        cursor: identifierOf(ctx, childNamed(node, 'VariableName'), span),
        keywordSpan: keywordSpan(node, node.name === 'OpenStatement' ? 'OPEN' : 'CLOSE'),
        span,
      };
    case 'FetchStatement': {
      let cursor: SyntaxNode | null = null;
      let into: SyntaxNode | null = null;
      let limit: SyntaxNode | null = null;
      let seen: 'start' | 'limit' | 'into' = 'start';
      for (const child of childrenOf(node)) {
        if (child.name === 'LIMIT') seen = 'limit';
        else if (child.name === 'INTO') seen = 'into';
        else if (seen === 'start' && child.name === 'VariableName') cursor ??= child;
        else if (seen === 'limit' && isExpressionNode(child)) limit ??= child;
        else if (seen === 'into' && child.name === 'VariableName') into ??= child;
      }
      return {
        kind: 'FetchStatement',
        cursor: identifierOf(ctx, cursor, span),
        limit: limit ? lowerExpr(ctx, limit) : null,
        into: identifierOf(ctx, into, { from: node.to, to: node.to }),
        keywordSpan: keywordSpan(node, 'FETCH'),
        span,
      };
    }
    case 'AsyncCallStatement':
      return lowerAsyncCall(ctx, node);
    case 'ParallelStatement':
      return lowerParallel(ctx, node);
    case 'QueryStatement':
      return { kind: 'QueryStatement', ...queryOf(ctx, node), span };
    case 'ExpressionStatement': {
      const exprNode = expressionChildren(node)[0];
      if (exprNode?.name === 'CallKeywordExpr') {
        const call = childNamed(exprNode, 'CallExpr');
        if (call) return { kind: 'CallStatement', call: { ...lowerCall(ctx, call), span: spanOf(exprNode) }, span };
      }
      return { kind: 'ExpressionStatement', expression: exprNode ? lowerExpr(ctx, exprNode) : missingExpr(span), span };
    }
    case 'IfStatement':
      return lowerIf(ctx, node);
    case 'ForStatement':
      return lowerFor(ctx, node);
    case 'WhileStatement':
      return { kind: 'WhileStatement', test: lowerChildExpr(ctx, node), body: lowerBody(ctx, childNamed(node, 'Body')), span };
    case 'LoopStatement':
      return { kind: 'LoopStatement', body: lowerBody(ctx, childNamed(node, 'Body')), span };
    case 'SwitchStatement': {
      const cases: SwitchCase[] = childrenNamed(node, 'SwitchCase').map((c) => ({
        values: expressionChildren(c).map((v) => lowerExpr(ctx, v)),
        body: lowerBody(ctx, childNamed(c, 'Body')),
        span: spanOf(c),
      }));
      const defaultNode = childNamed(node, 'DefaultClause');
      return {
        kind: 'SwitchStatement',
        subject: lowerChildExpr(ctx, node),
        cases,
        defaultBody: defaultNode ? lowerBody(ctx, childNamed(defaultNode, 'Body')) : null,
        span,
      };
    }
    case 'TryStatement': {
      const catches: CatchClause[] = childrenNamed(node, 'CatchClause').map((c) => {
        const typeNode = childNamed(c, 'ErrorTypeName');
        return { errorType: typeNode ? textOf(ctx, typeNode).toLowerCase() : null, body: lowerBody(ctx, childNamed(c, 'Body')), span: spanOf(c) };
      });
      const finallyNode = childNamed(node, 'FinallyClause');
      return {
        kind: 'TryStatement',
        body: lowerBody(ctx, childNamed(node, 'Body')),
        catches,
        finallyBody: finallyNode ? lowerBody(ctx, childNamed(finallyNode, 'Body')) : null,
        span,
      };
    }
    case 'FunctionDeclaration':
      return {
        kind: 'FunctionDeclaration',
        name: identifierOf(ctx, childNamed(node, 'RoutineName'), span),
        params: lowerParams(ctx, childNamed(node, 'ParamList')),
        returns: lowerReturns(ctx, node),
        body: lowerBody(ctx, childNamed(node, 'Body')),
        span,
      };
    case 'CreateRoutineStatement':
      return lowerCreate(ctx, node);
    case 'DropRoutineStatement':
      return {
        kind: 'DropRoutineStatement',
        routineKind: childNamed(node, 'FUNCTION') ? 'function' : 'procedure',
        name: identifierOf(ctx, childNamed(node, 'RoutineName'), span),
        span,
      };
    case 'ShowStatement': {
      const nameNode = childNamed(node, 'RoutineName');
      const what = childNamed(node, 'PROCEDURES') ? 'PROCEDURES'
        : childNamed(node, 'FUNCTIONS') ? 'FUNCTIONS'
        : childNamed(node, 'FUNCTION') ? 'FUNCTION' : 'PROCEDURE';
      return { kind: 'ShowStatement', what, name: nameNode ? identifierOf(ctx, nameNode, span) : null, span };
    }
    default:
      return null;
  }
}

function lowerIf(ctx: LowerContext, node: SyntaxNode): Statement {
  const branches: IfBranch[] = [];
  const firstBody = childNamed(node, 'Body');
  branches.push({
    test: lowerChildExpr(ctx, node),
    body: lowerBody(ctx, firstBody),
    span: { from: node.from, to: firstBody?.to ?? node.to },
  });
  for (const clause of childrenNamed(node, 'ElseIfClause')) {
    branches.push({ test: lowerChildExpr(ctx, clause), body: lowerBody(ctx, childNamed(clause, 'Body')), span: spanOf(clause) });
  }
  const elseNode = childNamed(node, 'ElseClause');
  return {
    kind: 'IfStatement',
    branches,
    otherwise: elseNode ? lowerBody(ctx, childNamed(elseNode, 'Body')) : null,
    span: spanOf(node),
  };
}

function lowerFor(ctx: LowerContext, node: SyntaxNode): Statement {
  const span = spanOf(node);
  const variable = identifierOf(ctx, childNamed(node, 'VariableDefinition'), span);
  const body = lowerBody(ctx, childNamed(node, 'Body'));
  const exprs = expressionChildren(node);
  if (childNamed(node, 'RangeDots')) {
    const end = { from: node.to, to: node.to };
    return {
      kind: 'ForRangeStatement',
      variable,
      from: exprs[0] ? lowerExpr(ctx, exprs[0]) : missingExpr(span),
      to: exprs[1] ? lowerExpr(ctx, exprs[1]) : missingExpr(end),
      step: exprs[2] ? lowerExpr(ctx, exprs[2]) : null,
      body,
      span,
    };
  }
  const iterable: Expr = exprs[0] ? lowerExpr(ctx, exprs[0]) : missingExpr(span);
  if (iterable.kind === 'QueryExpr') {
    return { kind: 'ForQueryStatement', variable, query: iterable.query, querySpan: iterable.querySpan, body, span };
  }
  return { kind: 'ForEachStatement', variable, iterable, body, span };
}

function lowerCreate(ctx: LowerContext, node: SyntaxNode): Statement {
  const span = spanOf(node);
  // §9.4: the source runs from CREATE through the last word of the terminator, without the `;`.
  let terminator = node.lastChild;
  while (terminator && terminator.name !== 'PROCEDURE' && terminator.name !== 'FUNCTION') terminator = terminator.prevSibling;
  const source = ctx.source.slice(node.from, terminator ? terminator.to : node.to);
  return {
    kind: 'CreateRoutineStatement',
    routineKind: childNamed(node, 'FUNCTION') ? 'function' : 'procedure',
    name: identifierOf(ctx, childNamed(node, 'RoutineName'), span),
    params: lowerParams(ctx, childNamed(node, 'ParamList')),
    returns: lowerReturns(ctx, node),
    body: lowerBody(ctx, childNamed(node, 'Body')),
    source,
    span,
  };
}
