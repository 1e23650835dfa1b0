/**
 * The typed AST of elastic-script (LANGUAGE.md §3.4). Lowering (`lib/language/lower/*`) is the only
 * code that builds it from the Lezer tree; the runtime compiles it. Every node carries `span`, the
 * source offsets Lezer gives (`from` inclusive, `to` exclusive); `lineColumn` turns an offset into
 * the 1-based line and column of §2.1. Node kinds reuse the grammar's node names where they exist.
 */

export interface Span {
  from: number;
  to: number;
}

// ---------------------------------------------------------------------------------------------
// Types (§4.2)

export type ScalarTypeName =
  | 'STRING' | 'NUMBER' | 'INT' | 'INTEGER' | 'LONG' | 'FLOAT' | 'DOUBLE'
  | 'BOOLEAN' | 'DATE' | 'DOCUMENT' | 'MAP' | 'ANY';

/** A declared type as written; `text` is the upper-cased spelling stored in §9.4 (`ARRAY OF NUMBER`). */
export type TypeRef =
  | { kind: 'ScalarType'; name: ScalarTypeName; text: string; span: Span }
  | { kind: 'ArrayType'; of: TypeRef | null; text: string; span: Span };

// ---------------------------------------------------------------------------------------------
// Expressions (§6)

export type BinaryOp =
  | 'OR' | 'AND'
  | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
  | '??' | '||' | '+' | '-' | '*' | '/' | '%';

export interface Identifier {
  name: string;
  span: Span;
}

export interface NumberLiteral { kind: 'NumberLiteral'; value: number; span: Span }
export interface StringLiteral { kind: 'StringLiteral'; value: string; span: Span }
/** A double-quoted string with `${…}` parts (§2.9); `parts` alternate text and expressions. */
export interface TemplateString { kind: 'TemplateString'; parts: (string | Expr)[]; span: Span }
export interface BooleanLiteral { kind: 'BooleanLiteral'; value: boolean; span: Span }
export interface NullLiteral { kind: 'NullLiteral'; span: Span }
export interface ArrayLiteral { kind: 'ArrayLiteral'; elements: Expr[]; span: Span }
export interface DocumentEntry { key: string; keySpan: Span; value: Expr }
export interface DocumentLiteral { kind: 'DocumentLiteral'; entries: DocumentEntry[]; span: Span }
export interface VariableName { kind: 'VariableName'; name: string; span: Span }

export interface BinaryExpr { kind: 'BinaryExpr'; op: BinaryOp; opSpan: Span; left: Expr; right: Expr; span: Span }
export interface UnaryExpr { kind: 'UnaryExpr'; op: '-' | '!' | 'NOT'; opSpan: Span; operand: Expr; span: Span }
export interface ConditionalExpr { kind: 'ConditionalExpr'; test: Expr; then: Expr; else: Expr; span: Span }
/** `x IS [NOT] NULL` */
export interface IsNullExpr { kind: 'IsNullExpr'; operand: Expr; negated: boolean; opSpan: Span; span: Span }
/** `x [NOT] IN (a, b)` (list) or `x [NOT] IN arr` (array expression). */
export interface InExpr {
  kind: 'InExpr'; operand: Expr; negated: boolean; opSpan: Span; span: Span;
  list: Expr[] | null; array: Expr | null;
}
/** `.key`, `?.key` (`optional`), `[expr]`; `opSpan` is the `.`, `?.` or `[` (error site, §8.6). */
export interface MemberExpr { kind: 'MemberExpr'; object: Expr; key: string; optional: boolean; opSpan: Span; span: Span }
export interface IndexExpr { kind: 'IndexExpr'; object: Expr; index: Expr; opSpan: Span; span: Span }
/** `name(args)` or `CALL name(args)`; `callee.span` is the error site for call errors. */
export interface CallExpr { kind: 'CallExpr'; callee: Identifier; args: Expr[]; span: Span }
/** Only valid as a built-in argument (§6.9). */
export interface LambdaExpr { kind: 'LambdaExpr'; params: Identifier[]; body: Expr; span: Span }
/** `c%ROWCOUNT` (§10.6). */
export interface CursorAttribute {
  kind: 'CursorAttribute'; cursor: Identifier; attribute: 'NOTFOUND' | 'FOUND' | 'ROWCOUNT' | 'ISOPEN'; span: Span;
}
/** `( FROM … )` as an expression (§10.4); `query` is the ES|QL text as written, `querySpan` where it starts. */
export interface QueryExpr { kind: 'QueryExpr'; query: string; querySpan: Span; span: Span }
export type ExecutionOp = 'STATUS' | 'CANCEL' | 'RETRY' | 'WAIT';
/** `EXECUTION(e) | op` (§13.8); `keywordSpan` is the `EXECUTION` word (error site). */
export interface ExecutionExpr {
  kind: 'ExecutionExpr'; target: Expr; op: ExecutionOp; waitTimeout: Expr | null; keywordSpan: Span; span: Span;
}

