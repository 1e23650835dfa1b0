/**
 * Cluster mode end to end: `escript run` and `escript query` with ELASTICSEARCH_URL pointing at a real
 * `escript es-serve` child process, once answering as the engine's own 9.x and once as an 8.x node (which
 * refuses the 9.x client's default `compatible-with=9`); credentials and TLS settings from the environment,
 * seen on the wire through a forwarding proxy; and an unreachable cluster.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escript, ROOT, startEsServe, type EsServe } from './processes';
import { startRecordingProxy, TEST_CA_CERT, type RecordingProxy } from './proxy';
import { tempDirsFor } from '../support/temp-dirs';

const ROUNDTRIP = path.join(ROOT, 'test/cluster/fixtures/roundtrip.es');

/** What the round-trip script prints on a fresh cluster, whatever its version. */
const ROUNDTRIP_OUTPUT = [
  '{"index":"notes","id":"a","result":"created"}',
  '{"index":"notes","count":2}',
  '{"index":"notes","id":"b","result":"updated"}',
  '{"title":"beta","n":2,"tag":"x"}',
  'search: beta',
  'search: gamma',
  'search: delta',
  'esql: {"total":9,"docs":3}',
  'cursor: b beta',
  'cursor: a alpha',
].join('\n') + '\n';

const tempDir = tempDirsFor('escript-cluster-');

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each([
  { esVersion: 9, args: [] as string[] },
  { esVersion: 8, args: ['--es-version', '8'] },
])('cluster mode against es-serve answering version negotiation as Elasticsearch $esVersion', ({ esVersion, args }) => {
  let serve: EsServe;
  // The CLI's own data directory must stay untouched: cluster mode never opens the embedded store.
  const cliDataDir = path.join(os.tmpdir(), `escript-cluster-unused-${process.pid}-${esVersion}`);
  beforeAll(async () => { serve = await startEsServe(tempDir(), args); });
  afterAll(async () => { await serve?.stop(); });

  it('runs a script that indexes, updates, searches and runs ES|QL through the cluster', async () => {
    const ran = await escript(['run', '--data', cliDataDir, ROUNDTRIP], { ELASTICSEARCH_URL: serve.url });
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe(ROUNDTRIP_OUTPUT);
    expect(ran.status).toBe(0);
    expect(fs.existsSync(cliDataDir)).toBe(false);
  });

  it('answers escript query from the same cluster', async () => {
    const ran = await escript(['query', '--json', 'FROM notes | SORT n | KEEP title, n | LIMIT 2'], { ELASTICSEARCH_URL: serve.url });
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toMatchObject({ values: [['alpha', 1], ['beta', 2]] });
    expect(ran.status).toBe(0);
  });

  it('reports a query the cluster rejects with its error and exit 1', async () => {
    const ran = await escript(['query', 'FROM notes | KEEP nope'], { ELASTICSEARCH_URL: serve.url });
    expect(ran.stderr).toMatch(/^query: verification_exception: [^]*line 1:19: Unknown column \[nope\]\n$/);
    expect(ran.status).toBe(1);
  });
});

