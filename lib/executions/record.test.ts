import { describe, expect, it } from 'vitest';
import { derivedId, newExecutionId } from './record';

describe('execution ids (§13.12)', () => {
  it('are exec- and 16 lower-case hex digits, never repeated, also across refills of the random pool', () => {
    // 2,000 ids draw more than one pool of random bytes (512 ids each).
    const ids = Array.from({ length: 2_000 }, newExecutionId);
    for (const id of ids) expect(id).toMatch(/^exec-[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derive the same id from the same source, role and position, and different ids otherwise', () => {
    const source = 'exec-0123456789abcdef';
    expect(derivedId(source, 'on_done', 0)).toBe(derivedId(source, 'on_done', 0));
    // Pinned: records written by an earlier version are claimed under the same ids after an upgrade.
    expect(derivedId(source, 'on_done', 0)).toBe('exec-eccf34112e578d0e');
    expect(new Set([derivedId(source, 'on_done', 0), derivedId(source, 'on_done', 1), derivedId(source, 'finally', 0)]).size).toBe(3);
  });
});