export type Expr =
  | NumberLiteral | StringLiteral | TemplateString | BooleanLiteral | NullLiteral
  | ArrayLiteral | DocumentLiteral | VariableName
  | BinaryExpr | UnaryExpr | ConditionalExpr | IsNullExpr | InExpr
  | MemberExpr | IndexExpr | CallExpr | LambdaExpr | CursorAttribute | QueryExpr | ExecutionExpr;

// ---------------------------------------------------------------------------------------------
// Statements (§3, §7–§13)

export interface Parameter { name: Identifier; type: TypeRef; span: Span }

export interface VariableDeclarator { name: Identifier; type: TypeRef | null; init: Expr | null; span: Span }
/** DECLARE / VAR / CONST with one or more declarators (§4.3). */
export interface DeclareStatement {
  kind: 'DeclareStatement'; keyword: 'DECLARE' | 'VAR' | 'CONST'; declarations: VariableDeclarator[]; span: Span;
}
/** `DECLARE c CURSOR FOR <query>` */
export interface CursorDeclaration { kind: 'CursorDeclaration'; name: Identifier; query: string; querySpan: Span; span: Span }
/** `DECLARE x T FROM …` (§10.5); `query` includes the leading `FROM`. */
export interface TypedQueryDeclaration {
  kind: 'TypedQueryDeclaration'; name: Identifier; type: TypeRef; query: string; querySpan: Span; span: Span;
}
export type SetStep = { kind: 'key'; key: string; span: Span } | { kind: 'index'; index: Expr; span: Span };
export interface SetStatement { kind: 'SetStatement'; target: Identifier; path: SetStep[]; value: Expr; span: Span }
export type PrintLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export interface PrintStatement { kind: 'PrintStatement'; value: Expr; level: PrintLevel; span: Span }
export interface ReturnStatement { kind: 'ReturnStatement'; value: Expr | null; keywordSpan: Span; span: Span }
export interface ThrowStatement { kind: 'ThrowStatement'; value: Expr; code: Expr | null; keywordSpan: Span; span: Span }
export interface JumpStatement { kind: 'BreakStatement' | 'ContinueStatement'; span: Span }
export interface ExitStatement { kind: 'ExitStatement'; when: Expr | null; span: Span }
export interface OpenStatement { kind: 'OpenStatement'; cursor: Identifier; keywordSpan: Span; span: Span }
export interface CloseStatement { kind: 'CloseStatement'; cursor: Identifier; keywordSpan: Span; span: Span }
export interface FetchStatement {
  kind: 'FetchStatement'; cursor: Identifier; limit: Expr | null; into: Identifier; keywordSpan: Span; span: Span;
}
/** `CALL p(args);` as a statement (its value is p's result, §3.3). */
export interface CallStatement { kind: 'CallStatement'; call: CallExpr; span: Span }
export interface ExpressionStatement { kind: 'ExpressionStatement'; expression: Expr; span: Span }
/** A query statement: starts with FROM or ROW (§10.1); runs up to the `;`. */
export interface QueryStatement { kind: 'QueryStatement'; query: string; querySpan: Span; span: Span }

/** A handler argument (§13.4). */
export type HandlerArg =
  | { kind: 'Binding'; binding: 'result' | 'results' | 'error' | 'execution'; span: Span }
  | { kind: 'Value'; value: Expr };
