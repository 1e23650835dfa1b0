/**
 * Durability: a write acknowledged before a `kill -9` of the process is there after a restart.
 *
 * 1. `escript run` on the embedded store writes documents one by one with INDEX_DOCUMENT and PRINTs each
 *    acknowledged id; it is SIGKILLed mid-way. Restarted on the same data directory, every printed id is
 *    there, by id and in a search after refresh, and the store opens cleanly.
 * 2. The same over HTTP: the official client writes to an `escript es-serve` child (default `refresh`,
 *    so acknowledgement alone must make a write durable), which is SIGKILLed while a write is in flight.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../lib/elasticsearch';
import { ESCRIPT, escript, startEsServe } from '../cluster/processes';
import { tempDirsFor } from '../support/temp-dirs';
import { expectSoundStore } from './sound-store';

/** How many acknowledged writes to wait for before killing: enough to be mid-way, well before the end. */
const KILL_AFTER = 300;
const PLANNED = 5_000;

const WRITER = `FOR i IN 1..${PLANNED} LOOP
  VAR written = INDEX_DOCUMENT('durable', {"n": i}, 'doc-' || i);
  PRINT written.id;
END LOOP;
`;

const tempDir = tempDirsFor('escript-durability-');

/** Runs the writer script on `dataDir`, SIGKILLs it after KILL_AFTER printed ids, and returns every id it printed. */
function writeUntilKilled(dataDir: string, script: string): Promise<{ ids: string[]; signal: NodeJS.Signals | null }> {
  const child = spawn(ESCRIPT, ['run', '--data', dataDir, script], { env: { ...process.env, ELASTICSEARCH_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (child.signalCode === null && stdout.split('\n').length > KILL_AFTER) child.kill('SIGKILL');
  });
  // 'close' waits for the pipes to drain: every line written before the kill is read.
  return new Promise((resolve, reject) => child.once('close', (code, signal) => {
    if (signal !== 'SIGKILL') reject(new Error(`the writer was not killed (exit ${code}): ${stderr}`));
    // Only whole lines count: PRINT writes a line with its newline in one write.
    else resolve({ ids: stdout.split('\n').slice(0, -1), signal });
  }));
}

/** Every id in `ids` that `client` cannot GET from `index`. */
async function missingById(client: Client, index: string, ids: string[]): Promise<string[]> {
  const found = await Promise.all(ids.map((id) => client.exists({ index, id })));
  return ids.filter((_, i) => !found[i]);
}

/** The ids a search after refresh returns among `ids`. */
async function searchedIds(client: Client, index: string, ids: string[]): Promise<string[]> {
  await client.indices.refresh({ index });
  const res = await client.search({ index, query: { ids: { values: ids } }, size: ids.length, _source: false });
  return res.hits.hits.map((h) => h._id as string).sort();
}

describe('a write acknowledged before kill -9 survives the restart', () => {
  it('escript run on the embedded store', async () => {
    const dataDir = tempDir();
    const script = path.join(tempDir(), 'writer.es');
    fs.writeFileSync(script, WRITER);

    const { ids } = await writeUntilKilled(dataDir, script);
    expect(ids.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(ids.length).toBeLessThan(PLANNED);
    expect(ids.slice(0, 3)).toEqual(['doc-1', 'doc-2', 'doc-3']);

    // The store opens cleanly: SQLite finds no damage, and the CLI reads it without a complaint.
    expectSoundStore(dataDir);
    const counted = await escript(['query', '--json', '--data', dataDir, 'FROM durable | STATS c = COUNT(*)'], { ELASTICSEARCH_URL: '' });
    expect(counted.stderr).toBe('');
    // Writes are sequential, so at most the one write in flight at the kill may be there unprinted.
    const total = (JSON.parse(counted.stdout) as { values: number[][] }).values[0][0];
    expect(total - ids.length).toBeGreaterThanOrEqual(0);
    expect(total - ids.length).toBeLessThanOrEqual(1);

    const client = await createClient({ dataDir });
    try {
      expect(await missingById(client, 'durable', ids)).toEqual([]);
      expect(await searchedIds(client, 'durable', ids)).toEqual([...ids].sort());
    } finally {
      await client.close();
    }
  });

  it('escript es-serve, killed while a write is in flight', async () => {
    const dataDir = tempDir();
    const first = await startEsServe(dataDir);
    const writer = new Client({ node: first.url, maxRetries: 0 });
    const acknowledged: string[] = [];
    try {
      for (let n = 1; n <= PLANNED; n++) {
        const write = writer.index({ index: 'durable', id: `doc-${n}`, document: { n } });
        if (acknowledged.length === KILL_AFTER) first.child.kill('SIGKILL');
        try {
          await write;
        } catch {
          break; // the connection died with the process
        }
        acknowledged.push(`doc-${n}`);
      }
    } finally {
      await writer.close();
      await first.stop();
    }
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(PLANNED);

    const second = await startEsServe(dataDir);
    const reader = new Client({ node: second.url });
    try {
      expect(await missingById(reader, 'durable', acknowledged)).toEqual([]);
      expect(await searchedIds(reader, 'durable', acknowledged)).toEqual([...acknowledged].sort());
      const { count } = await reader.count({ index: 'durable' });
      expect(count - acknowledged.length).toBeLessThanOrEqual(1);
      expect(second.stderr()).toBe('');
    } finally {
      await reader.close();
      await second.stop();
    }
  });
});
