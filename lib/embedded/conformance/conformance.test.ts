/**
 * Elasticsearch conformance in `npm test`: every REST YAML section and csv-spec case of
 * ../shared/conformance/elasticsearch through the official client, by the same runner as
 * `npm run conformance:es` (runner.ts). The embedded engine on a temporary directory, or the cluster at
 * $ELASTICSEARCH_URL when set. One file, so YAML sections and csv-spec datasets never share a store at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, storeConfigFromEnv } from '../../elasticsearch/index';
import { ConformanceSession, planConformance, type Target } from './runner';

const plan = await planConformance();
const fromEnv = storeConfigFromEnv(process.env);
const target: Target = fromEnv.url ? 'cluster' : 'embedded';

describe.skipIf(plan.yaml.length + plan.csv.length === 0)('Elasticsearch conformance', () => {
  let dataDir: string | undefined;
  let client: Client;
  let session: ConformanceSession;

  beforeAll(async () => {
    dataDir = target === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), 'escript-conformance-')) : undefined;
    client = await createClient(target === 'cluster' ? fromEnv : { dataDir });
    session = new ConformanceSession(client, target, plan);
    await session.begin();
  });

  afterAll(async () => {
    await session?.end();
    await client?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('skip lists give a reason for every entry and name only cases that run', () => {
    const yamlIds = new Set(plan.yaml.map((c) => c.id));
    // A csv-spec entry for a case the material rules out (-Ignore, #[skip], missing dataset) would never be checked.
    const runnableCsv = new Set(plan.csv.filter((c) => session.csvRuledOut(c) === null).map((c) => c.id));
    const stale = [
      ...[...plan.skipLists['rest-yaml'].entries.keys()].filter((id) => !yamlIds.has(id)).map((id) => `rest-yaml-skip.txt: ${id}`),
      ...[...plan.skipLists['csv-spec'].entries.keys()].filter((id) => !runnableCsv.has(id)).map((id) => `skip-list.txt: ${id}`),
    ];
    expect([...plan.skipLists['rest-yaml'].problems, ...plan.skipLists['csv-spec'].problems, ...stale]).toEqual([]);
  });

  describe('REST YAML', () => {
    for (const c of plan.yaml) {
      it(c.id, async (ctx) => {
        const result = await session.runYaml(c);
        if (result.verdict === 'skipped') ctx.skip(result.detail);
        expect(result.verdict, result.detail).toBe('passed');
      });
    }
  });

  describe('ES|QL csv-spec', () => {
    for (const c of plan.csv) {
      it(c.id, async (ctx) => {
        const result = await session.runCsv(c);
        if (result.verdict === 'skipped') ctx.skip(result.detail);
        expect(result.verdict, result.detail).toBe('passed');
      });
    }
  });
});