export interface Handler { name: Identifier; args: HandlerArg[]; span: Span }
export type Pipe =
  | { kind: 'HandlerPipe'; phase: 'ON_DONE' | 'ON_FAIL' | 'ON_ALL_DONE' | 'ON_ANY_FAIL' | 'FINALLY'; handler: Handler; span: Span }
  | { kind: 'TrackPipe'; name: Expr; span: Span }
  | { kind: 'TimeoutPipe'; seconds: Expr; span: Span };
/** `p(args) | pipe …;` (§13.2) */
export interface AsyncCallStatement { kind: 'AsyncCallStatement'; call: CallExpr; pipes: Pipe[]; span: Span }
/** `PARALLEL [p1(), …] | ppipe …;` (§13.6) */
export interface ParallelStatement {
  kind: 'ParallelStatement'; branches: CallExpr[]; pipes: Pipe[]; keywordSpan: Span; span: Span;
}

export interface IfBranch { test: Expr; body: Statement[]; span: Span }
export interface IfStatement { kind: 'IfStatement'; branches: IfBranch[]; otherwise: Statement[] | null; span: Span }
export interface ForRangeStatement {
  kind: 'ForRangeStatement'; variable: Identifier; from: Expr; to: Expr; step: Expr | null; body: Statement[]; span: Span;
}
/** `FOR x IN e LOOP` over an array or a cursor name. */
export interface ForEachStatement { kind: 'ForEachStatement'; variable: Identifier; iterable: Expr; body: Statement[]; span: Span }
export interface ForQueryStatement {
  kind: 'ForQueryStatement'; variable: Identifier; query: string; querySpan: Span; body: Statement[]; span: Span;
}
export interface WhileStatement { kind: 'WhileStatement'; test: Expr; body: Statement[]; span: Span }
export interface LoopStatement { kind: 'LoopStatement'; body: Statement[]; span: Span }
export interface SwitchCase { values: Expr[]; body: Statement[]; span: Span }
export interface SwitchStatement {
  kind: 'SwitchStatement'; subject: Expr; cases: SwitchCase[]; defaultBody: Statement[] | null; span: Span;
}
export interface CatchClause { errorType: string | null; body: Statement[]; span: Span }
export interface TryStatement {
  kind: 'TryStatement'; body: Statement[]; catches: CatchClause[]; finallyBody: Statement[] | null; span: Span;
}
/** A local FUNCTION (§7.8). */
export interface FunctionDeclaration {
  kind: 'FunctionDeclaration'; name: Identifier; params: Parameter[]; returns: TypeRef | null; body: Statement[]; span: Span;
}
export interface EmptyStatement { kind: 'EmptyStatement'; span: Span }

/** CREATE [OR REPLACE] PROCEDURE / FUNCTION (§9.1); `source` is the exact text of §9.4. */
export interface CreateRoutineStatement {
  kind: 'CreateRoutineStatement'; routineKind: 'procedure' | 'function'; name: Identifier; params: Parameter[];
  returns: TypeRef | null; body: Statement[]; source: string; span: Span;
}
export interface DropRoutineStatement {
  kind: 'DropRoutineStatement'; routineKind: 'procedure' | 'function'; name: Identifier; span: Span;
}
export interface ShowStatement {
  kind: 'ShowStatement'; what: 'PROCEDURES' | 'FUNCTIONS' | 'PROCEDURE' | 'FUNCTION'; name: Identifier | null; span: Span;
}

export type Statement =
  | DeclareStatement | CursorDeclaration | TypedQueryDeclaration | SetStatement | PrintStatement
  | ReturnStatement | ThrowStatement | JumpStatement | ExitStatement
  | OpenStatement | CloseStatement | FetchStatement | CallStatement | ExpressionStatement | QueryStatement
  | AsyncCallStatement | ParallelStatement
  | IfStatement | ForRangeStatement | ForEachStatement | ForQueryStatement | WhileStatement | LoopStatement
  | SwitchStatement | TryStatement | FunctionDeclaration | EmptyStatement
  | CreateRoutineStatement | DropRoutineStatement | ShowStatement;

export interface Script { kind: 'Script'; statements: Statement[]; span: Span }

// ---------------------------------------------------------------------------------------------
// Diagnostics (§3.5)

/** A problem found before running. Syntax errors have code `SYNTAX_ERROR`. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  span: Span;
}

/** Raises a compile error wherever a `switch` over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`bug: unhandled AST node ${JSON.stringify(value)}`);
}
