/**
 * Random, mostly well-formed elastic-script sources built from the constructs of
 * grammar/escript.grammar (LANGUAGE.md §2–§13): statements, expressions, nesting, async pipes,
 * PARALLEL, EXECUTION operations, cursors with ES|QL text, routines, comments, strings with escapes
 * and unicode, plus the occasional very deep nesting or very long line. The mutator breaks them.
 */
import type { Prng } from './prng';

/** Sizes of the generated inputs; the test and `npm run fuzz` share them. */
export const GENERATOR_LIMITS = {
  /** Nesting levels of an ordinary script; each level narrows the choices towards leaves. */
  depth: 4,
  /** Deepest single construct of a "deep" script; above the parser's 500-level nesting limit on purpose. */
  deepNesting: 900,
  /** Longest string literal of a "long line" script, in characters. */
  longLine: 20_000,
} as const;

const NAMES = ['x', 'y', 'total', 'i', 'doc', 'rows', 'status', 'count', 'row', 'step', 'limit', 'error', 'result', '_tmp1', 'code', 'wait', 'from_x'];
const ROUTINES = ['analyze', 'notify', 'cleanup', 'fetch_logs', 'LENGTH', 'UPPER', 'ARRAY_MAP', 'ARRAY_FILTER', 'REPLACE', 'COALESCE', 'SLEEP'];
const TYPES = ['STRING', 'NUMBER', 'INT', 'BOOLEAN', 'DATE', 'DOCUMENT', 'ANY', 'ARRAY', 'ARRAY OF STRING', 'ARRAY OF ARRAY OF INT', 'MAP', 'BOGUS'];
const BINARY_OPS = ['+', '-', '*', '/', '%', '||', '??', '==', '!=', '<>', '<', '<=', '>', '>=', 'AND', 'OR'];
const ERROR_TYPES = ['', 'error', 'type_error', 'division_error', 'esql_error', 'timeout_error', 'not_found_error'];
const ODD_TEXT = ['é', 'ß', '日本', '😀', '\u200b', '\u202e', '\u0301', 'Ω', '\u00a0', '\ud800', '\udfff', '\u0000', '\t'];
const ESCAPES = ['\\n', '\\t', '\\r', '\\\\', "\\'", '\\"', '\\$', '\\u00e9', '\\uD83D\\uDE00', '\\q', '\\u12', '\\'];
const INDICES = ['logs', 'logs-*', '.escript_executions', 'employees', 'metrics,logs', '"quoted-index"'];
const ESQL_FUNCTIONS = ['ABS', 'LENGTH', 'TO_UPPER', 'CONCAT', 'COALESCE', 'ROUND', 'DATE_TRUNC', 'MV_COUNT', 'CASE', 'SUBSTRING', 'TO_STRING'];

/** Builds one random script per call. */
class ScriptGenerator {
  constructor(private readonly rng: Prng) {}

  /** A keyword in a random case: keywords are case-insensitive (§2.2). */
  kw(word: string): string {
    const r = this.rng.next();
    if (r < 0.75) return word;
    if (r < 0.92) return word.toLowerCase();
    return [...word].map((c) => (this.rng.chance(0.5) ? c.toLowerCase() : c)).join('');
  }

  /** Blank space between tokens: mostly one space, sometimes line breaks, tabs or comments. */
  ws(): string {
    const r = this.rng.next();
    if (r < 0.8) return ' ';
    return this.rng.pick([' \n', '\t', '\r\n', '\r', '  ', ' /* note */ ', ' -- note\n', '\u00a0', '\u2028', '\n\n', ' /* a\n b */ ']);
  }

  name(): string {
    return this.rng.chance(0.9) ? this.rng.pick(NAMES) : this.rng.pick(['FROM', 'Row', 'IF', 'end', 'Ünïcode', '_', '__x9']);
  }

  number(): string {
    return this.rng.pick(['0', '1', '42', '3.14', '1e3', '2E-2', '1e400', '5.', '.5', '9007199254740993', '0.000001', '10']);
  }

