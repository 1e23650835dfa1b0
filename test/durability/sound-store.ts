import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';

/** Asserts that SQLite finds no damage in the store of `dataDir` (opened read-only, beside any other process). */
export function expectSoundStore(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'store.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}
