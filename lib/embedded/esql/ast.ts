/**
 * The typed ES|QL AST: one interface per node, discriminated on `kind`, each carrying its source span
 * (offsets into the query text). Produced by `lower.ts` from the Lezer tree of grammar/esql.grammar.
 */

/** Offsets into the query text, as Lezer gives them. */
export interface Span { from: number; to: number }

// --- expressions -------------------------------------------------------------------------------

/** A literal value; `valueType` is the ES|QL type the literal has before any cast. */
export interface LiteralExpr {
  kind: 'Literal';
  value: string | number | boolean | null;
  valueType: 'integer' | 'long' | 'double' | 'keyword' | 'boolean' | 'null';
  span: Span;
}
/** `[1, 2, 3]`: a multi-valued literal. */
export interface ListExpr { kind: 'List'; items: Expr[]; span: Span }
/** `1 day`, `2 hours`: a time span for date arithmetic. */
export interface IntervalExpr { kind: 'Interval'; amount: number; unit: string; span: Span }
/** `?`, `?name`, `?1`. `index` is the 0-based position for anonymous params. */
export interface ParamExpr { kind: 'Param'; name: string | null; position: number | null; span: Span }
/** A column reference such as `error.type` or `` `my field` ``. */
export interface ColumnExpr { kind: 'Column'; name: string; span: Span }
/** A function call; `star` marks `COUNT(*)`. */
export interface CallExpr { kind: 'Call'; name: string; args: Expr[]; star: boolean; nameSpan: Span; span: Span }
/** `x::type`. */
export interface CastExpr { kind: 'Cast'; expr: Expr; type: string; span: Span }
/** Unary `-`/`+`, and `NOT`. */
export interface UnaryExpr { kind: 'Unary'; op: '-' | '+' | 'NOT'; expr: Expr; span: Span }
/** Binary operators, including the boolean connectives. */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';
export interface BinaryExpr { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
/** `x IS [NOT] NULL`. */
export interface IsNullExpr { kind: 'IsNull'; expr: Expr; negated: boolean; span: Span }
/** `x [NOT] IN (a, b, …)`. */
export interface InExpr { kind: 'In'; expr: Expr; list: Expr[]; negated: boolean; span: Span }
/** `x [NOT] LIKE "pattern"` / `RLIKE`; several patterns match if any does. */
export interface LikeExpr { kind: 'Like'; expr: Expr; patterns: string[]; regex: boolean; negated: boolean; span: Span }

export type Expr = LiteralExpr | ListExpr | IntervalExpr | ParamExpr | ColumnExpr | CallExpr | CastExpr | UnaryExpr |
  BinaryExpr | IsNullExpr | InExpr | LikeExpr;

/** `name = expr`, or a bare `expr` named by its source text. */
export interface FieldNode { name: string; expr: Expr; span: Span; nameSpan: Span; /** STATS only: `agg WHERE condition` */ filter?: Expr }

// --- commands ----------------------------------------------------------------------------------

export interface FromNode { kind: 'FROM'; indices: { pattern: string; span: Span }[]; metadata: { name: string; span: Span }[]; span: Span }
export interface RowNode { kind: 'ROW'; fields: FieldNode[]; span: Span }
export interface WhereNode { kind: 'WHERE'; condition: Expr; span: Span }
export interface EvalNode { kind: 'EVAL'; fields: FieldNode[]; span: Span }
/** A column-name pattern with `*` wildcards; `span` locates it for errors. */
export interface NamePattern { pattern: string; span: Span }
export interface KeepNode { kind: 'KEEP'; patterns: NamePattern[]; span: Span }
export interface DropNode { kind: 'DROP'; patterns: NamePattern[]; span: Span }
export interface RenameNode { kind: 'RENAME'; renames: { from: NamePattern; to: NamePattern }[]; span: Span }
export interface OrderNode { expr: Expr; descending: boolean; nullsFirst: boolean; span: Span }
export interface SortNode { kind: 'SORT'; orders: OrderNode[]; span: Span }
export interface LimitNode { kind: 'LIMIT'; count: number | ParamExpr; span: Span }
export interface StatsNode { kind: 'STATS'; aggregates: FieldNode[]; groups: FieldNode[]; span: Span }
export interface MvExpandNode { kind: 'MV_EXPAND'; column: ColumnExpr; span: Span }
export interface DissectNode { kind: 'DISSECT'; input: Expr; pattern: string; appendSeparator: string | null; span: Span }
/** `GROK input "p1"[, "p2", …]`: the first pattern that matches applies. */
export interface GrokNode { kind: 'GROK'; input: Expr; patterns: string[]; span: Span }
/** `SAMPLE p`: keeps each row with probability `p`; a parameter is resolved while lowering when the request's params are known. */
export interface SampleNode { kind: 'SAMPLE'; probability: number | ParamExpr; span: Span }
/** `SHOW INFO`: the engine's version, build date and hash. */
export interface ShowInfoNode { kind: 'SHOW_INFO'; span: Span }
/** An Elasticsearch command the engine does not run (`ENRICH`, `LOOKUP JOIN`, `TS`, …), kept only to be refused by name. */
export interface UnsupportedNode { kind: 'UNSUPPORTED'; command: string; span: Span }

export type SourceCommand = FromNode | RowNode | ShowInfoNode | UnsupportedNode;
export type ProcessingCommand = WhereNode | EvalNode | KeepNode | DropNode | RenameNode | SortNode | LimitNode |
  StatsNode | MvExpandNode | DissectNode | GrokNode | SampleNode | UnsupportedNode;
export type Command = SourceCommand | ProcessingCommand;

/** A whole query: the source command followed by the piped processing commands. */
export interface EsqlQuery { kind: 'Query'; source: SourceCommand; commands: ProcessingCommand[]; text: string; span: Span }

/** Whether an expression reads a column (else it is a constant: literals, parameters, NOW(), …). */
export function referencesColumns(e: Expr): boolean {
  switch (e.kind) {
    case 'Column': return true;
    case 'Call': return e.args.some(referencesColumns);
    case 'Cast': case 'IsNull': case 'Unary': case 'Like': return referencesColumns(e.expr);
    case 'Binary': return referencesColumns(e.left) || referencesColumns(e.right);
    case 'In': return referencesColumns(e.expr) || e.list.some(referencesColumns);
    case 'List': return e.items.some(referencesColumns);
    default: return false;
  }
}

/** Fails the type-check when a `switch` on `kind` misses a case. */
export function assertNever(x: never): never {
  throw new Error(`bug: unhandled ES|QL node ${JSON.stringify(x)}`);
}
