/**
 * Turns Lezer error nodes into `SYNTAX_ERROR` diagnostics (LANGUAGE.md §3.5, §18.6, §18.26). Lezer's
 * error nodes are often zero-length and may sit before the blanks that precede the bad token, so the
 * reported position is the first token at or after the error node. After one error, further errors
 * up to the next `;` or block terminator are dropped: one faulty construct yields one error.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Diagnostic } from './ast';
import { reservedWords } from '../../grammar/tokens';
import { resumePoint, skipTrivia, tokenAt } from './source-scan';

/** Statement node names → how messages name them. */
const statementLabels: Record<string, string> = {
  DeclareStatement: 'DECLARE statement', CursorDeclaration: 'cursor declaration',
  TypedQueryDeclaration: 'DECLARE statement', VarStatement: 'VAR statement', ConstStatement: 'CONST statement',
  SetStatement: 'SET statement', PrintStatement: 'PRINT statement', ReturnStatement: 'RETURN statement',
  ThrowStatement: 'THROW statement', BreakStatement: 'BREAK statement', ContinueStatement: 'CONTINUE statement',
  ExitStatement: 'EXIT statement', OpenStatement: 'OPEN statement', CloseStatement: 'CLOSE statement',
  FetchStatement: 'FETCH statement', AsyncCallStatement: 'async call', ParallelStatement: 'PARALLEL statement',
  QueryStatement: 'query', ExpressionStatement: 'expression statement', IfStatement: 'IF statement',
  ForStatement: 'FOR loop', WhileStatement: 'WHILE loop', LoopStatement: 'LOOP', SwitchStatement: 'SWITCH statement',
  TryStatement: 'TRY statement', FunctionDeclaration: 'FUNCTION declaration',
  CreateRoutineStatement: 'CREATE statement', DropRoutineStatement: 'DROP statement', ShowStatement: 'SHOW statement',
};

const nameIntroducers = new Set(['VAR', 'DECLARE', 'CONST', 'FOR', 'PROCEDURE', 'FUNCTION', 'OPEN', 'CLOSE', 'FETCH', 'INTO', 'SET']);

function enclosingStatement(node: SyntaxNode): SyntaxNode | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (statementLabels[n.name]) return n;
  }
  return null;
}

function hasAncestor(node: SyntaxNode, names: string[]): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (names.includes(n.name)) return true;
  return false;
}

/**
 * The leaves of the tree that cover text and lie outside error nodes, in source order. Collected once
 * per tree: looking the previous leaf up per error by walking the tree made many errors quadratic.
 */
function solidLeaves(tree: Tree): SyntaxNode[] {
  const leaves: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) return false;
      if (ref.from < ref.to && !ref.node.firstChild) leaves.push(ref.node);
      return undefined;
    },
  });
  return leaves;
}

