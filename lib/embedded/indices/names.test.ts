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
  ])('resolves %j', (patterns, indices, missing) => expect(resolveAgainst(all, patterns)).toEqual({ indices, missing }));

  it('expands wildcards to hidden indices when asked', () =>
    expect(resolveAgainst(all, ['*'], { includeHidden: true }).indices).toContain('.escript_executions'));

  it.each(['Upper', 'a b', 'a*', '_x', '-x', '.', 'a,b', 'a/b'])('rejects the name %j', (name) => {
    expect(() => validateIndexName(name)).toThrow(EsError);
  });
  it.each(['logs', '.escript_executions', 'a-b_c.d'])('accepts the name %j', (name) => expect(() => validateIndexName(name)).not.toThrow());
});
