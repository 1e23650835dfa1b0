/**
 * Differential fuzzing of the JIT: random well-formed routines (declarations, assignments, every
 * loop form, IF chains, recursion, built-ins, a store function that suspends, THROW, deliberate type
 * and arithmetic errors) run once on the closure compiler, the reference, and once as generated
 * code; prints, results and error documents must be identical. Fixed seed in `npm test`;
 * `npm run fuzz:jit` runs 2,000 cases with a random seed; JIT_FUZZ_SEED and JIT_FUZZ_CASES replay or widen it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSeed, Prng } from '../../../../test/fuzz/prng';
import { parseEscript } from '../../parse';
import { runForEvents, tempStore, type Event } from '../../test-support';
import { compileStoredSource } from '../routines';
import { jitInternalFailures } from '.';

// `npm run fuzz:jit` passes JIT_FUZZ_SEED=random: a new seed each time, shown in the test's name for replay.
const SEED = process.env.JIT_FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.JIT_FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.JIT_FUZZ_CASES ?? 150);

type Kind = 'NUMBER' | 'STRING' | 'BOOLEAN' | 'ARRAY' | 'DOCUMENT' | 'ANY';
interface Var { name: string; kind: Kind; writable: boolean }

/** Builds one program: a helper, a recursive function and a main procedure, then calls them. */
class ProgramGenerator {
  private scopes: Var[][] = [];
  private counter = 0;
  /** Generating `dh`: it may call `dr` but not itself (no unbounded recursion). */
  private inHelper = false;
  /** Inside FINALLY: no RETURN, and EXIT/CONTINUE only for loops inside it (§3.4). */
  private inFinally = false;
  private loopDepth = 0;

  constructor(private readonly rng: Prng) {}

  program(): string {
    this.inHelper = true;
    const helper = this.routine('CREATE OR REPLACE FUNCTION dh(a NUMBER, b ANY) RETURNS ANY AS', 'END FUNCTION;', [
      { name: 'a', kind: 'NUMBER', writable: true }, { name: 'b', kind: 'ANY', writable: true }], 3);
    this.inHelper = false;
    this.scopes = [[{ name: 'n', kind: 'NUMBER', writable: false }]];
    const base = this.expr('NUMBER', 1, false);
    const recursive = `CREATE OR REPLACE FUNCTION dr(n NUMBER) RETURNS NUMBER AS
BEGIN
  IF n <= 0 THEN RETURN ${base}; END IF;
  RETURN dr(n - 1) ${this.rng.pick(['+', '-', '*'])} ${this.rng.range(1, 3)};
END FUNCTION;`;
    const main = this.routine('CREATE OR REPLACE PROCEDURE dmain(p NUMBER)', 'END PROCEDURE;', [{ name: 'p', kind: 'NUMBER', writable: true }], 6);
    return `${helper}\n${recursive}\n${main}\nCALL dmain(${this.rng.range(0, 4)});\nPRINT dr(${this.rng.range(0, 5)});\n`;
  }

  private routine(head: string, end: string, params: Var[], statements: number): string {
    this.scopes = [params];
    const body = this.statements(statements, 0);
    return `${head}\nBEGIN\n${body}${end}`;
  }

  private visible(kind?: Kind): Var[] {
    const all = this.scopes.flat();
    return kind ? all.filter((v) => v.kind === kind || kind === 'ANY' || v.kind === 'ANY') : all;
  }

  private fresh(): string {
    return `v${this.counter++}`;
  }

  private statements(n: number, depth: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += this.statement(depth);
    return out;
  }

  private block(n: number, depth: number, extra: Var[] = []): string {
    this.scopes.push(extra);
    const body = this.statements(n, depth + 1);
    this.scopes.pop();
    return body;
  }

