/**
 * No request crashes the engine: random requests shaped like real ones, with values of every type in every
 * place (test/fuzz/rest-requests.ts), each answered with a status below 500 and, for a failure, an error
 * body that names its type. A failure prints its seed and case to replay.
 */
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../engine';
import { tempDataDir } from '../test-support';
import { caseSeed, Prng } from '../../../test/fuzz/prng';
import { FUZZ_SETUP, randomRequest } from '../../../test/fuzz/rest-requests';

const SEED = 20261129;
const CASES = 2000;

describe('the REST door under random requests', () => {
  it(`answers ${CASES} of them without a server error`, async () => {
    const tmp = tempDataDir();
    const engine = new EmbeddedEngine(tmp.dir);
    try {
      for (const request of FUZZ_SETUP) expect((await engine.handle(request)).status).toBeLessThan(300);
      const crashes: string[] = [];
      for (let i = 0; i < CASES && crashes.length < 5; i++) {
        const request = randomRequest(new Prng(caseSeed(SEED, i)));
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
