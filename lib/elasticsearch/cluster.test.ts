/**
 * Connecting to a cluster, against small HTTP servers that answer like Elasticsearch nodes of other
 * versions or like other servers (es-serve covers 8.x and 9.x end to end in test/cluster): which media
 * types are sent, which versions are refused and how, and that a version is probed once per process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterConnectError, clusterVersion, connectCluster, displayUrl } from './cluster';

interface Seen { method: string; url: string; accept?: string; contentType?: string }

/** A node that answers `GET /` with `info` (status and headers as given) and `{}` to anything else. */
async function fakeNode(answer: () => { status: number; body: unknown; product?: boolean }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', accept: req.headers.accept, contentType: req.headers['content-type'] });
    req.resume().on('end', () => {
      const { status, body, product = true } = req.url === '/' ? answer() : { status: 200, body: {} };
      res.writeHead(status, { 'content-type': 'application/json', ...(product ? { 'x-elastic-product': 'Elasticsearch' } : {}) });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, seen };
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

const info = (number: string) => ({ status: 200, body: { name: 'n', cluster_name: 'c', version: { number }, tagline: 'You Know, for Search' } });

/** The ClusterConnectError `connectCluster` rejects with. */
async function failure(url: string): Promise<{ failure: string; message: string }> {
  const e = await connectCluster({ url }).then(() => undefined, (thrown: unknown) => thrown);
  expect(e).toBeInstanceOf(ClusterConnectError);
  return { failure: (e as ClusterConnectError).failure, message: (e as ClusterConnectError).message };
}

describe('connectCluster', () => {
  it.each([
    ['8.19.2', 'application/vnd.elasticsearch+json; compatible-with=8'],
    ['9.1.0', 'application/vnd.elasticsearch+json; compatible-with=9'],
  ])('probes GET / with plain JSON, then talks to %s with %s', async (version, mediaType) => {
    const node = await fakeNode(() => info(version));
    const client = await connectCluster({ url: node.url });
    try {
      await client.index({ index: 'i', document: { a: 1 } });
    } finally {
      await client.close();
    }
    expect(node.seen).toEqual([
      { method: 'GET', url: '/', accept: 'application/json, text/plain', contentType: 'application/json' },
      { method: 'POST', url: '/i/_doc', accept: mediaType, contentType: mediaType },
    ]);
  });

  it.each([
    [info('7.17.9'), 'unsupported', 'is version 7.17.9; elastic-script studio needs 8.x or 9.x'],
    [{ ...info('2.11.0'), product: false }, 'unsupported', 'the server at URL is not Elasticsearch (it sends no X-Elastic-Product header)'],
    [{ status: 401, body: { error: { type: 'security_exception', reason: 'missing authentication credentials for REST request [/]' }, status: 401 } },
      'refused', 'answered GET / with 401 security_exception: missing authentication credentials for REST request [/]; '
      + 'check ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD'],
  ])('refuses %j clearly', async (answer, kind, text) => {
    const node = await fakeNode(() => answer);
    const { failure: got, message } = await failure(node.url);
    expect(got).toBe(kind);
    expect(message).toBe(text.startsWith('the server') ? text.replace('URL', node.url) : `Elasticsearch at ${node.url} ${text}`);
  });

  it('probes a cluster once per process, but again after a failed probe', async () => {
    let answer: { status: number; body: unknown } = { status: 503, body: { error: { type: 'cluster_block_exception', reason: 'not recovered' }, status: 503 } };
    const node = await fakeNode(() => answer);
    const probes = () => node.seen.filter((s) => s.url === '/').length;
    expect((await failure(node.url)).message).toBe(`Elasticsearch at ${node.url} answered GET / with 503 cluster_block_exception: not recovered`);
    answer = info('9.0.0');
    await (await connectCluster({ url: node.url })).close();
    await (await connectCluster({ url: node.url })).close();
    expect(await clusterVersion({ url: node.url })).toBe('9.0.0');
    expect(probes()).toBe(2);
  });
});

describe('displayUrl', () => {
  it.each([
    ['http://elastic:s3cret@es.example:9200', 'http://es.example:9200'],
    ['https://es.example/prefix/', 'https://es.example/prefix/'],
    ['http://127.0.0.1:9200/', 'http://127.0.0.1:9200'],
    ['not a url', 'not a url'],
  ])('%s is shown as %s', (url, shown) => expect(displayUrl(url)).toBe(shown));
});
