/**
 * The ES|QL bridge (LANGUAGE.md §10): query preparation (§10.2), running and result conversion
 * (§10.3), query statements and expressions, FOR over a query, typed binding (§10.5) and cursors
 * (§10.6).
 */
import type {
  CloseStatement, CursorAttribute, CursorDeclaration, FetchStatement, ForEachStatement, ForQueryStatement, OpenStatement,
  QueryExpr, QueryStatement, TypedQueryDeclaration,
} from '../../language/ast';
import { EscriptError, fail } from '../errors';
import { translateStoreError } from '../store-errors';
import { ANY_TYPE, MISMATCH, typeSpec, type TypeSpec } from '../types';
import { DateValue, isoString, parseIsoDate, type DocumentValue, type Value } from '../values';
import type { Compiler } from './compiler';
import {
  asyncExpr, BREAK, checkpoint, maybeYield, yieldDue, NORMAL, RETURN, syncExpr, type CExpr, type Completion, type CStmt, type Frame, type Run,
} from './context';
import { frameGetter, Scope, type VarInfo } from './scope';

/** A query after §10.2 steps 1–3 and 5: text with `?name` parameters, names in order of first use. */
export interface PreparedQuery {
  text: string;
  names: string[];
  /** A `??name` that makes the query invalid, or null. */
  doubleQuestion: string | null;
}

const ID_START = /[A-Za-z_]/, ID_PART = /[A-Za-z0-9_]/;

