import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary data directory for a test, and its cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-embedded-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
