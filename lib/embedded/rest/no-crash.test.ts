/**
 * No request crashes the engine: random requests shaped like real ones, with values of every type in every
 * place (test/fuzz/rest-requests.ts), and random ES|QL queries over every column type (test/fuzz/
 * esql-queries.ts), each answered with a status below 500 and, for a failure, an error body that names its
 * type. A failure prints its seed and case to replay.
 */
import { describe, expect, it } from 'vitest';
import { ESQL_FUZZ_SETUP, randomEsqlRequest } from '../../../test/fuzz/esql-queries';
import { caseSeed, Prng } from '../../../test/fuzz/prng';
import { FUZZ_SETUP, randomRequest } from '../../../test/fuzz/rest-requests';
import { EmbeddedEngine, type EngineRequest } from '../engine';
import { tempDataDir } from '../test-support';

const SEED = 20261129;

describe('the REST door under random requests', () => {
  it.each([
    ['requests of every API', FUZZ_SETUP, randomRequest, 2000],
    ['ES|QL queries over every column type', ESQL_FUZZ_SETUP, randomEsqlRequest, 2000],
  ] as [string, EngineRequest[], (r: Prng) => EngineRequest, number][])('answers %s without a server error', async (_kind, setup, generate, cases) => {
    const tmp = tempDataDir();
    const engine = new EmbeddedEngine(tmp.dir);
    try {
      for (const request of setup) expect((await engine.handle(request)).status).toBeLessThan(300);
      const crashes: string[] = [];
      for (let i = 0; i < cases && crashes.length < 5; i++) {
        const request = generate(new Prng(caseSeed(SEED, i)));
        const response = await engine.handle(request);
        const error = (response.body as { error?: { type?: string; reason?: string } } | undefined)?.error;
        if (response.status >= 500 || error?.type === 'exception') {
          crashes.push(`case ${i} (seed ${SEED}): ${request.method} ${request.path}?${request.querystring ?? ''} ${request.body} => ${response.status} ${error?.reason}`);
        }
      }
      expect(crashes).toEqual([]);
    } finally {
      engine.close();
      tmp.cleanup();
    }
  }, 60_000);
});
