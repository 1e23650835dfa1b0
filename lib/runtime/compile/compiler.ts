/**
 * The compiler (STYLE R14): turns AST nodes into closures once. This file holds the shared state
 * and the dispatch; node families live in expressions.ts, calls.ts, statements.ts, esql.ts and
 * async.ts.
 */
import type { Expr, Statement } from '../../language/ast';
import type { CodeUnit } from '../errors';
import type { TypeSpec } from '../types';
import { compileExpression } from './expressions';
import { compileStatement, compileBlock, type BlockOptions } from './statements';
import type { CExpr, CStmt } from './context';
import { FnCtx, Scope } from './scope';

/** Compiles the nodes of one code unit. */
export class Compiler {
  constructor(readonly unit: CodeUnit) {}

  /** A new invocation context (script, routine or local function body). */
  newFn(parent: FnCtx | null, name: string | null, returns: TypeSpec | null): FnCtx {
    return new FnCtx(parent, this.unit, name, returns);
  }

  /** Compiles an expression in `scope`. */
  expr(node: Expr, scope: Scope): CExpr {
    return compileExpression(this, node, scope);
  }

  /** Compiles one statement in `scope`. */
  stmt(node: Statement, scope: Scope): CStmt {
    return compileStatement(this, node, scope);
  }

  /** A statement list in a new block scope (or in `scope` itself with `sameScope`). */
  block(stmts: Statement[], scope: Scope, opts: BlockOptions = {}): CStmt {
    return compileBlock(this, stmts, scope, opts);
  }
}

