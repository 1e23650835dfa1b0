import { describe, expect, it } from 'vitest';
import { EsError } from '../errors';
import { resolveAgainst, validateIndexName } from './names';

const all = [
  { name: '.escript_executions', hidden: true },
  { name: '.visible', hidden: false },
  { name: 'logs-1', hidden: false },
  { name: 'logs-2', hidden: false },
  { name: 'metrics', hidden: false },
];

describe('index names', () => {
  it.each([
    [['*'], ['.visible', 'logs-1', 'logs-2', 'metrics'], []],
    [['_all'], ['.visible', 'logs-1', 'logs-2', 'metrics'], []],
    [['logs-*'], ['logs-1', 'logs-2'], []],
    [['logs-*', '-logs-2'], ['logs-1'], []],
    [['metrics', 'missing'], ['metrics'], ['missing']],
    [['.escript_executions'], ['.escript_executions'], []],
    [['.escript*'], ['.escript_executions'], []],
    [['nomatch-*'], [], []],
  ])('resolves %j', (patterns, indices, missing) => {
    const { indices: got, missing: absent } = resolveAgainst(all, patterns);
    expect({ indices: got, missing: absent }).toEqual({ indices, missing });
  });

  const aliases = [{ name: 'logs', indices: ['logs-1', 'logs-2'], hidden: false }, { name: '.secret', indices: ['metrics'], hidden: true }];
  it.each([
    [['logs'], ['logs-1', 'logs-2'], [['logs-1', ['logs']], ['logs-2', ['logs']]]],
    [['logs', 'logs-1'], ['logs-1', 'logs-2'], [['logs-2', ['logs']]]],
    [['lo*'], ['logs-1', 'logs-2'], []],
    [['*', '-logs'], ['.visible', 'logs-1', 'logs-2', 'metrics'], []],
    [['logs', '-logs'], [], []],
    [['*', '-metrics'], ['.visible', 'logs-1', 'logs-2'], []],
  ])('resolves %j with aliases', (patterns, indices, via) => {
    const resolution = resolveAgainst(all, patterns, {}, aliases);
    expect([resolution.indices, [...resolution.viaAliases]]).toEqual([indices, via]);
  });

  it('refuses alias names where concrete indices are required, unless unavailable names are ignored', () => {
    expect(() => resolveAgainst(all, ['logs'], { allowAliases: false }, aliases)).toThrow('matches an alias');
    expect(resolveAgainst(all, ['logs', 'metrics'], { allowAliases: false, ignoreUnavailable: true }, aliases).indices).toEqual(['metrics']);
    expect(resolveAgainst(all, ['log?'], { allowAliases: false }, aliases).indices).toEqual([]);
    expect(() => resolveAgainst(all, ['log?'], { allowAliases: false, allowNoIndices: false }, aliases)).toThrow('no such index [log?]');
  });

  it('expands wildcards to hidden indices when asked', () =>
    expect(resolveAgainst(all, ['*'], { includeHidden: true }).indices).toContain('.escript_executions'));

  it.each(['Upper', 'a b', 'a*', '_x', '-x', '.', 'a,b', 'a/b'])('rejects the name %j', (name) => {
    expect(() => validateIndexName(name)).toThrow(EsError);
  });
  it.each(['logs', '.escript_executions', 'a-b_c.d'])('accepts the name %j', (name) => expect(() => validateIndexName(name)).not.toThrow());
});
