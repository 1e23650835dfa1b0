import { describe, expect, it } from 'vitest';
import { EsError } from '../errors';
import { ROUTES } from './routes/index';
import { Router } from './router';

const router = new Router(ROUTES);

describe('Router', () => {
  it.each([
    ['GET', '/', '/'],
    ['PUT', '/logs', '/:index'],
    ['GET', '/logs/_doc/1', '/:index/_doc/:id'],
    ['GET', '/logs/_doc/a%2Fb', '/:index/_doc/:id'],
    ['POST', '/logs/_doc', '/:index/_doc'],
    ['GET', '/_search', '/_search'],
    ['GET', '/logs-*,metrics/_search', '/:index/_search'],
    ['PUT', '/_index_template/t', '/_index_template/:name'],
    ['GET', '/_cat/indices', '/_cat/indices'],
    ['POST', '/_bulk', '/_bulk'],
    ['POST', '/_query', '/_query'],
    ['POST', '/_all/_refresh', '/:index/_refresh'],
  ])('%s %s → %s', (method, path, pattern) => expect(router.resolve(method, path).route.pattern).toBe(pattern));

  it('decodes path parameters', () => expect(router.resolve('GET', '/logs/_doc/a%2Fb').params).toEqual({ index: 'logs', id: 'a/b' }));

  it.each([
    ['PATCH', '/logs/_doc/1', 405, 'method_not_allowed'],
    ['GET', '/_nope', 400, 'illegal_argument_exception'],
    ['GET', '/a/b/c/d/e', 400, 'illegal_argument_exception'],
  ])('%s %s → %i %s', (method, path, status, type) => {
    try { router.resolve(method, path); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(EsError);
      expect([(e as EsError).status, (e as EsError).type]).toEqual([status, type]);
    }
  });
});
