/**
 * A forwarding proxy in front of es-serve that records the Authorization header of every request, over
 * plain HTTP or over TLS with the self-signed test certificate in fixtures/ (made for these tests only:
 * CN and SAN 127.0.0.1, valid until 2126). It is how the tests see what cluster mode sends on the wire:
 * credentials, and whether it trusts a certificate.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const TEST_CA_CERT = path.join(import.meta.dirname, 'fixtures/tls-cert.pem');
const TEST_KEY = path.join(import.meta.dirname, 'fixtures/tls-key.pem');

/** A running proxy. */
export interface RecordingProxy {
  url: string;
  /** The Authorization header of each request so far (undefined when it had none). */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** Starts a proxy to `target` (an `http://127.0.0.1:port` URL) on a free port; `tls` serves HTTPS. */
export async function startRecordingProxy(target: string, tls = false): Promise<RecordingProxy> {
  const authorizations: (string | undefined)[] = [];
  const forward: http.RequestListener = (req, res) => {
    authorizations.push(req.headers.authorization);
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };
  const server = tls
    ? https.createServer({ key: readFileSync(TEST_KEY), cert: readFileSync(TEST_CA_CERT) }, forward)
    : http.createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    authorizations,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
