import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createClient } from '../../elasticsearch';
import { tempDataDir } from '../test-support';
import { runSection } from './rest-yaml';

/** The runner's steps against the embedded engine through the official client. */
describe('REST YAML runner steps', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let client: Client;
  beforeEach(async () => { tmp = tempDataDir(); client = await createClient({ dataDir: tmp.dir }); });
  afterEach(async () => { await client.close(); tmp.cleanup(); });

  const outcome = (steps: Record<string, unknown>[]) => runSection(client, steps).then(() => 'pass', (e: Error) => e.message);

  it.each([
    ['a HEAD answered 404 reads as false', [{ do: { 'indices.exists_alias': { name: 'nope' } } }, { is_false: '' }], 'pass'],
    ['a HEAD answered 200 reads as true', [{ do: { 'indices.create': { index: 'a' } } }, { do: { 'indices.exists': { index: 'a' } } }, { is_true: '' }], 'pass'],
    ['match null holds for an absent key', [{ do: { info: {} } }, { match: { no_such_key: null } }], 'pass'],
    ['match null fails for a present value', [{ do: { info: {} } }, { match: { tagline: null } }], 'match tagline: expected null, got "You Know, for Search"'],
  ])('%s', async (_name, steps, expected) => expect(await outcome(steps)).toBe(expected));

  it('runs a section whose capabilities the engine reports, and skips one it does not', async () => {
    const requires = (capabilities: string[]) => ({ requires: { test_runner_features: ['capabilities'], capabilities: [{ method: 'POST', path: '/_query', capabilities }] } });
    expect(await outcome([requires(['parameter_for_limit'])])).toBe('pass');
    expect(await outcome([requires(['fix_index_like_question_mark_wildcard'])])).toBe('requires capabilities the target does not report: fix_index_like_question_mark_wildcard');
  });
});
