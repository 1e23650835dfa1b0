import { describe, expect, it } from 'vitest';
import { answer } from '../testing/run';

describe('Elasticsearch commands the engine does not run', () => {
  it.each([
    ['ROW a = 1 | ENRICH languages_policy ON a WITH name = language_name', 'ENRICH', '1:13'],
    ['ROW a = 1 | LOOKUP JOIN languages_lookup ON a', 'LOOKUP JOIN', '1:13'],
    ['ROW a = 1 | INLINESTATS c = COUNT(*) BY a', 'INLINESTATS', '1:13'],
    ['ROW a = 1 | INLINE STATS c = COUNT(*) BY a', 'INLINE STATS', '1:13'],
    ['ROW a = 1 | FORK (WHERE a > 1 | LIMIT 2) (WHERE a < 1)', 'FORK', '1:13'],
    ['ROW a = 1\n| CHANGE_POINT a ON t', 'CHANGE_POINT', '2:3'],
    ['ROW a = 1 | COMPLETION b = a WITH { "inference_id" : "x" }', 'COMPLETION', '1:13'],
    ['ROW a = 1 | RERANK "q" ON a', 'RERANK', '1:13'],
    ['ROW a = 1 | FUSE', 'FUSE', '1:13'],
    ['TS metrics-* | STATS max(x)', 'TS', '1:1'],
  ])('%s is a verification_exception naming the command', (query, command, at) => {
    expect(answer(query)).toMatchObject({
      status: 400,
      error: { type: 'verification_exception', reason: `Found 1 problem\nline ${at}: Unsupported command [${command}]: the embedded engine does not implement it` },
    });
  });
  it('reports the problems of the commands before it first', () => {
    expect(answer('ROW a = 1 | KEEP nope | ENRICH p').error?.reason).toBe('Found 1 problem\nline 1:18: Unknown column [nope]');
  });
  it('leaves an unknown word a syntax error, as Elasticsearch does', () => {
    expect(answer('ROW a = 1 | PROJECT a').error).toEqual({ type: 'parsing_exception', reason: "line 1:13: mismatched input 'PROJECT'" });
  });
});
