/**
 * Stored procedures and functions (LANGUAGE.md §9): compiling bodies, reading definitions from
 * `.escript_procedures`, CREATE / DROP / SHOW.
 *
 * §9.5 says a call runs the latest definition. Reading the store on every call would make
 * recursion (bench `fib`) cost a store round trip per call, so a run keeps what it read for
 * ROUTINE_TTL_MS; a CREATE or DROP in this process invalidates every run's cache at once
 * (`generation`), so in one process every call sees the latest definition. A definition changed by
 * another process is seen within ROUTINE_TTL_MS (docs/ARCHITECTURE.md, decision 13).
 */
import { parseEscript } from '../parse';
import type { CreateRoutineStatement, FunctionDeclaration, Parameter, Statement, TypeRef } from '../../language/ast';
import { EscriptError, fail, type CodeUnit } from '../errors';
import { isReservedRoutineName } from '../builtins';
import { storeErrorInfo, translateStoreError } from '../store-errors';
import { typeSpec } from '../types';
import { isoString, jsonToValue, type DocumentValue, type Json, type Value } from '../values';
import type { Invocable } from './calls';
import { Compiler } from './compiler';
import { jitEnabled, jitRoutine } from './jit';
import { checkpoint, type Run } from './context';
import type { FnCtx } from './scope';
import { Scope } from './scope';

/** The system index holding definitions (§9.4). */
export const PROCEDURES_INDEX = '.escript_procedures';
const ROUTINE_TTL_MS = 100;
let generation = 0;

/** A stored routine, compiled. */
export interface Routine extends Invocable {
  kind: 'procedure' | 'function';
}

/** Does a statement kind produce a value (§3.3)? */
export function producesValue(s: Statement): boolean {
  switch (s.kind) {
    case 'ExpressionStatement': case 'CallStatement': case 'QueryStatement': case 'AsyncCallStatement':
    case 'ParallelStatement': case 'CreateRoutineStatement': case 'DropRoutineStatement': case 'ShowStatement':
      return true;
    default:
      return false;
  }
}

/** Compiles a routine or local function body into an Invocable (§9.5, §7.8). */
export function compileInvocable(
  c: Compiler, name: string, params: Parameter[], returns: TypeRef | null, body: Statement[], parentFn: FnCtx | null,
  parentScope: Scope | null, unit: CodeUnit,
): Invocable {
  const ret = returns ? typeSpec(returns) : null;
  const fn = c.newFn(parentFn, name, ret);
  const scope = new Scope(parentScope, fn);
  const ps = params.map((p) => {
    const t = typeSpec(p.type);
    scope.declare(p.name.name, 'param', t);
    return { name: p.name.name, type: t };
  });
  const inv: Invocable = {
    name, params: ps, returns: ret, body: undefined as never, nslots: 0, unit,
    lastHasValue: body.length > 0 && producesValue(body[body.length - 1]),
  };
  inv.body = c.block(body, scope, { sameScope: true });
  inv.nslots = fn.nslots;
  return inv;
}

/** A local FUNCTION (§7.8): same source as its surroundings, own frame name. */
export function compileLocalFunction(c: Compiler, node: FunctionDeclaration, scope: Scope): Invocable {
  const unit: CodeUnit = { routine: c.unit.routine, frameName: node.name.name, source: c.unit.source };
  const inner = new Compiler(unit);
  return compileInvocable(inner, node.name.name, node.params, node.returns, node.body, scope.fn, scope, unit);
}

const compiledBySource = new Map<string, Routine | EscriptError>();