describe('es-serve --es-version 8 refuses what a real 8.x node refuses', () => {
  let serve: EsServe;
  beforeAll(async () => { serve = await startEsServe(tempDir(), ['--es-version', '8']); });
  afterAll(async () => { await serve?.stop(); });

  it('reports 8.19.0 and refuses the 9.x client’s default media types on requests with a body', async () => {
    const plain = new Client({ node: serve.url });
    try {
      // Requests without a body pass (the client's Accept is a media range, which 8.x ignores) ...
      expect((await plain.info()).version.number).toBe('8.19.0');
      // ... and a body with compatible-with=9 is refused before anything is written.
      const refused = await plain.index({ index: 'refused', document: { a: 1 } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(errors.ResponseError);
      expect((refused as errors.ResponseError).meta.statusCode).toBe(400);
      expect((refused as errors.ResponseError).meta.body).toEqual({
        error: {
          root_cause: [{ type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Accept, Content-Type]' }],
          type: 'media_type_header_exception',
          reason: 'Invalid media-type value on headers [Accept, Content-Type]',
          caused_by: {
            type: 'status_exception',
            reason: 'Accept version must be either version 8 or 7, but found 9. Accept=application/vnd.elasticsearch+json; compatible-with=9',
          },
        },
        status: 400,
      });
      expect(await plain.indices.exists({ index: 'refused' })).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

describe('credentials and TLS settings from the environment', () => {
  let serve: EsServe;
  let proxy: RecordingProxy;
  let tlsProxy: RecordingProxy;
  beforeAll(async () => {
    serve = await startEsServe(tempDir());
    proxy = await startRecordingProxy(serve.url);
    tlsProxy = await startRecordingProxy(serve.url, true);
  });
  afterAll(async () => {
    await proxy?.close();
    await tlsProxy?.close();
    await serve?.stop();
  });

  it.each([
    [{ ELASTICSEARCH_API_KEY: 'a2V5OnNlY3JldA==' }, 'ApiKey a2V5OnNlY3JldA=='],
    [{ ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 's3cret' }, `Basic ${Buffer.from('elastic:s3cret').toString('base64')}`],
    // An API key wins over a user name and password.
    [{ ELASTICSEARCH_API_KEY: 'k', ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 's3cret' }, 'ApiKey k'],
  ])('sends %j as the Authorization header of every request', async (credentials, header) => {
    proxy.authorizations.length = 0;
    const ran = await escript(['query', 'ROW a = 1'], { ELASTICSEARCH_URL: proxy.url, ...credentials });
    expect(ran.status).toBe(0);
    expect(proxy.authorizations.length).toBeGreaterThan(1);
    expect(new Set(proxy.authorizations)).toEqual(new Set([header]));
  });

  it('refuses a certificate it cannot verify, naming the setting that fixes it', async () => {
    const ran = await escript(['query', 'ROW a = 1'], { ELASTICSEARCH_URL: tlsProxy.url });
    expect(ran.stderr).toBe(`escript: cannot reach Elasticsearch at ${tlsProxy.url}: self-signed certificate `
      + '(set ELASTICSEARCH_CA_CERT to the cluster\'s CA file, or ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED=false for a test cluster)\n');
    expect(ran.status).toBe(1);
  });

  it.each([
    [{ ELASTICSEARCH_CA_CERT: TEST_CA_CERT }],
    [{ ELASTICSEARCH_TLS_REJECT_UNAUTHORIZED: 'false' }],
  ])('connects over TLS with %j', async (tls) => {
    const ran = await escript(['query', '--json', 'ROW a = 1'], { ELASTICSEARCH_URL: tlsProxy.url, ...tls });
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toMatchObject({ values: [[1]] });
  });

  it('names a CA file it cannot read', async () => {
    const missing = path.join(tempDir(), 'no-such-ca.pem');
    const ran = await escript(['query', 'ROW a = 1'], { ELASTICSEARCH_URL: tlsProxy.url, ELASTICSEARCH_CA_CERT: missing });
    expect(ran.stderr).toBe(`escript: cannot read the CA certificate ${missing} (ELASTICSEARCH_CA_CERT): ENOENT\n`);
    expect(ran.status).toBe(1);
  });
});

describe('an unreachable cluster', () => {
  it.each([
    [['run', ROUNDTRIP]],
    [['query', 'ROW a = 1']],
  ])('escript %j exits 1 with one line naming the URL and the cause', async (args) => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const ran = await escript(args, { ELASTICSEARCH_URL: url });
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(`escript: cannot reach Elasticsearch at ${url}: ECONNREFUSED\n`);
    expect(ran.status).toBe(1);
  });

  it('never shows the credentials of a URL that carries them', async () => {
    const port = await closedPort();
    const ran = await escript(['query', 'ROW a = 1'], { ELASTICSEARCH_URL: `http://elastic:s3cret@127.0.0.1:${port}` });
    expect(ran.stderr).toBe(`escript: cannot reach Elasticsearch at http://127.0.0.1:${port}: ECONNREFUSED\n`);
  });
});