  singleQuoted(): string {
    let body = '';
    for (let i = this.rng.small(6); i > 0; i--) {
      const r = this.rng.next();
      body += r < 0.4 ? this.rng.pick(['a', 'hello', ' ', '%', ';', '--', '/*', '${x}', '"']) : r < 0.7 ? this.rng.pick(ESCAPES) : this.rng.pick(ODD_TEXT);
    }
    return `'${body}'`;
  }

  template(depth: number): string {
    let body = '';
    for (let i = this.rng.small(4); i > 0; i--) {
      const r = this.rng.next();
      if (r < 0.35) body += '${' + (this.rng.chance(0.05) ? '' : this.expr(depth - 1)) + '}';
      else if (r < 0.6) body += this.rng.pick(ESCAPES);
      else if (r < 0.75) body += this.rng.pick(ODD_TEXT);
      else body += this.rng.pick(['text', ' ', '$', '{', '}', "'"]);
    }
    return `"${body}"`;
  }

  /** A primary expression without sub-expressions. */
  leaf(): string {
    const r = this.rng.next();
    if (r < 0.25) return this.number();
    if (r < 0.45) return this.singleQuoted();
    if (r < 0.5) return this.template(0);
    if (r < 0.6) return this.kw(this.rng.pick(['TRUE', 'FALSE', 'NULL']));
    if (r < 0.95) return this.name();
    return `${this.name()}%${this.rng.pick(['FOUND', 'notfound', 'ROWCOUNT', 'IsOpen', 'bogus'])}`;
  }

  args(depth: number, max: number): string {
    const out: string[] = [];
    for (let i = this.rng.small(max); i > 0; i--) {
      out.push(this.rng.chance(0.1) ? this.lambda(depth) : this.expr(depth - 1));
    }
    return out.join(',' + this.ws());
  }

  lambda(depth: number): string {
    const params = this.rng.chance(0.5) ? this.name() : `(${Array.from({ length: this.rng.small(3) }, () => this.name()).join(', ')})`;
    return `${params} => ${this.expr(depth - 1)}`;
  }

  call(depth: number): string {
    return `${this.rng.pick(ROUTINES)}(${this.args(depth, 3)})`;
  }

  expr(depth: number): string {
    if (depth <= 0 || this.rng.chance(0.3)) return this.leaf();
    const d = depth - 1;
    const sp = () => this.ws();
    switch (this.rng.int(17)) {
      case 0: case 1: return `${this.expr(d)}${sp()}${this.kw(this.rng.pick(BINARY_OPS))}${sp()}${this.expr(d)}`;
      case 2: return `${this.rng.pick(['-', '+', '!', this.kw('NOT') + ' '])}${this.expr(d)}`;
      case 3: return `(${this.expr(d)})`;
      case 4: return `${this.expr(d)} ? ${this.expr(d)} : ${this.expr(d)}`;
      case 5: return `${this.expr(d)} ${this.kw('IS')} ${this.rng.chance(0.5) ? this.kw('NOT') + ' ' : ''}${this.kw('NULL')}`;
      case 6: return `${this.expr(d)} ${this.rng.chance(0.3) ? this.kw('NOT') + ' ' : ''}${this.kw('IN')} ${this.rng.chance(0.6) ? `(${this.args(depth, 4) || '1'})` : this.name()}`;
      case 7: return `${this.expr(d)}${this.rng.pick(['.', '?.'])}${this.rng.chance(0.8) ? this.name() : this.kw(this.rng.pick(['end', 'IF', 'from', 'status']))}`;
      case 8: return `${this.expr(d)}[${this.expr(d)}]`;
      case 9: case 10: return this.call(depth);
      case 11: return `[${this.args(depth, 4)}]`;
      case 12: return `{${Array.from({ length: this.rng.small(4) }, () => `${this.rng.pick([this.name(), "'k e y'", '"k"', 'end'])}: ${this.expr(d)}`).join(', ')}}`;
      case 13: return `(${this.esql(true)})`;
      case 14: return `${this.kw('EXECUTION')}(${this.expr(d)}) | ${this.executionOp()}`;
      case 15: return `${this.kw('CALL')} ${this.call(depth)}`;
      default: return this.template(depth);
    }
  }