/** §10.2 preparation: comments out, single → double quotes, `:name` → `?name` for variables, trim. */
export function prepareQuery(src: string, isVariable: (name: string) => boolean): PreparedQuery {
  let out = '';
  const names: string[] = [];
  let doubleQuestion: string | null = null;
  const addName = (n: string) => { if (!names.includes(n)) names.push(n); };
  const ident = (i: number) => { let j = i; while (j < src.length && ID_PART.test(src[j])) j++; return src.slice(i, j); };
  for (let i = 0; i < src.length;) {
    const ch = src[i], next = src[i + 1];
    if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') { out += ' '; i++; }
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (; i < stop; i++) out += src[i] === '\n' || src[i] === '\r' ? src[i] : ' ';
      continue;
    }
    if (ch === '"' && src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      const stop = end < 0 ? src.length : end + 3;
      out += src.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1, body = '';
      while (j < src.length && src[j] !== "'") {
        if (src[j] === '\\' && src[j + 1] === "'") { body += "'"; j += 2; continue; }
        if (src[j] === '\\') { body += src.slice(j, j + 2); j += 2; continue; }
        body += src[j] === '"' ? '\\"' : src[j];
        j++;
      }
      out += '"' + body + '"';
      i = j + 1;
      continue;
    }
    if (ch === '?') {
      if (next === '?' && ID_START.test(src[i + 2] ?? '')) {
        const n = ident(i + 2);
        doubleQuestion ??= n;
        out += '??' + n;
        i += 2 + n.length;
        continue;
      }
      if (ID_START.test(next ?? '')) {
        const n = ident(i + 1);
        addName(n);
        out += '?' + n;
        i += 1 + n.length;
        continue;
      }
    }
    if (ch === ':' && next !== ':' && src[i - 1] !== ':' && ID_START.test(next ?? '')) {
      const n = ident(i + 1);
      if (isVariable(n)) {
        addName(n);
        out += '?' + n;
        i += 1 + n.length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return { text: out.trim(), names, doubleQuestion };
}

function paramValue(name: string, v: Value, site: number): unknown {
  if (v instanceof DateValue) return isoString(v.ms);
  if (v instanceof Map || Array.isArray(v)) {
    throw fail.queryParamType(name, v, site);
  }
  return v;
}

function cell(type: string, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => cell(type, x));
  switch (type) {
    case 'date': case 'date_nanos': {
      if (typeof v === 'number') return new DateValue(v);
      const s = String(v);
      const ms = parseIsoDate(s.replace(/(\.\d{3})\d+/, '$1')) ?? Date.parse(s);
      return Number.isFinite(ms) ? new DateValue(ms) : s;
    }
    case 'integer': case 'long': case 'double': case 'unsigned_long': case 'float': case 'half_float': case 'scaled_float': case 'short': case 'byte':
      return typeof v === 'number' ? (v === 0 ? 0 : v) : Number(v);
    case 'boolean': return typeof v === 'boolean' ? v : v === 'true';
    case 'null': case 'unsupported': return null;
    default: return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
}

/** Sends a prepared query and converts its rows (§10.3). Errors are placed at `site`. */
export async function sendQuery(run: Run, text: string, params: [string, Value][], site: number): Promise<Value[]> {
  checkpoint(run);
  const req: { query: string; params?: unknown[] } = { query: text };
  if (params.length) req.params = params.map(([n, v]) => ({ [n]: paramValue(n, v, site) }));
  let resp: { columns?: { name: string; type: string }[]; values?: unknown[][] };
  try {
    // The client's typing of named parameters lags the API; the request shape is §10.2's.
    resp = (await run.host.client.esql.query(req as Parameters<Run['host']['client']['esql']['query']>[0], run.signal ? { signal: run.signal } : {})) as typeof resp;
  } catch (e) {
    checkpoint(run);
    const t = translateStoreError(e, true, site);
    if (t instanceof EscriptError && t.site < 0) t.site = site;
    throw t;
  }
  checkpoint(run);
  const cols = resp.columns ?? [];
  return (resp.values ?? []).map((row) => {
    const d: DocumentValue = new Map();
    cols.forEach((c, i) => d.set(c.name, cell(c.type, row[i])));
    return d;
  });
}

/** Runs a query built at run time (ESQL_QUERY, §10.7). */
export async function runEsql(
  run: Run, query: string, paramsDoc: Record<string, Value>, lookup: (name: string) => Value | undefined, site: number, _fromFunction: boolean,
): Promise<Value> {
  const has = (n: string) => Object.prototype.hasOwnProperty.call(paramsDoc, n);
  const p = prepareQuery(query, (n) => has(n) || lookup(n) !== undefined);
  if (p.doubleQuestion) throw fail.doubleQuestionParam(p.doubleQuestion, site);
  const params: [string, Value][] = p.names.map((n) => {
    if (has(n)) return [n, paramsDoc[n]];
    const v = lookup(n);
    if (v === undefined) throw fail.undeclaredParam(n, site);
    return [n, v];
  });
  return sendQuery(run, p.text, params, site);
}

/** Compiles a query written in the script: parameters resolve to variables now (§10.2 step 4). */
function compileQuery(query: string, site: number, scope: Scope): (f: Frame) => Promise<Value[]> {
  const isVar = (n: string) => { const i = scope.lookup(n); return !!i && i.kind !== 'function' && i.kind !== 'cursor'; };
  const p = prepareQuery(query, isVar);
  const readers = p.names.map((n) => {
    const info = scope.lookup(n);
    if (!info || info.kind === 'function' || info.kind === 'cursor') return { n, read: null };
    const get = frameGetter(scope.fn, info), slot = info.slot;
    return { n, read: (f: Frame) => get(f).s[slot] as Value | undefined };
  });
  return async (f) => {
    if (p.doubleQuestion) throw fail.doubleQuestionParam(p.doubleQuestion, site);
    const params: [string, Value][] = readers.map(({ n, read }) => {
      const v = read ? read(f) : undefined;
      if (v === undefined) throw fail.undeclaredParam(n, site);
      return [n, v];
    });
    return sendQuery(f.run, p.text, params, site);
  };
}

/** `( FROM … )` (§10.4). */
export function compileQueryExpr(_c: Compiler, node: QueryExpr, scope: Scope): CExpr {
  const q = compileQuery(node.query, node.querySpan.from, scope);
  return asyncExpr(q);
}

/** A query statement (§10.4): its value is the rows. */
export function compileQueryStatement(_c: Compiler, node: QueryStatement, scope: Scope): CStmt {
  const q = compileQuery(node.query, node.querySpan.from, scope);
  return { run: async (f) => { f.sv = await q(f); return NORMAL; }, isAsync: true, hasValue: true };
}

async function iterate(f: Frame, rows: Value[], slot: number, body: CStmt, onRow?: () => void): Promise<Completion> {
  const run = f.run;
  for (const r of rows) {
    if ((++run.ticks & 127) === 0 && yieldDue(run)) await maybeYield(run);
    checkpoint(run);
    onRow?.();
    f.s[slot] = r;
    const c = body.isAsync ? await body.run(f) : (body.run(f) as Completion);
    if (c === BREAK) return NORMAL;
    if (c === RETURN) return RETURN;
  }
  return NORMAL;
}

/** `FOR r IN (query) LOOP` (§7.5). */
export function compileForQuery(c: Compiler, node: ForQueryStatement, scope: Scope): CStmt {
  const q = compileQuery(node.query, node.querySpan.from, scope);
  const inner = new Scope(scope, scope.fn);
  const slot = inner.declare(node.variable.name, 'loop', null).slot;
  const body = c.block(node.body, inner, { sameScope: true });
  return { run: async (f) => iterate(f, await q(f), slot, body), isAsync: true, hasValue: false };
}

/** `DECLARE x T FROM …` (§10.5). */
export function compileTypedQueryDeclaration(
  _c: Compiler, node: TypedQueryDeclaration, scope: Scope,
  declare: (scope: Scope, name: string, site: number, kind: 'var' | 'const', type: TypeSpec | null) => (f: Frame, v: Value) => void,
): CStmt {
  const q = compileQuery(node.query, node.querySpan.from, scope);
  const t = node.type, spec = typeSpec(t), site = node.name.span.from;
  const set = declare(scope, node.name.name, site, 'var', spec);
  const shape = (rows: Value[]): Value => {
    const r = rows as DocumentValue[];
    const cols = r.length ? r[0].size : 0;
    if (t.kind === 'ArrayType') {
      const of = t.of;
      if (!of || (of.kind === 'ScalarType' && (of.name === 'DOCUMENT' || of.name === 'MAP' || of.name === 'ANY'))) return rows;
      if (r.length && cols !== 1) throw fail.rowCount(r.length, cols, t.text, 'exactly 1 column', site);
      return r.map((row) => [...row.values()][0]);
    }
    if (t.name === 'DOCUMENT' || t.name === 'MAP') {
      if (r.length !== 1) throw fail.rowCount(r.length, cols, t.text, 'exactly 1 row', site);
      return r[0];
    }
    if (r.length !== 1 || cols !== 1) throw fail.rowCount(r.length, cols, t.text, 'exactly 1 row and 1 column', site);
    return [...r[0].values()][0];
  };
  return { run: async (f) => { set(f, shape(await q(f))); return NORMAL; }, isAsync: true, hasValue: false };
}

/** A cursor's state (§10.6). */
interface Cursor {
  name: string;
  open: boolean;
  everOpened: boolean;
  rows: Value[];
  pos: number;
  found: boolean;
  rowcount: number;
  query: (f: Frame) => Promise<Value[]>;
}

/** `DECLARE c CURSOR FOR …`. */
export function compileCursorDeclaration(_c: Compiler, node: CursorDeclaration, scope: Scope): CStmt {
  const name = node.name.name, site = node.name.span.from;
  const q = compileQuery(node.query, node.querySpan.from, scope);
  if (scope.names.has(name)) return { run: () => { throw fail.alreadyDeclared(name, site); }, isAsync: false, hasValue: false };
  const slot = scope.declare(name, 'cursor', null).slot;
  return {
    run: (f) => {
      f.s[slot] = { name, open: false, everOpened: false, rows: [], pos: 0, found: false, rowcount: 0, query: q } satisfies Cursor;
      return NORMAL;
    },
    isAsync: false, hasValue: false,
  };
}

function cursorGetter(name: string, site: number, scope: Scope): (f: Frame) => Cursor {
  const info = scope.lookup(name);
  if (!info || info.kind !== 'cursor') return () => { throw fail.undeclared(name, site); };
  const get = frameGetter(scope.fn, info), slot = info.slot;
  return (f) => {
    const c = get(f).s[slot] as Cursor | undefined;
    if (!c) throw fail.undeclared(name, site);
    return c;
  };
}

async function openCursor(cur: Cursor, f: Frame, site: number): Promise<void> {
  if (cur.open) throw fail.cursorOpen(cur.name, site);
  const rows = await cur.query(f);
  cur.open = true;
  cur.everOpened = true;
  cur.rows = rows;
  cur.pos = 0;
  cur.rowcount = 0;
  cur.found = rows.length > 0;
}
function closeCursor(cur: Cursor): void {
  cur.open = false;
  cur.rows = [];
}

/** OPEN, CLOSE and FETCH (§10.6). */
export function compileCursorStatement(c: Compiler, node: OpenStatement | CloseStatement | FetchStatement, scope: Scope): CStmt {
  const site = node.keywordSpan.from;
  const get = cursorGetter(node.cursor.name, node.cursor.span.from, scope);
  if (node.kind === 'OpenStatement') return { run: async (f) => { await openCursor(get(f), f, site); return NORMAL; }, isAsync: true, hasValue: false };
  if (node.kind === 'CloseStatement') return { run: (f) => { closeCursor(get(f)); return NORMAL; }, isAsync: false, hasValue: false };
  const target = scope.lookup(node.into.name), intoSite = node.into.span.from;
  const limit = node.limit ? c.expr(node.limit, scope) : null;
  return {
    run: async (f) => {
      const cur = get(f);
      if (!cur.open) throw fail.cursorNotOpen(cur.name, site);
      let value: Value;
      if (limit) {
        const n = limit.isAsync ? await (limit.ev(f) as Promise<Value>) : (limit.ev(f) as Value);
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw fail.invalidArgument(`FETCH LIMIT must be an integer of at least 1, got ${String(n)}`, node.limit!.span.from);
        const rows = cur.rows.slice(cur.pos, cur.pos + n);
        cur.pos += rows.length;
        cur.rowcount += rows.length;
        cur.found = rows.length > 0;
        value = rows;
      } else {
        const row = cur.pos < cur.rows.length ? cur.rows[cur.pos++] : null;
        if (row !== null) cur.rowcount++;
        cur.found = row !== null;
        value = row;
      }
      assignInto(f, scope, target, node.into.name, intoSite, value);
      return NORMAL;
    },
    isAsync: true, hasValue: false,
  };
}

function assignInto(f: Frame, scope: Scope, info: VarInfo | undefined, name: string, site: number, v: Value): void {
  if (!info || info.kind === 'function' || info.kind === 'cursor') throw fail.undeclared(name, site);
  if (info.kind === 'const' || info.kind === 'loop') throw fail.readOnly(name, site);
  const fr = frameGetter(scope.fn, info)(f);
  if (fr.s[info.slot] === undefined) throw fail.undeclared(name, site);
  const t = info.dynamicType ? fr.t[info.slot] ?? ANY_TYPE : info.type ?? ANY_TYPE;
  const x = t.coerce(v);
  if (x === MISMATCH) throw fail.assignmentType(name, t.text, v, site);
  fr.s[info.slot] = x;
}

/** `FOR r IN c LOOP` over a closed cursor (§10.6, §18.14). */
export function compileCursorLoop(c: Compiler, node: ForEachStatement, scope: Scope, _info: VarInfo): CStmt {
  const site = node.iterable.span.from;
  const get = cursorGetter((node.iterable as { name: string }).name, site, scope);
  const inner = new Scope(scope, scope.fn);
  const slot = inner.declare(node.variable.name, 'loop', null).slot;
  const body = c.block(node.body, inner, { sameScope: true });
  return {
    run: async (f) => {
      const cur = get(f);
      if (cur.open) throw fail.cursorOpen(cur.name, site);
      await openCursor(cur, f, site);
      try {
        return await iterate(f, cur.rows, slot, body, () => { cur.rowcount++; cur.pos++; cur.found = true; });
      } finally {
        closeCursor(cur);
      }
    },
    isAsync: true, hasValue: false,
  };
}

/** `c%NOTFOUND`, `%FOUND`, `%ROWCOUNT`, `%ISOPEN` (§10.6). */
export function compileCursorAttribute(_c: Compiler, node: CursorAttribute, scope: Scope): CExpr {
  const site = node.cursor.span.from;
  const get = cursorGetter(node.cursor.name, site, scope);
  const attr = node.attribute;
  return syncExpr((f) => {
    const cur = get(f);
    if (attr === 'ISOPEN') return cur.open;
    if (!cur.everOpened) throw fail.cursorNotOpen(cur.name, site);
    if (attr === 'FOUND') return cur.found;
    if (attr === 'NOTFOUND') return !cur.found;
    return cur.rowcount;
  });
}
