import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A maker of fresh temporary directories named `<prefix>…` for the calling test file; every one it made
 * is removed after the file's tests.
 */
export function tempDirsFor(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