  executionOp(): string {
    const op = this.rng.pick(['STATUS', 'CANCEL', 'RETRY', 'WAIT']);
    if (op !== 'WAIT' || this.rng.chance(0.4)) return this.kw(op);
    return `${this.kw('WAIT')} ${this.kw('TIMEOUT')} ${this.rng.pick(['5', '-1', '2.5', 'x', '(1 + 2)'])}${this.rng.chance(0.6) ? ' ' + this.kw('SECONDS') : ''}`;
  }

  esqlExpr(): string {
    return this.rng.pick([
      'a > 1', 'status == "RUNNING"', 'b IS NOT NULL', 'c IN (1, 2, 3)', 'name LIKE "a*"', 'msg RLIKE """.*;.*"""',
      `${this.rng.pick(ESQL_FUNCTIONS)}(a, "x)")`, 'a + 1::long', 'NOT x', '?', '?p', '@timestamp > NOW() - 1 day', '`weird name` == 2',
      'x /* ; */ == 1', 'CASE(a > 1, "y", "n")', '[1, 2, 3]', '1.5e3', '-9223372036854775808',
    ]);
  }

  /** ES|QL text as a script embeds it (§2.10); `inParens` keeps it free of a top-level `)`. */
  esql(inParens = false): string {
    const parts = [this.rng.chance(0.75)
      ? `${this.kw('FROM')} ${this.rng.pick(INDICES)}${this.rng.chance(0.2) ? ' METADATA _id, _index' : ''}`
      : `${this.kw('ROW')} a = ${this.esqlExpr()}, b = "x;y"`];
    for (let i = this.rng.small(5); i > 0; i--) {
      parts.push(this.rng.pick([
        `WHERE ${this.esqlExpr()}`, `EVAL c = ${this.esqlExpr()}`, 'KEEP a, b*, `c.d`', 'DROP x', 'RENAME a AS b',
        'SORT a DESC NULLS LAST, b', `LIMIT ${this.rng.pick(['10', '0', '2147483648', '?'])}`, 'STATS n = COUNT(*), m = MAX(a) BY g',
        'MV_EXPAND a', 'DISSECT msg "%{a} %{b}"', 'GROK msg "%{WORD:w}"', '// line comment\n', '/* block ) ; */', 'WHERE (a > (1))',
      ]));
    }
    const text = parts.join(this.rng.chance(0.8) ? ' | ' : '\n| ');
    return inParens ? text.replace(/\/\/ line comment\n/g, '') : text;
  }

  pipes(parallel: boolean): string {
    const phases = parallel ? ['ON_ALL_DONE', 'ON_ANY_FAIL', 'FINALLY', 'ON_DONE'] : ['ON_DONE', 'ON_FAIL', 'FINALLY', 'ON_ALL_DONE'];
    const out: string[] = [];
    for (let i = this.rng.small(4) + (parallel ? 0 : 1); i > 0; i--) {
      const r = this.rng.next();
      if (r < 0.6) out.push(`| ${this.kw(this.rng.pick(phases))} ${this.rng.pick(ROUTINES)}(${this.rng.pick(['@result', '@error', '@results', '@execution', '@bogus', "'x'", '@result, 1'])})`);
      else if (r < 0.8) out.push(`| ${this.kw('TRACK')} ${this.kw('AS')} ${this.singleQuoted()}`);
      else out.push(`| ${this.kw('TIMEOUT')} ${this.number()}${this.rng.chance(0.5) ? ' ' + this.kw('SECONDS') : ''}`);
    }
    return out.join(this.ws());
  }

  body(depth: number): string {
    return Array.from({ length: this.rng.small(4) }, () => this.statement(depth - 1)).join(this.ws());
  }

  end(word: string): string {
    return `${this.kw('END')} ${this.kw(word)}${this.rng.chance(0.85) ? ';' : ''}`;
  }

  params(): string {
    return Array.from({ length: this.rng.small(3) }, () => `${this.rng.chance(0.2) ? 'IN ' : ''}${this.name()} ${this.rng.pick(TYPES)}`).join(', ');
  }

