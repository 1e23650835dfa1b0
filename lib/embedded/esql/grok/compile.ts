/**
 * Compiles a grok expression (`%{SYNTAX:field:type}` references and Oniguruma-style regular expression
 * text) into a JavaScript regular expression plus the captures it names. Named groups are turned into
 * numbered ones and mapped back to names here, because a name may repeat (`%{WORD:a} %{WORD:a}` gives
 * `a` two values) and JavaScript refuses repeated group names. Unnamed groups do not capture, as in
 * Oniguruma once a pattern has named groups.
 */
import type { EsqlType } from '../table';
import { GROK_HELPERS, GROK_PATTERNS, UNSUPPORTED_GROK_PATTERNS } from './patterns';
import { regexErrorReason } from '../../regex-reason';

/** The ES|QL type of a capture: `%{NUMBER:n:int}` is an integer, `:float` widens to double. */
export type GrokType = 'keyword' | 'integer' | 'long' | 'double' | 'float' | 'boolean';

/**
 * One named group of the compiled expression: its group number, column name and conversion. `source`
 * is how the group was named (`WORD:a`, `NUMBER:n:int`, or `a` for `(?<a>…)`): a name may repeat only
 * with the same source, because Elasticsearch gives each distinct source its own column definition.
 */
export interface GrokCapture { group: number; name: string; type: GrokType; source: string }

/** A compiled grok expression: the regular expression and its named groups in pattern order. */
export interface CompiledGrok { regex: RegExp; captures: GrokCapture[] }

/** The ES|QL column type a capture type produces (floats are widened). */
export const columnType = (t: GrokType): EsqlType => (t === 'float' ? 'double' : t);

const TYPES: Record<string, GrokType> = { int: 'integer', long: 'long', float: 'float', double: 'double', boolean: 'boolean' };

/** How deep pattern references may nest before the expression is refused as recursive. */
const MAX_DEPTH = 30;

/** POSIX bracket classes Oniguruma accepts inside `[...]`, as JavaScript class contents. */
const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  xdigit: '0-9A-Fa-f', word: '\\w', punct: '!-\\/:-@\\[-`{-~', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/** A problem with the expression, worded as Elasticsearch's parser words it. */
export class GrokError extends Error {}

class Translator {
  readonly captures: GrokCapture[] = [];
  private groups = 0;
  /** The one pattern being translated, which a malformed-regex message names (unknown names cite all of them). */
  current = '';

  constructor(private readonly pattern: string) {}

  /** Translates `text` (the user's, or a library definition when `library`) to JavaScript regex source. */
  translate(text: string, library: boolean, depth: number): string {
    if (depth > MAX_DEPTH) throw this.invalid('circular or too deeply nested pattern references');
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) throw this.invalid('too short escape sequence');
        if (UNTRANSLATABLE.has(next)) throw this.invalid(`the escape \\${next} is not supported by the embedded engine`);
        out += ESCAPES[next] ?? c + next;
        i++;
      } else if (c === '[') {
        const end = classEnd(text, i);
        if (end < 0) throw this.invalid('premature end of char-class');
        out += translateClass(text.slice(i, end + 1));
        i = end;
      } else if (c === '%' && text[i + 1] === '{') {
        const end = text.indexOf('}', i);
        if (end < 0) throw this.invalid('unterminated pattern reference');
        out += this.reference(text.slice(i + 2, end), library, depth);
        i = end;
      } else if (c === '(') {
        const [replacement, consumed] = this.group(text, i);
        out += replacement;
        i += consumed - 1;
      } else out += c;
    }
    return out;
  }

  /** `%{SYNTAX}`, `%{SYNTAX:field}` or `%{SYNTAX:field:type}`. */
  private reference(body: string, library: boolean, depth: number): string {
    const m = /^(\w+)(?::([^:]+))?(?::(\w+))?$/.exec(body);
    if (!m) throw this.unknown(body);
    const [, name, field, type] = m;
    const definition = GROK_PATTERNS[name] ?? (library ? GROK_HELPERS[name] : undefined);
    if (definition === undefined) {
      if (UNSUPPORTED_GROK_PATTERNS.has(name)) throw new GrokError(`Invalid pattern [${this.pattern}] for grok: pattern [${name}] is not supported by the embedded engine`);
      throw this.unknown(name);
    }
    if (!field) return `(?:${this.translate(definition, true, depth + 1)})`;
    const group = ++this.groups;
    this.captures.push({ group, name: field, type: (type && TYPES[type]) || 'keyword', source: body });
    return `(${this.translate(definition, true, depth + 1)})`;
  }

  /** A group opening at `text[at]`: its JavaScript form and how many characters of `text` it took. */
  private group(text: string, at: number): [string, number] {
    if (text[at + 1] !== '?') return ['(?:', 1];
    const rest = text.slice(at + 2);
    const named = /^<([A-Za-z_]\w*)>/.exec(rest) ?? /^'([A-Za-z_]\w*)'/.exec(rest);
    if (named) {
      const group = ++this.groups;
      this.captures.push({ group, name: named[1], type: 'keyword', source: named[1] });
      return ['(', 2 + named[0].length];
    }
    if (rest.startsWith('>')) return ['(?:', 3]; // atomic group: matched like a plain group here
    if (rest.startsWith('#')) {
      const end = text.indexOf(')', at);
      if (end < 0) throw this.invalid('end pattern in group');
      return ['', end - at + 1];
    }
    if (/^(?::|=|!|<=|<!)/.test(rest)) return ['(?', 2];
    throw this.invalid('undefined group option');
  }

  private invalid(reason: string): GrokError { return new GrokError(`Invalid GROK pattern [${this.current}]: [${reason}]`); }
  private unknown(name: string): GrokError {
    return new GrokError(`Invalid pattern [${this.pattern}] for grok: Unable to find pattern [${name}] in Grok's pattern dictionary`);
  }
}