  private statement(depth: number): string {
    const r = this.rng;
    const choice = r.int(depth >= 2 ? 6 : 14);
    switch (choice) {
      case 13: {
        let s = `SWITCH ${this.expr('ANY', 1, true)}\n`;
        for (let k = r.range(0, 3); k > 0; k--) {
          s += `CASE ${[1, 2, 3].slice(0, r.range(1, 3)).map(() => this.literal(r.pick<Kind>(['NUMBER', 'STRING', 'ANY']))).join(', ')}:\n${this.block(r.range(1, 2), depth)}`;
        }
        if (r.chance(0.5)) s += `DEFAULT:\n${this.block(r.range(1, 2), depth)}`;
        return `${s}END SWITCH\n`;
      }
      case 12: {
        let s = `TRY\n${this.block(r.range(1, 3), depth)}`;
        const catches = r.int(3);
        for (let k = 0; k < catches; k++) {
          const last = k === catches - 1 && r.chance(0.5);
          s += `CATCH ${last ? r.pick(['', 'error']) : r.pick(['division_error', 'type_error', 'validation_error', 'not_found_error', 'null_reference_error'])}\n`;
          s += this.block(r.range(1, 2), depth, [{ name: 'error', kind: 'DOCUMENT', writable: true }]);
          if (last) break;
        }
        if (catches === 0 || r.chance(0.5)) {
          const outerLoops = this.loopDepth, outerFinally = this.inFinally;
          this.loopDepth = 0;
          this.inFinally = true;
          s += `FINALLY\n${this.block(r.range(1, 2), depth)}`;
          this.loopDepth = outerLoops;
          this.inFinally = outerFinally;
        }
        return `${s}END TRY\n`;
      }
      case 0: case 1: {
        const kind = r.pick<Kind>(['NUMBER', 'STRING', 'BOOLEAN', 'ARRAY', 'DOCUMENT', 'ANY']);
        const name = r.chance(0.04) && this.visible().length ? r.pick(this.visible()).name : this.fresh();
        const init = this.expr(r.chance(0.9) ? kind : 'ANY', 2, true);
        this.scopes[this.scopes.length - 1].push({ name, kind, writable: true });
        return r.chance(0.3) && kind !== 'ANY' ? `VAR ${name} = ${init};\n` : `DECLARE ${name} ${kind} = ${init};\n`;
      }
      case 2: case 3: {
        const targets = this.visible().filter((v) => v.writable);
        if (!targets.length) return `PRINT ${this.expr('ANY', 2, true)};\n`;
        const t = r.pick(targets);
        if (t.kind === 'ARRAY' && r.chance(0.5)) return `SET ${t.name} = ARRAY_APPEND(${t.name}, ${this.expr('ANY', 1, true)});\n`;
        if ((t.kind === 'ARRAY' || t.kind === 'ANY') && r.chance(0.3)) return `SET ${t.name}[${r.range(-1, 2)}] = ${this.expr('ANY', 1, true)};\n`;
        if ((t.kind === 'DOCUMENT' || t.kind === 'ANY') && r.chance(0.3)) return `SET ${t.name}.${r.pick(['k', 'n', 'z'])}${r.chance(0.3) ? '.deep' : ''} = ${this.expr('ANY', 1, true)};\n`;
        return `SET ${t.name} = ${this.expr(r.chance(0.92) ? t.kind : 'ANY', 2, true)};\n`;
      }
      case 4: return `PRINT ${this.expr('ANY', 2, true)};\n`;
      case 5: {
        if (r.chance(0.3) && this.loopDepth > 0) return r.chance(0.5) ? `EXIT WHEN ${this.expr('BOOLEAN', 1, true)};\n` : `IF ${this.expr('BOOLEAN', 1, true)} THEN CONTINUE; END IF;\n`;
        if (r.chance(0.15) && !this.inFinally) return `RETURN ${this.expr('ANY', 1, true)};\n`;
        if (r.chance(0.1)) return `THROW ${this.expr('ANY', 1, true)};\n`;
        if (r.chance(0.3)) return 'SLEEP(0);\n';
        return `${this.call(1, true)};\n`;
      }
      case 6: case 7: {
        let s = `IF ${this.expr('BOOLEAN', 2, true)} THEN\n${this.block(r.range(1, 3), depth)}`;
        for (let k = r.int(3); k > 0; k--) s += `ELSEIF ${this.expr('BOOLEAN', 2, true)} THEN\n${this.block(r.range(1, 2), depth)}`;
        if (r.chance(0.5)) s += `ELSE\n${this.block(r.range(1, 2), depth)}`;
        return `${s}END IF;\n`;
      }
      case 8: {
        const i = this.fresh(), down = r.chance(0.3), step = r.chance(0.3) ? ` STEP ${down ? -r.range(1, 2) : r.range(1, 2)}` : '';
        const range = down ? `${r.range(2, 4)}..${r.range(-1, 1)}` : `${r.range(-1, 1)}..${this.rng.chance(0.2) && this.visible().some((v) => v.name === 'p') ? 'p' : r.range(1, 4)}`;
        return this.loopBody(`FOR ${i} IN ${range}${step} LOOP\n`, depth, [{ name: i, kind: 'NUMBER', writable: false }]);
      }
      case 9: {
        const x = this.fresh();
        const arr = this.rng.chance(0.7) ? `[${[1, 2, 3].slice(0, r.range(0, 3)).map(() => this.expr('ANY', 1, false)).join(', ')}]` : this.expr('ARRAY', 1, true);
        return this.loopBody(`FOR ${x} IN ${arr} LOOP\n`, depth, [{ name: x, kind: 'ANY', writable: false }]);
      }
      case 10: {
        const w = this.fresh();
        this.scopes[this.scopes.length - 1].push({ name: w, kind: 'NUMBER', writable: false });
        const test = r.chance(0.5) ? `${w} < ${r.range(0, 3)}` : `${w} < 3 AND ${this.expr('BOOLEAN', 1, true)}`;
        return `DECLARE ${w} NUMBER = 0;\n${this.loopBody(`WHILE ${test} LOOP\nSET ${w} = ${w} + 1;\n`, depth, [])}`;
      }
      default: {
        const w = this.fresh();
        this.scopes[this.scopes.length - 1].push({ name: w, kind: 'NUMBER', writable: false });
        return `DECLARE ${w} NUMBER = 0;\n${this.loopBody(`LOOP\nSET ${w} = ${w} + 1;\nEXIT WHEN ${w} > ${r.range(0, 3)};\n`, depth, [])}`;
      }
    }
  }

