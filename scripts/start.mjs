#!/usr/bin/env node
// Starts the built app with `next start`, bound to HOST (default 127.0.0.1) and PORT (default 3000).
// `next start` binds every interface by default; the studio runs scripts, so it listens on loopback
// unless HOST explicitly says otherwise.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next', { paths: [root] });

const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT || '3000';

const child = spawn(process.execPath, [nextBin, 'start', '--hostname', host, '--port', port], {
  cwd: root,
  stdio: 'inherit',
  // A larger young generation for the interpreter's short-lived values (docs/ARCHITECTURE.md, decision 12).
  env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, NODE_OPTIONS: `--max-semi-space-size=64 ${process.env.NODE_OPTIONS ?? ''}`.trim() },
});

// Forward termination so that stopping this wrapper also stops next-server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
