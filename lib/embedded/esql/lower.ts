/**
 * Lowers the Lezer tree of an ES|QL query (grammar/esql.grammar) to the typed AST of `ast.ts`.
 * This is the only module that touches Lezer nodes. It never throws on user input: problems are
 * collected as messages with offsets. Given the request's parameters, it also binds the ones that stand
 * for names (`{"f": {"identifier": "color"}}` makes `?f` the column `color`), as Elasticsearch's parser does.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type {
  BinaryOp, Command, Expr, FieldNode, EsqlQuery, NamePattern, OrderNode, ParamExpr, ProcessingCommand, SourceCommand, Span,
} from './ast';
import { paramFor, type Params } from './params';
import { sampleProbability, type Constant } from './commands/sample';
import { compileGrok, GrokError } from './grok/compile';

/** A syntax problem at an offset of the query text. */
export interface SyntaxProblem { message: string; offset: number }

const INT_MAX = 2147483647;

const isComment = (n: SyntaxNode) => n.name === 'LineComment' || n.name === 'BlockComment';
const isParam = (n: SyntaxNode) => n.name === 'Param' || n.name === 'ScriptParam';
const SOURCE_KINDS: ReadonlySet<Command['kind']> = new Set(['FROM', 'ROW', 'SHOW_INFO', 'UNSUPPORTED']);
/** The children of `n` without comments (which the grammar skips anywhere). */
function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!isComment(c)) out.push(c);
  return out;
}
const first = (n: SyntaxNode) => kids(n)[0];
const last = (n: SyntaxNode) => { const k = kids(n); return k[k.length - 1]; };

class Lowerer {
  readonly problems: SyntaxProblem[] = [];
  private anonymousParams = 0;

  constructor(private readonly text: string, private readonly params: Params | undefined) {}

  private src(n: SyntaxNode): string { return this.text.slice(n.from, n.to); }
  private span(n: SyntaxNode): Span { return { from: n.from, to: n.to }; }
  private fail(n: SyntaxNode, message: string): void { this.failAt(n.from, message); }
  private failAt(offset: number, message: string): void { this.problems.push({ message, offset }); }

  query(top: SyntaxNode): EsqlQuery | null {
    const commands: Command[] = [];
    for (let c = top.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Pipe' || c.type.isError || isComment(c)) continue;
      const cmd = this.command(c);
      if (cmd) commands.push(cmd);
    }
    const [source, ...rest] = commands;
    if (!source || !SOURCE_KINDS.has(source.kind)) return null;
    return { kind: 'Query', source: source as SourceCommand, commands: rest as ProcessingCommand[], text: this.text, span: this.span(top) };
  }

  private command(n: SyntaxNode): Command | null {
    const span = this.span(n);
    switch (n.name) {
      case 'FromCommand': return this.from(n);
      case 'RowCommand': return { kind: 'ROW', fields: this.fields(n), span };
      case 'WhereCommand': return { kind: 'WHERE', condition: this.expr(last(n)), span };
      case 'EvalCommand': return { kind: 'EVAL', fields: this.fields(n), span };
      case 'KeepCommand': return { kind: 'KEEP', patterns: this.patterns(n), span };
      case 'DropCommand': return { kind: 'DROP', patterns: this.patterns(n), span };
      case 'RenameCommand':
        return {
          kind: 'RENAME', span,
          renames: n.getChildren('RenameClause').map((r) => {
            const [from, to] = this.patterns(r);
            return { from, to: to ?? from };
          }),
        };
      case 'SortCommand': return { kind: 'SORT', orders: n.getChildren('OrderExpression').map((o) => this.order(o)), span };
      case 'LimitCommand': return this.limit(n);
      case 'StatsCommand': return this.stats(n);
      case 'MvExpandCommand': {
        const q = n.getChild('QualifiedName')!;
        return { kind: 'MV_EXPAND', column: { kind: 'Column', name: this.qualifiedName(q), span: this.span(q) }, span };
      }
      case 'DissectCommand': {
        const option = n.getChild('CommandOption');
        let appendSeparator: string | null = null;
        if (option) {
          const value = this.expr(last(option));
          if (value.kind === 'Literal' && typeof value.value === 'string') appendSeparator = value.value;
          else this.fail(option, 'Invalid value for APPEND_SEPARATOR: expected a string');
        }
        return { kind: 'DISSECT', input: this.exprChildren(n)[0], pattern: this.stringOf(n, 1), appendSeparator, span };
      }
      case 'GrokCommand': {
        const patterns = [...n.getChildren('String'), ...n.getChildren('TripleString')].sort((a, b) => a.from - b.from).map((s) => this.string(s));
        // Elasticsearch compiles the grok expression while parsing, so its errors come before any other
        try { compileGrok(patterns); } catch (e) { if (e instanceof GrokError) this.fail(n, e.message); else throw e; }
        return { kind: 'GROK', input: this.exprChildren(n)[0], patterns, span };
      }
      case 'SampleCommand': return this.sample(n);
      case 'ShowCommand': {
        const item = last(n);
        if (this.src(item).toLowerCase() !== 'info') this.fail(item, `mismatched input '${this.src(item)}' expecting 'info'`);
        return { kind: 'SHOW_INFO', span };
      }
      case 'UnsupportedCommand': case 'UnsupportedSourceCommand': return { kind: 'UNSUPPORTED', command: this.commandName(n), span };
      default:
        this.fail(n, `mismatched input '${this.src(n)}'`);
        return null;
    }
  }

