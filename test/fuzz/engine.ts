/**
 * The parser fuzzer shared by test/fuzz/parse.fuzz.test.ts (fixed seed, in `npm test`) and
 * scripts/fuzz.ts (`npm run fuzz`, random seed, longer). Case `i` of a run depends only on the run's
 * seed and `i`, so any failure replays alone with `npm run fuzz -- --seed S --case i`.
 */
import { embeddedQueries, type Corpus } from './corpus';
import { generateEsql, generateScript } from './generate';
import { mutate } from './mutate';
import { Prng, caseSeed } from './prng';
import { checkQuery, checkScript } from './properties';

/** What a case feeds the parsers. */
export const CASE_KINDS = ['generated-script', 'mutated-script', 'mutated-query', 'generated-query'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Kinds by `index % 10`: 40% generated scripts, 40% mutated scripts, 20% ES|QL queries. */
const KIND_BY_SLOT: readonly CaseKind[] = [
  'generated-script', 'mutated-script', 'generated-script', 'mutated-script', 'mutated-query',
  'generated-script', 'mutated-script', 'generated-script', 'mutated-script', 'generated-query',
];

/** One fuzz input. */
export interface FuzzCase {
  index: number;
  kind: CaseKind;
  /** Which seed input it was mutated from, or `generator`. */
  origin: string;
  input: string;
}

/** A case that broke a property, with everything needed to replay it. */
export interface FuzzFailure extends FuzzCase {
  seed: number;
  problems: string[];
}

/** Builds case `index` of the run seeded `seed`. */
export function makeCase(corpus: Corpus, seed: number, index: number): FuzzCase {
  const rng = new Prng(caseSeed(seed, index));
  const kind = KIND_BY_SLOT[index % KIND_BY_SLOT.length];
  switch (kind) {
    case 'generated-script':
      return { index, kind, origin: 'generator', input: generateScript(rng) };
    case 'generated-query':
      return { index, kind, origin: 'generator', input: generateEsql(rng) };
    case 'mutated-script': {
      const useGenerated = corpus.scripts.length === 0 || rng.chance(0.15);
      const base = useGenerated ? { origin: 'generator', text: generateScript(rng) } : rng.pick(corpus.scripts);
      const other = corpus.scripts.length ? rng.pick(corpus.scripts).text : generateScript(rng);
      return { index, kind, origin: base.origin, input: mutate(rng, base.text, other) };
    }
    case 'mutated-query': {
      const useGenerated = corpus.queries.length === 0 || rng.chance(0.15);
      const base = useGenerated ? { origin: 'generator', text: generateEsql(rng) } : rng.pick(corpus.queries);
      const other = corpus.queries.length ? rng.pick(corpus.queries).text : generateEsql(rng);
      return { index, kind, origin: base.origin, input: mutate(rng, base.text, other) };
    }
  }
}

/** Checks one case; scripts also have the queries embedded in them checked by the ES|QL front end. */
export function runCase(c: FuzzCase): string[] {
  if (c.kind === 'mutated-query' || c.kind === 'generated-query') return checkQuery(c.input);
  const probes = [0, c.input.length, c.index % (c.input.length + 1)];
  const { problems, script } = checkScript(c.input, probes);
  // The first embedded query is enough: the others mostly repeat the seed inputs' queries.
  for (const query of script ? embeddedQueries(script).slice(0, 1) : []) {
    problems.push(...checkQuery(query).map((p) => `embedded query ${JSON.stringify(query.slice(0, 80))}: ${p}`));
  }
  return problems;
}

/** How a failing input is shown: JSON-quoted (so NULs, CRs and odd unicode are visible), cut to `max`. */
export function shorten(input: string, max = 600): string {
  const quoted = JSON.stringify(input);
  return quoted.length <= max ? quoted : `${quoted.slice(0, max)}… (${input.length} characters in all)`;
}

/** A failure as printed by the test and the CLI: seed, case, how to replay, the problems and the input. */
export function formatFailure(f: FuzzFailure): string {
  return [
    `fuzz failure: seed ${f.seed}, case ${f.index} (${f.kind}, from ${f.origin})`,
    `replay: npm run fuzz -- --seed ${f.seed} --case ${f.index}`,
    ...f.problems.slice(0, 5).map((p) => `  - ${p}`),
    `input: ${shorten(f.input)}`,
  ].join('\n');
}

/** How long a run goes and what it reports along the way. */
export interface FuzzRunOptions {
  seed: number;
  /** Index of the first case (default 0). */
  from: number;
  /** Stop after this many cases, or… */
  count: number;
  /** …after this many seconds, whichever comes first. */
  seconds: number;
  /** Stop at the first failure instead of collecting them. */
  stopOnFailure: boolean;
  /** Called about once per second. */
  onProgress: (done: number, failures: number) => void;
  /** Called before each case; a watchdog uses it to name the case a hang is stuck in. */
  onCase: (index: number) => void;
}

const DEFAULT_RUN: FuzzRunOptions = {
  seed: 1, from: 0, count: Infinity, seconds: Infinity, stopOnFailure: false, onProgress: () => undefined, onCase: () => undefined,
};

/** Totals of a run. */
export interface FuzzSummary {
  cases: number;
  byKind: Record<CaseKind, number>;
  failures: FuzzFailure[];
  /** The slowest case, to spot inputs creeping towards the hang limit. */
  slowest: { index: number; ms: number };
  elapsedMs: number;
}

/** Runs cases `from, from+1, …` of the seeded run until the count or the time is used up. */
export function runFuzz(corpus: Corpus, options: Partial<FuzzRunOptions>): FuzzSummary {
  const o = { ...DEFAULT_RUN, ...options };
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  const byKind = Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>;
  const failures: FuzzFailure[] = [];
  const slowest = { index: -1, ms: 0 };
  let lastReport = started;
  let done = 0;
  for (let index = o.from; done < o.count && performance.now() < deadline; index++, done++) {
    o.onCase(index);
    const c = makeCase(corpus, o.seed, index);
    const caseStarted = performance.now();
    const problems = runCase(c);
    const ms = performance.now() - caseStarted;
    if (ms > slowest.ms) Object.assign(slowest, { index, ms });
    byKind[c.kind]++;
    if (problems.length) {
      failures.push({ ...c, seed: o.seed, problems });
      if (o.stopOnFailure) {
        done++;
        break;
      }
    }
    if (performance.now() - lastReport >= 1000) {
      lastReport = performance.now();
      o.onProgress(done + 1, failures.length);
    }
  }
  return { cases: done, byKind, failures, slowest, elapsedMs: performance.now() - started };
}