  statement(depth: number): string {
    const e = () => this.expr(depth);
    const simple = depth <= 0 || this.rng.chance(0.45);
    const choice = simple ? this.rng.int(16) : 16 + this.rng.int(9);
    switch (choice) {
      case 0: return `${this.kw('VAR')} ${this.name()} = ${e()};`;
      case 1: return `${this.kw('CONST')} ${this.name()}${this.rng.chance(0.4) ? ' ' + this.rng.pick(TYPES) : ''} = ${e()};`;
      case 2: return `${this.kw('DECLARE')} ${this.name()} ${this.rng.pick(TYPES)}${this.rng.chance(0.5) ? ' = ' + e() : ''};`;
      case 3: return `${this.kw('SET')} ${this.name()}${this.rng.chance(0.3) ? '.' + this.name() : ''}${this.rng.chance(0.3) ? `[${e()}]` : ''} = ${e()};`;
      case 4: return `${this.kw('PRINT')} ${e()}${this.rng.chance(0.2) ? ', ' + this.kw(this.rng.pick(['DEBUG', 'INFO', 'WARN', 'ERROR'])) : ''};`;
      case 5: return `${this.kw('RETURN')}${this.rng.chance(0.7) ? ' ' + e() : ''};`;
      case 6: return `${this.kw(this.rng.pick(['THROW', 'RAISE']))} ${e()}${this.rng.chance(0.3) ? ` ${this.kw('WITH')} ${this.kw('CODE')} ${this.singleQuoted()}` : ''};`;
      case 7: return `${this.kw(this.rng.pick(['BREAK', 'CONTINUE', 'EXIT']))}${this.rng.chance(0.2) ? ` ${this.kw('WHEN')} ${e()}` : ''};`;
      case 8: return `${this.kw('DECLARE')} ${this.name()} ${this.kw('CURSOR')} ${this.kw('FOR')} ${this.esql()};`;
      case 9: return `${this.kw(this.rng.pick(['OPEN', 'CLOSE']))} ${this.name()};`;
      case 10: return `${this.kw('FETCH')} ${this.name()}${this.rng.chance(0.5) ? ` ${this.kw('LIMIT')} ${e()}` : ''} ${this.kw('INTO')} ${this.name()};`;
      case 11: return `${this.call(depth)} ${this.pipes(false)};`;
      case 12: return `${this.kw('PARALLEL')} [${Array.from({ length: 1 + this.rng.small(3) }, () => this.call(depth)).join(', ')}] ${this.pipes(true)};`;
      case 13: return `${this.esql()};`;
      case 14: return `${this.kw('DECLARE')} ${this.name()} ${this.rng.pick(TYPES)} ${this.esql()};`;
      case 15: return `${e()};`;
      case 16: return `${this.kw('IF')} ${e()} ${this.kw('THEN')} ${this.body(depth)}${this.rng.chance(0.3) ? ` ${this.kw(this.rng.pick(['ELSEIF', 'ELSIF']))} ${e()} ${this.kw('THEN')} ${this.body(depth)}` : ''}${this.rng.chance(0.4) ? ` ${this.kw('ELSE')} ${this.body(depth)}` : ''} ${this.end('IF')}`;
      case 17: return `${this.kw('FOR')} ${this.name()} ${this.kw('IN')} ${this.rng.pick([`${e()}..${e()}${this.rng.chance(0.3) ? ` ${this.kw('STEP')} ${e()}` : ''}`, e(), `(${this.esql(true)})`])} ${this.kw('LOOP')} ${this.body(depth)} ${this.end('LOOP')}`;
      case 18: return `${this.kw('WHILE')} ${e()} ${this.kw('LOOP')} ${this.body(depth)} ${this.end('LOOP')}`;
      case 19: return `${this.kw('LOOP')} ${this.body(depth)} ${this.end('LOOP')}`;
      case 20: return `${this.kw('SWITCH')} ${e()} ${Array.from({ length: this.rng.small(3) }, () => `${this.kw('CASE')} ${e()}: ${this.body(depth)}`).join(' ')}${this.rng.chance(0.5) ? ` ${this.kw('DEFAULT')}: ${this.body(depth)}` : ''} ${this.end('SWITCH')}`;
      case 21: return `${this.kw('TRY')} ${this.body(depth)} ${Array.from({ length: this.rng.small(3) }, () => `${this.kw('CATCH')} ${this.rng.pick(ERROR_TYPES)} ${this.body(depth)}`).join(' ')}${this.rng.chance(0.4) ? ` ${this.kw('FINALLY')} ${this.body(depth)}` : ''} ${this.end('TRY')}`;
      case 22: return `${this.kw('FUNCTION')} ${this.name()}(${this.params()})${this.rng.chance(0.5) ? ` ${this.kw('RETURNS')} ${this.rng.pick(TYPES)}` : ''} ${this.kw('BEGIN')} ${this.body(depth)} ${this.end('FUNCTION')}`;
      case 23: {
        const isFunction = this.rng.chance(0.5);
        return `${this.kw('CREATE')}${this.rng.chance(0.3) ? ` ${this.kw('OR')} ${this.kw('REPLACE')}` : ''} ${this.kw(isFunction ? 'FUNCTION' : 'PROCEDURE')} ${this.name()}(${this.params()})${isFunction ? ` ${this.kw('RETURNS')} ${this.rng.pick(TYPES)}` : ''} ${this.rng.chance(0.5) ? this.kw('AS') + ' ' : ''}${this.kw('BEGIN')} ${this.body(depth)} ${this.end(isFunction ? 'FUNCTION' : 'PROCEDURE')}`;
      }
      default: return this.rng.pick([`${this.kw('DROP')} ${this.kw('PROCEDURE')} ${this.name()};`, `${this.kw('SHOW')} ${this.kw(this.rng.pick(['PROCEDURES', 'FUNCTIONS']))};`, `${this.kw('SHOW')} ${this.kw('FUNCTION')} ${this.name()};`, ';']);
    }
  }