  private loopBody(head: string, depth: number, vars: Var[]): string {
    this.loopDepth++;
    const body = this.block(this.rng.range(1, 3), depth, vars);
    this.loopDepth--;
    return `${head}${body}END LOOP;\n`;
  }

  private call(depth: number, allowStored: boolean): string {
    const r = this.rng;
    if (allowStored && r.chance(0.35)) return r.chance(0.5) && !this.inHelper ? `dh(${this.expr('NUMBER', depth, true)}, ${this.expr('ANY', depth, true)})` : `dr(${r.range(0, 3)})`;
    switch (r.int(7)) {
      case 0: return `UPPER(${this.expr('STRING', depth, allowStored)})`;
      case 1: return `LENGTH(${this.expr(r.pick<Kind>(['STRING', 'ARRAY', 'DOCUMENT']), depth, allowStored)})`;
      case 2: return `ABS(${this.expr('NUMBER', depth, allowStored)})`;
      case 3: return `COALESCE(${this.expr('ANY', depth, allowStored)}, ${this.expr('ANY', depth, allowStored)})`;
      case 4: return `SUBSTR(${this.expr('STRING', depth, allowStored)}, ${r.range(-2, 3)}, ${r.range(0, 3)})`;
      case 5: return `TO_STRING(${this.expr('ANY', depth, allowStored)})`;
      default: return `ARRAY_APPEND(${this.expr('ARRAY', depth, allowStored)}, ${this.expr('ANY', depth, allowStored)})`;
    }
  }

  /** An expression usually of `kind`; `calls`: stored routines may appear (not where the JIT forbids suspension). */
  private expr(kind: Kind, depth: number, calls: boolean): string {
    const r = this.rng;
    const vars = this.visible(kind);
    if (depth <= 0 || r.chance(0.35)) {
      if (vars.length && r.chance(0.6)) return r.pick(vars).name;
      return this.literal(kind);
    }
    const d = depth - 1;
    switch (kind) {
      case 'NUMBER': {
        const c = r.int(6);
        if (c === 0 && calls) return this.call(d, true);
        if (c === 1) return `-(${this.expr('NUMBER', d, calls)})`;
        if (c === 2) return `(${this.expr('BOOLEAN', d, false)} ? ${this.expr('NUMBER', d, false)} : ${this.expr('NUMBER', d, false)})`;
        return `(${this.expr('NUMBER', d, calls)} ${r.pick(['+', '-', '*', '/', '%'])} ${this.expr(r.chance(0.95) ? 'NUMBER' : 'ANY', d, calls)})`;
      }
      case 'STRING': {
        const c = r.int(4);
        if (c === 0) return `(${this.expr('ANY', d, calls)} || ${this.expr('ANY', d, calls)})`;
        if (c === 1) return `"<\${${this.expr('ANY', d, calls)}}>"`;
        if (c === 2 && calls) return `UPPER(${this.expr('STRING', d, calls)})`;
        return `(${this.expr('STRING', d, false)} ?? 'dflt')`;
      }
      case 'BOOLEAN': {
        const c = r.int(6);
        if (c === 0) return `(${this.expr('BOOLEAN', d, calls)} ${r.pick(['AND', 'OR'])} ${this.expr('BOOLEAN', d, false)})`;
        if (c === 1) return `NOT ${this.expr('BOOLEAN', d, calls)}`;
        if (c === 2) return `(${this.expr('ANY', d, calls)} IS ${r.chance(0.5) ? 'NOT ' : ''}NULL)`;
        if (c === 3) return `(${this.expr('ANY', d, calls)} IN (${this.literal('NUMBER')}, ${this.literal('STRING')}))`;
        if (c === 4) return `(${this.expr('NUMBER', d, calls)} ${r.pick(['<', '<=', '>', '>=', '==', '!='])} ${this.expr('NUMBER', d, calls)})`;
        return `(${this.expr('ANY', d, calls)} == ${this.expr('ANY', d, calls)})`;
      }
      case 'ARRAY': return `[${this.expr('ANY', d, calls)}, ${this.expr('NUMBER', d, calls)}]`;
      case 'DOCUMENT': return `{"k": ${this.expr('ANY', d, calls)}, "n": ${this.expr('NUMBER', d, calls)}}`;
      default: {
        const c = r.int(5);
        if (c === 0) return this.expr(r.pick<Kind>(['NUMBER', 'STRING', 'BOOLEAN', 'ARRAY', 'DOCUMENT']), d, calls);
        if (c === 1) return `${this.expr('DOCUMENT', d, calls)}.k`;
        if (c === 2) return `${this.expr('ARRAY', d, calls)}[${r.range(-1, 2)}]`;
        if (c === 3 && calls) return this.call(d, true);
        return this.literal('ANY');
      }
    }
  }