/** The last of `leaves` (source order) that ends at or before `pos`. */
function previousLeaf(leaves: SyntaxNode[], pos: number): SyntaxNode | null {
  let lo = 0;
  let hi = leaves.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (leaves[mid].to <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? leaves[lo - 1] : null;
}

function describe(token: string): string {
  return token ? `\`${token}\`` : 'end of input';
}

function messageFor(source: string, leaves: SyntaxNode[], error: SyntaxNode, at: number): string {
  const token = tokenAt(source, at);
  const upper = token.toUpperCase();
  const prev = previousLeaf(leaves, at);
  const prevName = prev?.name ?? '';
  const statement = enclosingStatement(error);
  const label = statement ? statementLabels[statement.name] : null;
  if (token === '=') {
    if (nameIntroducers.has(prevName)) return `expected a variable name after ${prevName}`;
    const start = statement?.from ?? skipTrivia(source, prev ? prev.from : 0);
    const before = source.slice(start, at);
    const isStatementStart = !statement || statement.name === 'ExpressionStatement';
    if (isStatementStart && /^\s*[A-Za-z_]\w*(\s*(\.\s*\w+|\[[^\]]*\]))*\s*$/.test(before)) {
      return '`name = expr` is not a statement; to assign, write `SET ' + before.trim() + ' = …`';
    }
    return '`=` is assignment; use `==` to compare';
  }
  if (reservedWords.has(upper) && (nameIntroducers.has(prevName) || ((prevName === ',' || prevName === '(') &&
      hasAncestor(error, ['DeclareStatement', 'VarStatement', 'ConstStatement', 'ParamList', 'LambdaParams'])))) {
    return `\`${token}\` is a reserved word and cannot be used as a name`;
  }
  if (['CREATE', 'DROP', 'DELETE', 'SHOW'].includes(upper) && hasAncestor(error, ['Body'])) {
    return `\`${upper}\` is only allowed at the top level of a script, not inside a body`;
  }
  if (/^(==|!=|<>|<=|>=|<|>)$/.test(token) && hasAncestor(error, ['CompareExpr', 'IsNullExpr', 'InExpr'])) {
    return `comparisons cannot be chained (\`${token}\`); combine them with AND`;
  }
  if (error.from === error.to && statement && error.parent?.name === statement.name && !error.nextSibling &&
      statementLabels[statement.name] && !/^(If|For|While|Loop|Switch|Try|Function|CreateRoutine)/.test(statement.name)) {
    return `expected \`;\` after ${label}, found ${describe(token)}`;
  }
  if (reservedWords.has(upper) && upper !== 'TRUE' && upper !== 'FALSE' && upper !== 'NULL' && prev?.name === 'Identifier') {
    return `unexpected keyword \`${token}\`${label ? ` in ${label}` : ''}`;
  }
  return `unexpected ${describe(token)}${label ? ` in ${label}` : ''}`;
}

/** Syntax errors of a tree plus the source ranges recovery skipped after each (§18.26). */
export interface TreeErrors {
  diagnostics: Diagnostic[];
  /** `[from, to)` ranges in which any further error belongs to an already reported construct. */
  skipped: Array<{ from: number; to: number }>;
}

/** Collects the syntax errors of a parsed tree (§3.5): one per faulty construct, in source order. */
export function treeSyntaxErrors(source: string, tree: Tree): TreeErrors {
  const errors: SyntaxNode[] = [];
  const unterminated: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) errors.push(ref.node);
      else if (ref.name === 'BlockComment' && !(ref.to - ref.from >= 4 && source.slice(ref.to - 2, ref.to) === '*/')) {
        unterminated.push(ref.node);
      }
    },
  });
  const leaves = errors.length ? solidLeaves(tree) : [];
  const out: Diagnostic[] = [];
  const skipped: Array<{ from: number; to: number }> = [];
  // An unterminated comment runs to the end: everything after its `/*` is reported once, at the `/*`.
  const cutoff = unterminated.length ? unterminated[0].from : Infinity;
  let resumeAt = -1;
  let lastAt = -1;
  for (const error of errors) {
    const at = skipTrivia(source, error.from);
    // Several error nodes at one offset (typical at the end of input) are one error.
    if (at < resumeAt || at === lastAt || at >= cutoff) continue;
    lastAt = at;
    const token = tokenAt(source, at);
    out.push({
      severity: 'error',
      code: 'SYNTAX_ERROR',
      message: messageFor(source, leaves, error, at),
      span: { from: at, to: at + Math.max(token.length, 0) },
    });
    resumeAt = resumePoint(source, at);
    skipped.push({ from: at, to: resumeAt });
  }
  for (const comment of unterminated.slice(0, 1)) {
    skipped.push({ from: comment.from, to: source.length + 1 });
    out.push({ severity: 'error', code: 'SYNTAX_ERROR', message: 'unterminated block comment: `/*` has no closing `*/`', span: { from: comment.from, to: comment.from + 2 } });
  }
  return { diagnostics: out, skipped };
}