  /** One construct nested `levels` deep, the innermost being a leaf. */
  deep(levels: number): string {
    const kind = this.rng.int(7);
    const wrap = (open: string, close: string) => `${this.kw('PRINT')} ${open.repeat(levels)}${this.leaf()}${close.repeat(this.rng.chance(0.8) ? levels : this.rng.int(levels))};`;
    switch (kind) {
      case 0: return wrap('(', ')');
      case 1: return wrap('[', ']');
      case 2: return wrap('{a: ', '}');
      case 3: return wrap('f(', ')');
      case 4: return `${this.kw('PRINT')} ${`${this.kw('NOT')} `.repeat(levels)}x;`;
      case 5: return `${this.kw('IF')} x ${this.kw('THEN')} `.repeat(levels) + `${this.kw('END')} ${this.kw('IF')}; `.repeat(this.rng.chance(0.8) ? levels : this.rng.int(levels));
      default: return `${this.kw('PRINT')} ${'"${'.repeat(levels)}1${'}"'.repeat(levels)};`;
    }
  }

  /** A script with one very long line. */
  long(): string {
    const n = this.rng.range(1_000, GENERATOR_LIMITS.longLine);
    switch (this.rng.int(4)) {
      case 0: return `${this.kw('PRINT')} '${this.rng.pick(['x', 'é', '😀', '\\n'])}`.padEnd(n, 'y') + "';";
      case 1: return `${this.kw('VAR')} a = [${Array.from({ length: n / 10 }, (_, i) => String(i)).join(',')}];`;
      case 2: return `${this.kw('PRINT')} ${Array.from({ length: Math.min(n / 20, 450) }, () => this.leaf()).join(' || ')};`;
      default: return Array.from({ length: n / 20 }, () => `${this.kw('SET')} x = 1;`).join(' ');
    }
  }

  script(): string {
    const r = this.rng.next();
    if (r < 0.02) return this.deep(this.rng.range(50, GENERATOR_LIMITS.deepNesting));
    if (r < 0.04) return this.long();
    const statements = Array.from({ length: 1 + this.rng.small(8) }, () => this.statement(GENERATOR_LIMITS.depth));
    let text = statements.join(this.rng.chance(0.7) ? '\n' : this.ws());
    if (this.rng.chance(0.15)) text = text.replace(/;\s*$/, ''); // §3.2: the last `;` may be omitted
    if (this.rng.chance(0.1)) text = '\uFEFF' + text;
    return text;
  }
}

/** A random script built from the grammar's constructs. */
export function generateScript(rng: Prng): string {
  return new ScriptGenerator(rng).script();
}

/** A random ES|QL query in the forms a script embeds. */
export function generateEsql(rng: Prng): string {
  return new ScriptGenerator(rng).esql();
}
