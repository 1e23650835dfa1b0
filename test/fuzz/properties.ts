/**
 * What must hold for every input, however broken (LANGUAGE.md §3.5, STYLE R10/R11): `parseScript`
 * never throws, returns in bounded time, always yields a Script, and every diagnostic carries a
 * message and a span inside the source whose 1-based line and column lie inside the source too.
 * The embedded ES|QL front end (`parseEsql`, and `runEsql` for validation) never throws and reports
 * every problem with a position. Each check returns the list of violations, empty when all hold.
 */
import { MemoryCatalog } from '../../lib/embedded/esql/testing/memory-catalog';
import { parseEsql, runEsql } from '../../lib/embedded/esql';
import { lineColumn, parseScript, type Script } from '../../lib/language';

/** Bounds of the properties. */
export const PROPERTY_LIMITS = {
  /** One parse taking longer is reported as a hang; a guard against runaway loops, not a benchmark. */
  hangMs: 2_000,
  /** Diagnostics per script whose line and column are cross-checked against the reference. */
  positionChecks: 20,
} as const;

/** Line and column of `offset` computed the obvious way, to cross-check `lineColumn` (§2.1). */
export function referenceLineColumn(source: string, offset: number): { line: number; column: number } {
  const lines = source.slice(0, Math.max(0, Math.min(offset, source.length))).split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

function describeThrow(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.split('\n').slice(0, 6).join('\n');
}

/** Violations of "offset → line:column lies inside the source and agrees with the reference". */
function positionProblems(source: string, offset: number, label: string): string[] {
  const got = lineColumn(source, offset);
  const want = referenceLineColumn(source, offset);
  if (got.line !== want.line || got.column !== want.column) {
    return [`${label}: lineColumn(${offset}) = ${got.line}:${got.column}, expected ${want.line}:${want.column}`];
  }
  return [];
}

/** Every `span` in the AST is an integer range inside the source. */
function spanProblems(script: Script, length: number): string[] {
  const problems: string[] = [];
  const stack: unknown[] = [script];
  while (stack.length && problems.length < 3) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const span = record.span as { from?: unknown; to?: unknown } | undefined;
      if (span && typeof span === 'object') {
        const { from, to } = span;
        if (!Number.isInteger(from) || !Number.isInteger(to) || (from as number) < 0 || (from as number) > (to as number) || (to as number) > length) {
          problems.push(`AST node ${String(record.kind ?? '?')} has span ${JSON.stringify(span)} outside 0..${length}`);
        }
      }
      for (const child of Object.values(record)) if (typeof child === 'object') stack.push(child);
    }
  }
  return problems;
}

/** The result of checking one script. */
export interface ScriptCheck {
  problems: string[];
  /** The script as lowered, when parsing returned. */
  script: Script | null;
  elapsedMs: number;
}

/** Parses `source` and checks the parse properties; `probeOffsets` are extra offsets for lineColumn. */
export function checkScript(source: string, probeOffsets: number[] = []): ScriptCheck {
  const started = performance.now();
  let result: ReturnType<typeof parseScript>;
  try {
    result = parseScript(source);
  } catch (error) {
    return { problems: [`parseScript threw: ${describeThrow(error)}`], script: null, elapsedMs: performance.now() - started };
  }
  const elapsedMs = performance.now() - started;
  const problems: string[] = [];
  if (elapsedMs > PROPERTY_LIMITS.hangMs) problems.push(`parseScript took ${Math.round(elapsedMs)} ms (limit ${PROPERTY_LIMITS.hangMs} ms)`);
  const { script, diagnostics } = result;
  if (!script || script.kind !== 'Script' || !Array.isArray(script.statements)) {
    problems.push('parseScript returned no Script');
    return { problems, script: null, elapsedMs };
  }
  let previous = -1;
  diagnostics.forEach((d, i) => {
    const label = `diagnostic ${i + 1} ${JSON.stringify(d).slice(0, 200)}`;
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`${label}: bad severity`);
    if (typeof d.code !== 'string' || !d.code) problems.push(`${label}: no code`);
    if (typeof d.message !== 'string' || !d.message.trim()) problems.push(`${label}: no message`);
    const { from, to } = d.span ?? {};
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > source.length) {
      problems.push(`${label}: span outside 0..${source.length}`);
      return;
    }
    if (from < previous) problems.push(`${label}: not in source order`);
    previous = from;
    // Each position check walks the source: the first few diagnostics keep a script with thousands linear.
    if (i < PROPERTY_LIMITS.positionChecks) problems.push(...positionProblems(source, from, label));
  });
  problems.push(...spanProblems(script, source.length));
  for (const offset of probeOffsets) problems.push(...positionProblems(source, offset, 'probe'));
  return { problems, script, elapsedMs };
}

/** A few small indices, so FROM queries reach validation and ROW queries run. */
function fuzzCatalog(): MemoryCatalog {
  const logs = { '@timestamp': { type: 'date' }, status: { type: 'keyword' }, msg: { type: 'text' }, a: { type: 'long' }, b: { type: 'keyword' }, g: { type: 'keyword' } };
  return new MemoryCatalog()
    .add('logs', logs, [{ '@timestamp': '2026-01-09T10:00:00Z', status: 'RUNNING', msg: 'a b', a: 1, b: 'x', g: 'k' }, { a: 2, b: null, msg: 'c d' }])
    .add('employees', { emp_no: { type: 'integer' }, first_name: { type: 'keyword' }, salary: { type: 'integer' }, languages: { type: 'integer' } },
      [{ emp_no: 10001, first_name: 'Georgi', salary: 57305, languages: 2 }])
    .add('.escript_executions', { status: { type: 'keyword' }, track_name: { type: 'keyword' } }, [], { hidden: true });
}

const catalog = fuzzCatalog();

/** A `line L:C: ` prefix as Elasticsearch puts it before every located problem. */
const LOCATED = /^(Found \d+ problems?\n)?line \d+:\d+: /;

/** Parses and runs one ES|QL query; the engine may reject it, but only with located errors. */
export function checkQuery(query: string): string[] {
  const problems: string[] = [];
  const started = performance.now();
  try {
    const { ast, errors } = parseEsql(query);
    if (!ast && errors.length === 0) problems.push('parseEsql returned neither an AST nor errors');
    if (ast && errors.length > 0) problems.push('parseEsql returned an AST and errors');
    const lines = query.split(/\r\n|\r|\n/);
    for (const e of errors) {
      const line = lines[e.line - 1];
      if (!e.message?.trim()) problems.push(`parseEsql error without message at ${e.line}:${e.column}`);
      if (!Number.isInteger(e.line) || !Number.isInteger(e.column) || line === undefined || e.column < 1 || e.column > [...line].length + 1) {
        problems.push(`parseEsql error "${e.message}" at ${e.line}:${e.column} lies outside the query`);
      }
    }
    const response = runEsql(catalog, { query });
    if (response.status === 400) {
      const reason = (response.body as { error?: { reason?: unknown } }).error?.reason;
      if (typeof reason !== 'string' || !LOCATED.test(reason)) problems.push(`runEsql 400 without a position: ${JSON.stringify(reason).slice(0, 200)}`);
    } else if (response.status !== 200) {
      problems.push(`runEsql answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    }
  } catch (error) {
    problems.push(`ES|QL front end threw: ${describeThrow(error)}`);
  }
  const elapsedMs = performance.now() - started;
  if (elapsedMs > PROPERTY_LIMITS.hangMs) problems.push(`ES|QL parse and run took ${Math.round(elapsedMs)} ms (limit ${PROPERTY_LIMITS.hangMs} ms)`);
  return problems;
}
