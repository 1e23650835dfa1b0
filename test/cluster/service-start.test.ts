/**
 * The IDE's side of an unreachable cluster: the Run button's server action comes back with the one-line
 * cause as its error (which the output panel shows), and the service does not remember the failure, so
 * the next run connects once the cluster is up.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScriptAction } from '../../app/actions/run';
import { serveEngine, type RunningServer } from '../../lib/embedded/http';
import { closeService, configureService } from '../../lib/service';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-service-start-'));
let cluster: RunningServer | undefined;
afterAll(async () => {
  await closeService();
  await cluster?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('running a script from the IDE while the cluster is down, then up', () => {
  it('shows the cause as the run’s error, and connects on the next run', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    configureService({ url });

    expect(await runScriptAction({ source: "PRINT 'hello';" })).toEqual({ error: `cannot reach Elasticsearch at ${url}: ECONNREFUSED` });

    cluster = await serveEngine({ port, dataDir });
    const second = await runScriptAction({ source: "PRINT 'hello';" });
    expect(second).toMatchObject({ exit: 0, events: [{ event: 'print', text: 'hello' }] });
  });
});