  private from(n: SyntaxNode): SourceCommand {
    const indices: { pattern: string; span: Span }[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'IndexPattern') indices.push({ pattern: this.src(c), span: this.span(c) });
      else if (c.name === 'String' || c.name === 'TripleString') indices.push({ pattern: this.string(c), span: this.span(c) });
    }
    const metadata = (n.getChild('Metadata')?.getChildren('Identifier') ?? []).map((m) => ({ name: this.src(m), span: this.span(m) }));
    return { kind: 'FROM', indices, metadata, span: this.span(n) };
  }

  /** The name Elasticsearch gives a command it has and the engine refuses: its word, or its two words (`LOOKUP JOIN`). */
  private commandName(n: SyntaxNode): string {
    const [word, next] = kids(n).map((k) => this.src(k).toUpperCase());
    return (word === 'LOOKUP' && next === 'JOIN') || (word === 'INLINE' && next === 'STATS') ? `${word} ${next}` : word;
  }

  /** SAMPLE's probability, checked while parsing as Elasticsearch does (a parameter only when the request's are known). */
  private sample(n: SyntaxNode): Command {
    const span = this.span(n);
    const arg = this.expr(last(n));
    if (arg.kind === 'Param' && !this.params) return { kind: 'SAMPLE', probability: arg, span };
    let constant: Constant | undefined;
    if (arg.kind === 'Literal') constant = { value: arg.value, type: arg.valueType };
    else if (arg.kind === 'Param') {
      const p = this.boundParam(arg);
      if (!p) return { kind: 'SAMPLE', probability: 0, span };
      constant = p.kind === 'value' ? p : { value: p.kind === 'identifier' ? p.name : p.pattern, type: 'keyword' };
    }
    const checked = sampleProbability(constant ?? { value: this.src(last(n)), type: 'keyword' });
    if (typeof checked === 'string') this.failAt(n.from, checked);
    return { kind: 'SAMPLE', probability: typeof checked === 'number' ? checked : 0, span };
  }

  private limit(n: SyntaxNode): Command {
    const arg = last(n);
    if (arg.name === 'Param') return { kind: 'LIMIT', count: this.param(arg), span: this.span(n) };
    const count = Number(this.src(arg));
    if (!Number.isSafeInteger(count) || count > INT_MAX) this.fail(arg, `Invalid value for LIMIT [${this.src(arg)}], expecting a non negative integer`);
    return { kind: 'LIMIT', count, span: this.span(n) };
  }

  private stats(n: SyntaxNode): Command {
    const aggregates: FieldNode[] = [];
    const groups: FieldNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Field') groups.push(this.field(c));
      else if (c.name === 'AggregateField') {
        const field = this.field(c.getChild('Field')!);
        const condition = c.getChild('WHERE') ? last(c) : null;
        aggregates.push(condition ? { ...field, filter: this.expr(condition) } : field);
      }
    }
    return { kind: 'STATS', aggregates, groups, span: this.span(n) };
  }

  private order(n: SyntaxNode): OrderNode {
    const descending = !!n.getChild('DESC');
    const nullsFirst = n.getChild('NULLS') ? !!n.getChild('FIRST') : descending;
    return { expr: this.expr(first(n)), descending, nullsFirst, span: this.span(n) };
  }

  private fields(n: SyntaxNode): FieldNode[] { return n.getChildren('Field').map((f) => this.field(f)); }

  private field(n: SyntaxNode): FieldNode {
    const nameNode = first(n).name === 'QualifiedName' && n.getChild('=') ? first(n) : null;
    const exprNode = last(n);
    const expr = this.expr(exprNode);
    if (nameNode) return { name: this.qualifiedName(nameNode), expr, span: this.span(n), nameSpan: this.span(nameNode) };
    // a bare parameter bound to a column is named after the column (`BY ?f` groups by, and names, `color`)
    const name = isParam(exprNode) && expr.kind === 'Column' ? expr.name : this.src(exprNode);
    return { name, expr, span: this.span(n), nameSpan: this.span(exprNode) };
  }

  /** The column-name patterns of KEEP, DROP or a RENAME clause, in order: written ones and parameters. */
  private patterns(n: SyntaxNode): NamePattern[] {
    return kids(n).filter((k) => k.name === 'IdPattern' || isParam(k)).map((k) => (k.name === 'IdPattern' ? this.pattern(k) : this.paramPattern(k)));
  }

  /**
   * A parameter where a column name or pattern goes: its identifier or pattern. Without the request's
   * parameters (the editor) it stays its own text; a value parameter is refused as Elasticsearch refuses it.
   */
  private paramPattern(n: SyntaxNode): NamePattern {
    const span = this.span(n);
    if (!this.params || n.name !== 'Param') return { pattern: this.src(n), span };
    const p = this.boundParam(this.param(n));
    if (p === undefined) return { pattern: this.src(n), span };
    if (p.kind === 'identifier') return { pattern: p.name, span };
    if (p.kind === 'pattern') return { pattern: p.pattern, span };
    if (p.value !== null) this.fail(n, `Query parameter [${this.src(n)}] with value [${String(p.value)}] declared as a constant, cannot be used as an identifier or pattern`);
    return { pattern: this.src(n), span };
  }

  /** The request's parameter for `e`, or undefined (with a problem recorded) when there is none. */
  private boundParam(e: ParamExpr): ReturnType<typeof paramFor> {
    const params = this.params!;
    const p = paramFor(e, params);
    if (p) return p;
    if (e.name !== null) this.failAt(e.span.from, `Unknown query parameter [${e.name}]`);
    else this.failAt(e.span.from, `No parameter is defined for position ${(e.position ?? 0) + 1}, did you mean ${params.positional.length === 0 ? 'any position' : `any position between 1 and ${params.positional.length}`}?`);
    return undefined;
  }

  private pattern(n: SyntaxNode): NamePattern {
    // back-quoted segments lose their quotes; a doubled back-quote inside stands for one
    const raw = this.src(n);
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] !== '`') { out += raw[i]; continue; }
      for (i++; i < raw.length; i++) {
        if (raw[i] === '`') {
          if (raw[i + 1] === '`') { out += '`'; i++; continue; }
          break;
        }
        out += raw[i];
      }
    }
    return { pattern: out, span: this.span(n) };
  }

  private qualifiedName(n: SyntaxNode): string {
    const parts: string[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Identifier') parts.push(this.src(c));
      else if (c.name === 'QuotedIdentifier') parts.push(this.src(c).slice(1, -1).replace(/``/g, '`'));
    }
    return parts.join('.');
  }

  private exprChildren(n: SyntaxNode): Expr[] {
    const out: Expr[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.type.is('Expression')) out.push(this.expr(c));
    return out;
  }

  private stringOf(n: SyntaxNode, index: number): string {
    const strings = [...n.getChildren('String'), ...n.getChildren('TripleString')].sort((a, b) => a.from - b.from);
    const pick = strings[index - 1] ?? strings[0];
    return pick ? this.string(pick) : '';
  }

  private string(n: SyntaxNode): string {
    const raw = this.src(n);
    if (n.name === 'TripleString') return raw.slice(3, -3);
    let out = '';
    for (let i = 1; i < raw.length - 1; i++) {
      const ch = raw[i];
      if (ch !== '\\') { out += ch; continue; }
      const next = raw[++i];
      if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else if (next === 'r') out += '\r';
      else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) { out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16)); i += 4; }
      else out += next;
    }
    return out;
  }

  private param(n: SyntaxNode): ParamExpr {
    const id = this.src(n).slice(1);
    const span = this.span(n);
    if (id === '') return { kind: 'Param', name: null, position: this.anonymousParams++, span };
    if (/^[0-9]+$/.test(id)) return { kind: 'Param', name: null, position: Number(id) - 1, span };
    return { kind: 'Param', name: id, position: null, span };
  }

  expr(n: SyntaxNode): Expr {
    const span = this.span(n);
    switch (n.name) {
      case 'Integer': {
        const text = this.src(n);
        const exact = BigInt(text);
        const valueType = exact <= BigInt(INT_MAX) ? 'integer' : exact < 2n ** 63n ? 'long' : 'double';
        return { kind: 'Literal', value: Number(text), valueType, span };
      }
      case 'Decimal': return { kind: 'Literal', value: Number(this.src(n)), valueType: 'double', span };
      case 'String': case 'TripleString': return { kind: 'Literal', value: this.string(n), valueType: 'keyword', span };
      case 'Boolean': return { kind: 'Literal', value: !!n.getChild('TRUE'), valueType: 'boolean', span };
      case 'Null': return { kind: 'Literal', value: null, valueType: 'null', span };
      case 'IntervalLiteral': {
        const amount = Number(this.src(first(n)));
        return { kind: 'Interval', amount, unit: this.src(last(n)).toLowerCase(), span };
      }
      case 'ListLiteral': return { kind: 'List', items: this.exprChildren(n), span };
      case 'Param': {
        // an identifier parameter is a column reference; values stay parameters for the expression compiler
        const param = this.param(n);
        const bound = this.params && paramFor(param, this.params);
        return bound?.kind === 'identifier' ? { kind: 'Column', name: bound.name, span } : param;
      }
      case 'ColumnRef': return { kind: 'Column', name: this.qualifiedName(first(n)), span };
      case 'FunctionCall': {
        const name = first(n);
        return { kind: 'Call', name: this.src(name), args: this.exprChildren(n), star: !!n.getChild('Star'), nameSpan: this.span(name), span };
      }
      case 'ParenExpression': return this.expr(kids(n)[1]);
      case 'CastExpression': return { kind: 'Cast', expr: this.expr(first(n)), type: this.src(last(n)).toLowerCase(), span };
      case 'UnaryExpression': {
        const op = this.src(first(n)) as '-' | '+';
        const inner = this.expr(last(n));
        if (inner.kind === 'Literal' && typeof inner.value === 'number') {
          const value = op === '-' ? -inner.value : inner.value;
          // -2147483648 and -9223372036854775808 fit the narrower type only once negated
          const valueType = inner.valueType === 'long' && value >= -INT_MAX - 1 && value <= INT_MAX ? 'integer'
            : inner.valueType === 'double' && value === -(2 ** 63) && !this.src(n).includes('.') ? 'long' : inner.valueType;
          return { kind: 'Literal', value, valueType, span };
        }
        if (inner.kind === 'Interval') return { ...inner, amount: op === '-' ? -inner.amount : inner.amount, span };
        return { kind: 'Unary', op, expr: inner, span };
      }
      case 'NotExpression': return { kind: 'Unary', op: 'NOT', expr: this.expr(last(n)), span };
      case 'BinaryExpression': {
        const opNode = kids(n)[1];
        const op = (opNode.name === 'AND' || opNode.name === 'OR' ? opNode.name : this.src(opNode)) as BinaryOp;
        return { kind: 'Binary', op, left: this.expr(first(n)), right: this.expr(last(n)), span };
      }
      case 'IsNullExpression': return { kind: 'IsNull', expr: this.expr(first(n)), negated: !!n.getChild('NOT'), span };
      case 'InExpression': {
        const [expr, ...list] = this.exprChildren(n);
        return { kind: 'In', expr, list, negated: !!n.getChild('NOT'), span };
      }
      case 'LikeExpression': {
        const patterns = [...n.getChildren('String'), ...n.getChildren('TripleString')].map((s) => this.string(s));
        return { kind: 'Like', expr: this.expr(first(n)), patterns, regex: !!n.getChild('RLIKE'), negated: !!n.getChild('NOT'), span };
      }
      default:
        this.fail(n, `mismatched input '${this.src(n)}'`);
        return { kind: 'Literal', value: null, valueType: 'null', span };
    }
  }
}