/** Oniguruma escapes whose JavaScript spelling differs (`^`/`$` match at line breaks here, so the string anchors are lookarounds). */
const ESCAPES: Record<string, string> = {
  A: '(?<![\\s\\S])', z: '(?![\\s\\S])', Z: '(?=\\n?(?![\\s\\S]))', h: '[0-9A-Fa-f]', H: '[^0-9A-Fa-f]',
};
/** Escapes with no JavaScript equivalent here: Unicode properties, named back-references and subexpression calls. */
const UNTRANSLATABLE: ReadonlySet<string> = new Set(['p', 'P', 'k', 'g']);

/** The index of the `]` closing the class that opens at `text[at]`, or -1. */
function classEnd(text: string, at: number): number {
  let i = at + 1;
  if (text[i] === '^') i++;
  if (text[i] === ']') i++;
  for (; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[' && text[i + 1] === ':') {
      const close = text.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (text[i] === ']') return i;
  }
  return -1;
}

/** A character class with POSIX bracket names and Oniguruma's `\h` spelled out for JavaScript. */
function translateClass(cls: string): string {
  return cls
    .replace(/\[:(\^?)(\w+):\]/g, (whole, negated: string, name: string) => (POSIX[name] && !negated ? POSIX[name] : whole))
    .replace(/\\h/g, '0-9A-Fa-f');
}

/** Compiles one pattern alone, to report a malformed one by itself as Elasticsearch does. */
function compileOne(pattern: string, translator: Translator): string {
  translator.current = pattern;
  const source = translator.translate(pattern, false, 0);
  try {
    // Oniguruma's Ruby syntax: `^` and `$` match at line breaks too
    new RegExp(source, 'm');
  } catch (e) {
    throw new GrokError(`Invalid GROK pattern [${pattern}]: [${regexErrorReason(e)}]`);
  }
  return source;
}

/**
 * Compiles the expression (several patterns are alternatives, the first that matches applies), or throws
 * `GrokError`: an unknown pattern, a malformed regular expression, or one field named by two different references.
 */
export function compileGrok(patterns: string | string[]): CompiledGrok {
  const list = [patterns].flat();
  const combined = list.length === 1 ? list[0] : list.map((p) => `(?:${p})`).join('|');
  const translator = new Translator(combined);
  const source = list.map((p) => compileOne(p, translator)).map((s) => (list.length === 1 ? s : `(?:${s})`)).join('|');
  const sources = new Map<string, string>();
  for (const c of translator.captures) {
    // `%{NUMBER:a} %{WORD:a}` is refused like `%{NUMBER:a:int} %{NUMBER:a}`, with Elasticsearch's wording for both
    const seen = sources.get(c.name);
    if (seen !== undefined && seen !== c.source) {
      const shown = list.length === 1 ? `pattern [${list[0]}]` : `patterns [${list.join(', ')}]`;
      throw new GrokError(`Invalid GROK ${shown}: the attribute [${c.name}] is defined multiple times with different types`);
    }
    sources.set(c.name, c.source);
  }
  return { regex: new RegExp(source, 'm'), captures: translator.captures };
}

/** The columns a compiled expression adds: one per field name, sorted by name as Elasticsearch lists them. */
export function grokColumns(grok: CompiledGrok): { name: string; type: EsqlType }[] {
  const byName = new Map<string, EsqlType>();
  for (const c of grok.captures) byName.set(c.name, columnType(c.type));
  return [...byName.keys()].sort().map((name) => ({ name, type: byName.get(name)! }));
}
