import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedEngine } from './engine';

/** A fresh temporary data directory for a test, and its cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-embedded-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A response body as tests read it: loosely, by path. */
export type LooseJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in assertions

/** `call(method, 'path?query', body)` against the engine `engine()` returns now: status and parsed body. */
export function restCaller(engine: () => EmbeddedEngine) {
  return async (method: string, url: string, body?: unknown): Promise<{ status: number; body: LooseJson }> => {
    const [path, querystring] = url.split('?');
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await engine().handle({ method, path, querystring, body: text });
    return { status: res.status, body: res.body as LooseJson };
  };
}