/** The first syntax error of the tree, worded as Elasticsearch's parser words it, or null. */
function syntaxError(tree: Tree, text: string): SyntaxProblem | null {
  let found: SyntaxProblem | null = null;
  tree.iterate({
    enter: (node) => {
      if (found) return false;
      if (!node.type.isError) return undefined;
      const at = node.from;
      const rest = text.slice(at);
      const word = /^\s*([^\s|,()]+|\S)/.exec(rest);
      found = at >= text.trimEnd().length || !word
        ? { message: "mismatched input '<EOF>'", offset: Math.min(at, text.length) }
        : { message: `mismatched input '${word[1]}'`, offset: at + rest.indexOf(word[1]) };
      return false;
    },
  });
  return found;
}

/**
 * Lowers a parsed tree; returns the AST (null when the source command is missing) and the problems found.
 * `params` (the request's) bind parameters that stand for names and check SAMPLE's; without them
 * (the editor, the script runtime) parameters stay as written.
 */
export function lowerQuery(tree: Tree, text: string, params?: Params): { ast: EsqlQuery | null; problems: SyntaxProblem[] } {
  const error = syntaxError(tree, text);
  if (error) return { ast: null, problems: [error] };
  const lowerer = new Lowerer(text, params);
  const ast = lowerer.query(tree.topNode);
  if (!ast && lowerer.problems.length === 0) lowerer.problems.push({ message: "mismatched input '<EOF>'", offset: text.length });
  return { ast: lowerer.problems.length ? null : ast, problems: lowerer.problems };
}