/** Compiles a stored definition from its stored source (positions relative to it, §8.6). */
export function compileStoredSource(name: string, source: string): Routine | EscriptError {
  // Keyed with the JIT setting too, so that tests can run the same definition both ways.
  const key = (jitEnabled() ? 'j:' : 'c:') + source;
  const hit = compiledBySource.get(key);
  if (hit) return hit;
  const { script, diagnostics } = parseEscript(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const node = script.statements.find((s): s is CreateRoutineStatement => s.kind === 'CreateRoutineStatement');
  let out: Routine | EscriptError;
  if (errors.length || !node) {
    out = fail.storedSyntax(name, errors[0]?.message ?? 'no definition');
  } else {
    const unit: CodeUnit = { routine: name, frameName: name, source };
    const inv = compileInvocable(new Compiler(unit), name, node.params, node.returns, node.body, null, null, unit);
    out = { ...inv, kind: node.routineKind, jit: jitRoutine(unit, node.params, inv.returns, node.body, inv.lastHasValue) };
  }
  if (compiledBySource.size > 500) compiledBySource.clear();
  compiledBySource.set(key, out);
  return out;
}

// A coarse clock: reading performance.now() on every call would be the costliest part of a cached call.
let epoch = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
function currentEpoch(): number {
  if (!ticker) {
    ticker = setInterval(() => { epoch++; }, ROUTINE_TTL_MS);
    ticker.unref?.();
  }
  return epoch;
}

/** What a run remembers of one stored routine. */
export interface CachedRoutine { epoch: number; gen: number; routine: unknown }

/** A routine this run read recently: Routine, null (known missing) or undefined (must fetch). */
export function cachedRoutine(run: Run, name: string): Routine | null | undefined {
  const e = run.routineCache.get(name);
  if (!e || e.gen !== generation || e.epoch !== epoch) return undefined;
  return e.routine as Routine | null;
}

/**
 * cachedRoutine for one call site: remembers the last run's entry, so a recursive call skips the
 * name lookup (bench `fib`). Same freshness rules.
 */
export function siteRoutineCache(name: string): (run: Run) => Routine | null | undefined {
  let lastRun: Run | null = null;
  let entry: CachedRoutine | undefined;
  return (run) => {
    if (run !== lastRun || entry === undefined || entry.gen !== generation || entry.epoch !== epoch) {
      lastRun = run;
      entry = run.routineCache.get(name);
      if (!entry || entry.gen !== generation || entry.epoch !== epoch) { entry = undefined; return undefined; }
    }
    return entry.routine as Routine | null;
  };
}

/** Reads the stored document of a definition, or null. */
export async function readDefinition(run: Run, name: string): Promise<Record<string, Json> | null> {
  try {
    const r = await run.host.client.get<Record<string, Json>>({ index: PROCEDURES_INDEX, id: name }, run.signal ? { signal: run.signal } : {});
    return r.found && r._source ? r._source : null;
  } catch (e) {
    checkpoint(run);
    if (storeErrorInfo(e)?.status === 404) return null;
    throw translateStoreError(e, false);
  }
}

/** Reads and compiles a stored routine now (cache miss), or null when there is none. */
export async function fetchRoutine(run: Run, name: string, site: number): Promise<Routine | null> {
  let doc;
  try {
    doc = await readDefinition(run, name);
  } catch (e) {
    if (e instanceof EscriptError && e.site < 0) e.site = site;
    throw e;
  }
  let routine: Routine | null = null;
  if (doc && typeof doc.source === 'string') {
    const r = compileStoredSource(name, doc.source);
    if (r instanceof EscriptError) throw new EscriptError(r.type, r.code, r.message, site);
    routine = r;
  }
  run.routineCache.set(name, { epoch: currentEpoch(), gen: generation, routine });
  return routine;
}

const doc = (entries: [string, Value][]): DocumentValue => new Map(entries);
const writeOpts = { refresh: 'wait_for' as const };

/** CREATE [OR REPLACE] PROCEDURE/FUNCTION (§9.1, §9.4). */
export async function createRoutine(run: Run, node: CreateRoutineStatement): Promise<Value> {
  const name = node.name.name, site = node.name.span.from, kind = node.routineKind;
  if (isReservedRoutineName(name)) throw fail.reservedName(name, site);
  const existing = await withSite(readDefinition(run, name), site);
  if (existing && existing.kind !== kind) throw fail.alreadyExists(String(existing.kind), name, site);
  const now = isoString(Date.now());
  const document = {
    name, kind, source: node.source,
    parameters: node.params.map((p) => ({ name: p.name.name, type: p.type.text })),
    returns: node.returns ? node.returns.text : null,
    created_at: existing && typeof existing.created_at === 'string' ? existing.created_at : now,
    updated_at: now,
  };
  try {
    await run.host.client.index({ index: PROCEDURES_INDEX, id: name, document, ...writeOpts });
  } catch (e) {
    throw siteOf(translateStoreError(e, false), site);
  }
  generation++;
  return doc([['name', name], ['kind', kind], ['result', existing ? 'updated' : 'created']]);
}

/** DROP / DELETE PROCEDURE/FUNCTION (§9.2). */
export async function dropRoutine(run: Run, kind: 'procedure' | 'function', name: string, site: number): Promise<Value> {
  const existing = await withSite(readDefinition(run, name), site);
  if (!existing || existing.kind !== kind) throw fail.unknownRoutine(name, site);
  try {
    await run.host.client.delete({ index: PROCEDURES_INDEX, id: name, ...writeOpts });
  } catch (e) {
    throw siteOf(translateStoreError(e, false), site);
  }
  generation++;
  return doc([['name', name], ['kind', kind], ['result', 'deleted']]);
}

/** SHOW PROCEDURES / FUNCTIONS / PROCEDURE p / FUNCTION f (§9.3). */
export async function showRoutines(run: Run, what: 'PROCEDURES' | 'FUNCTIONS' | 'PROCEDURE' | 'FUNCTION', name: string | null, site: number): Promise<Value> {
  if (what === 'PROCEDURE' || what === 'FUNCTION') {
    const d = await withSite(readDefinition(run, name!), site);
    if (!d || d.kind !== what.toLowerCase()) throw fail.unknownRoutine(name!, site);
    return jsonToValue(d);
  }
  const kind = what === 'PROCEDURES' ? 'procedure' : 'function';
  let hits: Record<string, Json>[];
  try {
    const r = await run.host.client.search<Record<string, Json>>({ index: PROCEDURES_INDEX, query: { term: { kind } }, size: 10000 });
    hits = r.hits.hits.map((h) => h._source ?? {}).filter((s) => s.kind === kind);
  } catch (e) {
    throw siteOf(translateStoreError(e, false), site);
  }
  hits.sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
  return hits.map((h) => doc([
    ['name', jsonToValue(h.name ?? null)], ['parameters', jsonToValue(h.parameters ?? [])], ['returns', jsonToValue(h.returns ?? null)],
    ['created_at', jsonToValue(h.created_at ?? null)], ['updated_at', jsonToValue(h.updated_at ?? null)],
  ]));
}

function siteOf(e: unknown, site: number): unknown {
  if (e instanceof EscriptError && e.site < 0) e.site = site;
  return e;
}
async function withSite<T>(p: Promise<T>, site: number): Promise<T> {
  try { return await p; } catch (e) { throw siteOf(e, site); }
}
