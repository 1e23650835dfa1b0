// Parser fuzzing in `npm test` (issue 3, item 8): a fixed seed, so every run feeds the same 4,000
// generated and mutated scripts and queries; `npm run fuzz` runs the same engine longer with a
// random seed. A failure message carries the seed, the case number and the input to replay it.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { formatFailure, runFuzz } from './engine';

const SEED = 20_260_109;
/** Cases per test: 4 × 1,000 = 1,600 generated scripts, 1,600 mutated scripts and 800 queries. */
const CHUNK = 1_000;
const CHUNKS = [0, 1, 2, 3];

describe('parser fuzz (fixed seed)', () => {
  const corpus = loadCorpus();

  it('has real scripts and queries to mutate', () => {
    expect(corpus.scripts.length).toBeGreaterThan(0);
    expect(corpus.queries.length).toBeGreaterThan(0);
  });

  it.each(CHUNKS)('cases %i000… never throw, never hang, and locate every error', (chunk) => {
    const summary = runFuzz(corpus, { seed: SEED, from: chunk * CHUNK, count: CHUNK });
    expect(summary.cases).toBe(CHUNK);
    expect(summary.failures.map(formatFailure)).toEqual([]);
  });
});
