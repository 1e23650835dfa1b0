/**
 * What starting a PARALLEL group writes (LANGUAGE.md §13.6, §13.14.2), seen at the client's door: the
 * group's record first, then every branch record, in declaration order, with the branches in one request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ensureSystemIndices } from '../../lib/elasticsearch';
import { Scheduler } from '../../lib/executions';
import { EXECUTIONS_INDEX } from '../../lib/executions/record';
import { runScript } from '../../lib/runtime';

let dir: string;
let client: Client;
let scheduler: Scheduler;
/** The `_bulk` requests the client sent, each as the records it created: procedure name, `group` for a group. */
const bulks: string[][] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'escript-start-writes-'));
  client = await createClient({ dataDir: dir });
  await ensureSystemIndices(client);
  scheduler = new Scheduler({ client, node: 'start-writes' });
  // Observes the requests; the client and the store behind it are the real ones.
  const transport = client.transport as unknown as { request: (params: { path: string; bulkBody?: unknown[] }, options?: unknown) => Promise<unknown> };
  const request = transport.request.bind(transport);
  transport.request = (params, options) => {
    if (params.path.endsWith('/_bulk')) {
      // The record batcher sends each item as one entry: the action line, a newline, the document.
      bulks.push((params.bulkBody ?? []).flatMap((entry) => {
        const [action, doc] = String(entry).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
        return 'create' in action ? [String((doc as { procedure_name: string | null }).procedure_name ?? 'group')] : [];
      }));
    }
    return request(params, options);
  };
});
afterAll(async () => {
  await scheduler.close();
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('starting a PARALLEL group', () => {
  it('writes the group, then its branches in declaration order in one request, before the statement completes', async () => {
    const defined = await runScript(`
CREATE PROCEDURE w1() BEGIN RETURN 1; END PROCEDURE
CREATE PROCEDURE w2() BEGIN RETURN 2; END PROCEDURE
CREATE PROCEDURE w3() BEGIN RETURN 3; END PROCEDURE`, {
      host: { client, async: scheduler }, caller: { runId: 'defs', executionId: null }, onPrint: () => undefined,
    });
    expect(defined.kind === 'ran' ? defined.error : defined.errors).toBeNull();
    bulks.length = 0;
    const started = await runScript("PARALLEL [w1(), w2(), w3(), w1(), w2(), w3()] | TRACK AS 'six';", {
      host: { client, async: scheduler }, caller: { runId: 'six', executionId: null }, onPrint: () => undefined,
    });
    expect(started.kind === 'ran' ? started.error : started.errors).toBeNull();
    // The statement has completed: its writes were the group's create, then the six branches' creates.
    expect(bulks.slice(0, 2)).toEqual([['group'], ['w1', 'w2', 'w3', 'w1', 'w2', 'w3']]);
    // …and all seven are searchable already (§13.14.1).
    expect((await client.count({ index: EXECUTIONS_INDEX, query: { term: { kind: 'procedure' } } })).count).toBe(6);
    await scheduler.runs.settled('six');
  });
});