  private literal(kind: Kind): string {
    const r = this.rng;
    switch (kind) {
      case 'NUMBER': return r.pick(['0', '1', '2', '3', '7', '0.5', '100', '1e308']);
      case 'STRING': return r.pick(["'a'", "'xyz'", "''", '"q"', "'é😀'"]);
      case 'BOOLEAN': return r.pick(['TRUE', 'FALSE', 'NULL']);
      case 'ARRAY': return r.pick(['[]', '[1, 2]', "['a', NULL]", '[[1], {"k": 2}]']);
      case 'DOCUMENT': return r.pick(['{}', '{"k": 1}', '{"k": [1, 2], "n": NULL}']);
      default: return r.pick(['NULL', '1', "'s'", 'TRUE', '[1]', '{"k": 0}']);
    }
  }
}

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });

/** A program still running after this long is stopped and reported (a hang is a defect of one of the paths). */
const RUN_LIMIT_MS = 20_000;

async function runWith(jit: boolean, source: string): Promise<Event[]> {
  process.env.ESCRIPT_JIT = jit ? '1' : '0';
  try {
    const { events } = await runForEvents(store.client, source, undefined, AbortSignal.timeout(RUN_LIMIT_MS))
      .catch((e: unknown) => ({ events: [{ event: 'stopped', reason: String(e) }] }));
    return events.filter((e) => !(e.event === 'result' && (e.value as Record<string, unknown> | null)?.kind !== undefined
      && ['created', 'updated'].includes(String((e.value as Record<string, unknown>).result))));
  } finally {
    delete process.env.ESCRIPT_JIT;
  }
}

describe('differential fuzzing: generated code against the closure compiler', () => {
  it(`runs ${CASES} random programs identically both ways (seed ${SEED})`, async () => {
    let jitted = 0, ran = 0;
    console.log(`JIT differential fuzzing: seed ${SEED}, ${CASES} cases (replay: JIT_FUZZ_SEED=${SEED})`);
    for (let k = 0; k < CASES; k++) {
      const source = new ProgramGenerator(new Prng(caseSeed(SEED, k))).program();
      const parsed = parseEscript(source);
      expect({ case: k, errors: parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), source: parsed.diagnostics.length ? source : '' })
        .toEqual({ case: k, errors: [], source: '' });
      const closure = await runWith(false, source);
      const jit = await runWith(true, source);
      expect({ case: k, events: jit, source }).toEqual({ case: k, events: closure, source });
      process.env.ESCRIPT_JIT = '1';
      for (const s of parsed.script.statements) {
        if (s.kind === 'CreateRoutineStatement' && s.name.name === 'dmain') {
          const r = compileStoredSource('dmain', s.source);
          if (!(r instanceof Error) && r.jit) jitted++;
        }
      }
      delete process.env.ESCRIPT_JIT;
      if (closure.some((e) => e.event === 'print')) ran++;
    }
    expect(jitInternalFailures()).toEqual([]);
    // Not vacuous: most main procedures were compiled by the JIT and a good part of the programs printed something.
    expect(jitted).toBeGreaterThan(CASES * 0.8);
    expect(ran).toBeGreaterThan(CASES * 0.35);
  }, 3_600_000);
});
