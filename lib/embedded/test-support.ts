import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { EmbeddedEngine } from './engine';
import { Store } from './storage/store';
import type { Mappings } from './storage/types';

/** A fresh temporary data directory for a test, and its cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-embedded-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A store on `dir` holding one index with `mappings` and `docs` (ids `<idPrefix>0`, `<idPrefix>1`, …,
 * sequence numbers in order), written in one transaction, as the read-path tests start from. A string
 * in `docs` is a source's JSON text as sent (its spellings kept). The index has a uuid, as one made
 * through the REST API has, so that reads go through the store's document cache.
 */
export function storeWithDocuments(dir: string, index: string, mappings: Mappings, docs: unknown[], idPrefix = 'd'): Store {
  const store = new Store(dir);
  store.transaction(() => {
    store.insertIndex(index, { 'index.uuid': `uuid-of-${index}` }, mappings, 1);
    docs.forEach((d, i) => store.putDocument({ index, id: `${idPrefix}${i}`, source: typeof d === 'string' ? d : JSON.stringify(d), seqNo: i, primaryTerm: 1, version: 1 }));
  });
  return store;
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

/**
 * A fresh engine on a temporary directory for each test of the calling `describe` (closed and removed
 * after it), and a `call` against it; `setup` runs first in each test's `beforeEach`.
 */
export function engineForEachTest(setup?: (call: ReturnType<typeof restCaller>) => Promise<void>) {
  let tmp: ReturnType<typeof tempDataDir>;
  let engine: EmbeddedEngine;
  const call = restCaller(() => engine);
  beforeEach(async () => {
    tmp = tempDataDir();
    engine = new EmbeddedEngine(tmp.dir);
    await setup?.(call);
  });
  afterEach(() => { engine.close(); tmp.cleanup(); });
  return { call };
}
