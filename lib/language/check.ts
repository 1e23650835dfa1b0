/**
 * The context rules of LANGUAGE.md §3.4 ("These are syntax errors as well") checked on the AST:
 * duplicate document keys and parameters, BREAK/CONTINUE/EXIT outside a loop or leaving a FINALLY,
 * RETURN in FINALLY, a catch-all CATCH that is not last, pipe phases that do not fit the statement,
 * TRACK AS / TIMEOUT twice, `@results` on a single call, misplaced lambdas, `EXECUTION(e)` without
 * an operation, and (with a built-in lookup) local functions named like built-ins. Positions follow
 * §18.6; these errors do not start recovery (§18.26).
 */
import type { Diagnostic, Expr, Parameter, Pipe, Span, Statement } from './ast';
import { assertNever } from './ast';
import { skipTrivia, tokenAt } from './source-scan';

/** Optional outside knowledge; a check that needs a missing lookup stays silent (R11). */
export interface CheckOptions {
  /** True when `name` (any case) is a built-in function (§12). */
  isBuiltin?: (name: string) => boolean;
}

interface Scope {
  /** Loops enclosing this point, counted from the routine or script start. */
  loopDepth: number;
  /** Loop depth at the innermost enclosing FINALLY, or -1 outside any FINALLY. */
  finallyLoopDepth: number;
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly source: string, private readonly options: CheckOptions) {}

  report(span: Span, message: string): void {
    this.diagnostics.push({ severity: 'error', code: 'SYNTAX_ERROR', message, span });
  }

  /** The span of the token at or after `offset`. */
  tokenSpan(offset: number): Span {
    const at = skipTrivia(this.source, offset);
    return { from: at, to: at + tokenAt(this.source, at).length };
  }

  body(statements: Statement[], scope: Scope, isTopLevel = false): void {
    for (const s of statements) {
      if (!isTopLevel && (s.kind === 'CreateRoutineStatement' || s.kind === 'DropRoutineStatement' || s.kind === 'ShowStatement')) {
        const word = this.tokenSpan(s.span.from);
        this.report(word, `\`${this.source.slice(word.from, word.to).toUpperCase()}\` is only allowed at the top level of a script, not inside a body`);
      }
      this.statement(s, scope);
    }
  }

  params(params: Parameter[]): void {
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name.name)) this.report(p.name.span, `duplicate parameter name \`${p.name.name}\``);
      seen.add(p.name.name);
    }
  }

  pipes(pipes: Pipe[], parallel: boolean): void {
    let track = false;
    let timeout = false;
    for (const pipe of pipes) {
      const word = this.tokenSpan(pipe.span.from + 1);
      if (pipe.kind === 'TrackPipe') {
        if (track) this.report(word, '`TRACK AS` may appear only once in a pipeline');
        track = true;
        this.expr(pipe.name, false);
      } else if (pipe.kind === 'TimeoutPipe') {
        if (timeout) this.report(word, '`TIMEOUT` may appear only once in a pipeline');
        timeout = true;
        this.expr(pipe.seconds, false);
      } else {
        const phase = pipe.phase;
        if (parallel && (phase === 'ON_DONE' || phase === 'ON_FAIL')) {
          this.report(word, `\`${phase}\` is not allowed on PARALLEL; use ${phase === 'ON_DONE' ? 'ON_ALL_DONE' : 'ON_ANY_FAIL'}`);
        } else if (!parallel && (phase === 'ON_ALL_DONE' || phase === 'ON_ANY_FAIL')) {
          this.report(word, `\`${phase}\` is only allowed on PARALLEL; use ${phase === 'ON_ALL_DONE' ? 'ON_DONE' : 'ON_FAIL'}`);
        }
        for (const arg of pipe.handler.args) {
          if (arg.kind === 'Binding') {
            if (arg.binding === 'results' && !parallel) this.report(arg.span, '`@results` is only available to PARALLEL handlers; use `@result`');
          } else {
            this.expr(arg.value, false);
          }
        }
      }
    }
  }

  statement(s: Statement, scope: Scope): void {
    const inLoop = { ...scope, loopDepth: scope.loopDepth + 1 };
    switch (s.kind) {
      case 'DeclareStatement':
        for (const d of s.declarations) if (d.init) this.expr(d.init, false);
        return;
      case 'SetStatement':
        for (const step of s.path) if (step.kind === 'index') this.expr(step.index, false);
        this.expr(s.value, false);
        return;
      case 'PrintStatement':
      case 'ExpressionStatement':
        this.expr(s.kind === 'PrintStatement' ? s.value : s.expression, false);
        return;
      case 'ReturnStatement':
        if (scope.finallyLoopDepth >= 0) this.report(s.keywordSpan, '`RETURN` is not allowed inside FINALLY');
        if (s.value) this.expr(s.value, false);
        return;
      case 'ThrowStatement':
        this.expr(s.value, false);
        if (s.code) this.expr(s.code, false);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ExitStatement': {
        const word = s.kind === 'BreakStatement' ? 'BREAK' : s.kind === 'ContinueStatement' ? 'CONTINUE' : 'EXIT';
        const keyword = this.tokenSpan(s.span.from);
        if (scope.loopDepth === 0) this.report(keyword, `\`${word}\` is only allowed inside a loop`);
        else if (scope.finallyLoopDepth >= 0 && scope.loopDepth <= scope.finallyLoopDepth) {
          this.report(keyword, `\`${word}\` cannot leave a FINALLY block`);
        }
        if (s.kind === 'ExitStatement' && s.when) this.expr(s.when, false);
        return;
      }
      case 'FetchStatement':
        if (s.limit) this.expr(s.limit, false);
        return;
      case 'CallStatement':
        this.expr(s.call, false);
        return;
      case 'AsyncCallStatement':
        this.expr(s.call, false);
        this.pipes(s.pipes, false);
        return;
      case 'ParallelStatement':
        for (const b of s.branches) this.expr(b, false);
        this.pipes(s.pipes, true);
        return;
      case 'IfStatement':
        for (const b of s.branches) {
          this.expr(b.test, false);
          this.body(b.body, scope);
        }
        if (s.otherwise) this.body(s.otherwise, scope);
        return;
      case 'ForRangeStatement':
        this.expr(s.from, false);
        this.expr(s.to, false);
        if (s.step) this.expr(s.step, false);
        this.body(s.body, inLoop);
        return;
      case 'ForEachStatement':
        this.expr(s.iterable, false);
        this.body(s.body, inLoop);
        return;
      case 'ForQueryStatement':
      case 'LoopStatement':
        this.body(s.body, inLoop);
        return;
      case 'WhileStatement':
        this.expr(s.test, false);
        this.body(s.body, inLoop);
        return;
      case 'SwitchStatement':
        this.expr(s.subject, false);
        for (const c of s.cases) {
          for (const v of c.values) this.expr(v, false);
          this.body(c.body, scope);
        }
        if (s.defaultBody) this.body(s.defaultBody, scope);
        return;
      case 'TryStatement': {
        this.body(s.body, scope);
        let catchAllSeen = false;
        for (const c of s.catches) {
          if (catchAllSeen) this.report(this.tokenSpan(c.span.from), 'a catch-all `CATCH` must be the last CATCH clause');
          if (c.errorType === null || c.errorType === 'error') catchAllSeen = true;
          this.body(c.body, scope);
        }
        if (s.finallyBody) this.body(s.finallyBody, { ...scope, finallyLoopDepth: scope.loopDepth });
        return;
      }
      case 'FunctionDeclaration':
        if (this.options.isBuiltin?.(s.name.name)) {
          this.report(s.name.span, `local function \`${s.name.name}\` cannot have the name of a built-in function`);
        }
        this.params(s.params);
        this.body(s.body, { loopDepth: 0, finallyLoopDepth: -1 });
        return;
      case 'CreateRoutineStatement':
        this.params(s.params);
        this.body(s.body, { loopDepth: 0, finallyLoopDepth: -1 });
        return;
      case 'CursorDeclaration':
      case 'TypedQueryDeclaration':
      case 'OpenStatement':
      case 'CloseStatement':
      case 'QueryStatement':
      case 'EmptyStatement':
      case 'DropRoutineStatement':
      case 'ShowStatement':
        return;
      default:
        assertNever(s);
    }
  }

  /** Checks an expression; `asArgument` is true for a direct call argument (where lambdas may go). */
  expr(e: Expr, asArgument: boolean): void {
    switch (e.kind) {
      case 'NumberLiteral':
      case 'StringLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'VariableName':
      case 'CursorAttribute':
      case 'QueryExpr':
        return;
      case 'TemplateString':
        for (const p of e.parts) if (typeof p !== 'string') this.expr(p, false);
        return;
      case 'ArrayLiteral':
        for (const el of e.elements) this.expr(el, false);
        return;
      case 'DocumentLiteral': {
        const seen = new Set<string>();
        for (const entry of e.entries) {
          if (seen.has(entry.key)) this.report(entry.keySpan, `duplicate key \`${entry.key}\` in document literal`);
          seen.add(entry.key);
          this.expr(entry.value, false);
        }
        return;
      }
      case 'BinaryExpr':
        this.expr(e.left, false);
        this.expr(e.right, false);
        return;
      case 'UnaryExpr':
        this.expr(e.operand, false);
        return;
      case 'ConditionalExpr':
        this.expr(e.test, false);
        this.expr(e.then, false);
        this.expr(e.else, false);
        return;
      case 'IsNullExpr':
        this.expr(e.operand, false);
        return;
      case 'InExpr':
        this.expr(e.operand, false);
        for (const item of e.list ?? []) this.expr(item, false);
        if (e.array) this.expr(e.array, false);
        return;
      case 'MemberExpr':
        this.expr(e.object, false);
        return;
      case 'IndexExpr':
        this.expr(e.object, false);
        this.expr(e.index, false);
        return;
      case 'CallExpr':
        if (e.callee.name.toUpperCase() === 'EXECUTION') {
          this.report(this.tokenSpan(e.span.to), '`EXECUTION(…)` needs an operation: `| STATUS`, `| CANCEL`, `| RETRY` or `| WAIT`');
        }
        {
          // Lambdas may only be built-in arguments (§3.4); without the built-in list any call is given the benefit.
          const lambdaAllowed = !this.options.isBuiltin || this.options.isBuiltin(e.callee.name);
          for (const a of e.args) this.expr(a, lambdaAllowed);
        }
        return;
      case 'LambdaExpr': {
        if (!asArgument) this.report({ from: e.span.from, to: e.span.from + 1 }, 'a lambda is only allowed as an argument of a built-in function');
        const seen = new Set<string>();
        for (const p of e.params) {
          if (seen.has(p.name)) this.report(p.span, `duplicate lambda parameter \`${p.name}\``);
          seen.add(p.name);
        }
        this.expr(e.body, false);
        return;
      }
      case 'ExecutionExpr':
        this.expr(e.target, false);
        if (e.waitTimeout) this.expr(e.waitTimeout, false);
        return;
      default:
        assertNever(e);
    }
  }
}

/** Runs the §3.4 context checks over a lowered script; returns `SYNTAX_ERROR` diagnostics. */
export function checkScript(source: string, script: { statements: Statement[] }, options: CheckOptions = {}): Diagnostic[] {
  const checker = new Checker(source, options);
  checker.body(script.statements, { loopDepth: 0, finallyLoopDepth: -1 }, true);
  return checker.diagnostics;
}
