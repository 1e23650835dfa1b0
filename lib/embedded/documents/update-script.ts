/**
 * The part of Painless that the embedded engine runs in update scripts (`_update_by_query`): setting and
 * removing `_source` fields, the way a partial update is written for Elasticsearch. A script is `;`
 * separated statements, each one of
 *
 *   ctx._source.<path> = <value>        ctx._source['<field>'] = <value>
 *   ctx._source.remove('<field>')       ctx.op = 'noop' | 'delete'
 *
 * where `<path>` is dotted field names (objects are created on the way) and `<value>` is a number, a
 * quoted string, true, false, null, or `params.<name>` (any JSON value of the script's `params`). Anything
 * else is refused before any document is touched, naming the statement: never a partial run.
 */
import { EsError } from '../errors';

type Json = unknown;

/** One parsed statement. */
type Step =
  | { kind: 'set'; path: string[]; value: (params: Record<string, Json>) => Json }
  | { kind: 'remove'; field: string }
  | { kind: 'op'; op: 'noop' | 'delete' | 'index' };

/** What running a script did to one document. */
export type ScriptOutcome = { op: 'index'; source: Record<string, unknown> } | { op: 'noop' } | { op: 'delete' };

/** A checked script, ready to run on each document. */
export interface UpdateScript {
  run: (source: Record<string, unknown>) => ScriptOutcome;
}

const SUPPORTED = "ctx._source.<field> = <number, 'string', true, false, null or params.<name>>; ctx._source.remove('<field>'); ctx.op = 'noop' or 'delete'";

function refuse(statement: string): never {
  throw new EsError(400, 'illegal_argument_exception',
    `the embedded engine runs only simple Painless statements in update scripts (${SUPPORTED}); cannot run [${statement}]`);
}

const QUOTED = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/;

const unquote = (text: string): string | undefined => {
  const m = QUOTED.exec(text);
  return m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1') : undefined;
};

function parseValue(text: string, statement: string): (params: Record<string, Json>) => Json {
  const quoted = unquote(text);
  if (quoted !== undefined) return () => quoted;
  if (text === 'true' || text === 'false') { const b = text === 'true'; return () => b; }
  if (text === 'null') return () => null;
  if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[LlFfDd]?$/.test(text)) { const n = Number(text.replace(/[LlFfDd]$/, '')); return () => n; }
  const param = /^params\.([A-Za-z_][\w]*)$|^params\[\s*(?:'([^']*)'|"([^"]*)")\s*\]$/.exec(text);
  if (param) {
    const name = param[1] ?? param[2] ?? param[3];
    return (params) => {
      if (!Object.hasOwn(params, name)) return null;
      // a copy: one document's change must not leak into the next one's value
      return structuredClone(params[name]);
    };
  }
  return refuse(statement);
}

/** `ctx._source.a.b` (a path) or `ctx._source['a.b']` (one key, dots and all) → the keys, or undefined. */
function parseTarget(text: string): string[] | undefined {
  const dotted = /^ctx\._source((?:\.[A-Za-z_@][\w@-]*)+)$/.exec(text);
  if (dotted) return dotted[1].slice(1).split('.');
  const bracket = /^ctx\._source\[\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\]$/.exec(text);
  if (bracket) return [unquote(bracket[1])!];
  return undefined;
}

/** Splits on `;` outside quotes. */
function statements(source: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      current += ch;
      if (ch === '\\' && i + 1 < source.length) current += source[++i];
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") { quote = ch; current += ch; }
    else if (ch === ';') { out.push(current.trim()); current = ''; }
    else current += ch;
  }
  if (quote) refuse(source.trim());
  out.push(current.trim());
  return out.filter((s) => s !== '');
}

function parseStep(statement: string): Step {
  const remove = /^ctx\._source\.remove\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\)$/.exec(statement);
  if (remove) return { kind: 'remove', field: unquote(remove[1])! };
  const at = statement.search(/(?<![=!<>])=(?!=)/);
  if (at < 0) return refuse(statement);
  const left = statement.slice(0, at).trim();
  const right = statement.slice(at + 1).trim();
  if (left === 'ctx.op') {
    const op = unquote(right);
    if (op === 'noop' || op === 'delete' || op === 'index') return { kind: 'op', op };
    return refuse(statement);
  }
  const path = parseTarget(left);
  if (!path) return refuse(statement);
  return { kind: 'set', path, value: parseValue(right, statement) };
}

/**
 * Checks `script` (a string, or `{source, params, lang}`) and returns it ready to run; a 400 for anything
 * outside the supported statements, for another `lang`, or for a stored script `id`.
 */
export function compileUpdateScript(script: unknown): UpdateScript {
  const spec = typeof script === 'string' ? { source: script } : script;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new EsError(400, 'parsing_exception', '[script] must be a string or an object');
  }
  const { source, params = {}, lang = 'painless', id } = spec as { source?: unknown; params?: unknown; lang?: unknown; id?: unknown };
  if (id !== undefined) throw new EsError(400, 'illegal_argument_exception', 'stored scripts are not supported by the embedded engine');
  if (lang !== 'painless') throw new EsError(400, 'illegal_argument_exception', `script_lang not supported [${String(lang)}]`);
  if (typeof source !== 'string') throw new EsError(400, 'parsing_exception', '[script] requires [source]');
  if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new EsError(400, 'parsing_exception', '[params] must be an object');
  const steps = statements(source).map(parseStep);
  const values = params as Record<string, Json>;
  return {
    run: (original) => {
      const source: Record<string, unknown> = structuredClone(original);
      let op: 'noop' | 'delete' | 'index' = 'index';
      for (const step of steps) {
        if (step.kind === 'op') op = step.op;
        else if (step.kind === 'remove') delete source[step.field];
        else setPath(source, step.path, step.value(values));
      }
      return op === 'index' ? { op, source } : { op };
    },
  };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (next !== undefined && next !== null) {
        throw new EsError(400, 'illegal_argument_exception', `cannot set [${path.join('.')}]: [${key}] is not an object`);
      }
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
