import { EsError } from '../../errors';
import { ok, route, type RestRequest, type Router } from '../router';

/** The HTTP methods Elasticsearch's `RestRequest.Method` knows; any other `method` parameter is refused. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT']);

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Whether the engine serves `method` on `path` with every capability asked for, as Elasticsearch's
 * `RestController.checkSupported` decides: the route must exist for that method and declare each
 * capability. Query parameters are accepted whatever they are, as for an Elasticsearch handler that
 * declares no parameter list (none of ours does).
 */
function supported(router: Router, req: RestRequest): boolean {
  const method = (req.query.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new EsError(400, 'illegal_argument_exception', `No enum constant org.elasticsearch.rest.RestRequest.Method.${method}`);
  let path: string;
  try { path = decodeURIComponent(req.query.path ?? '/'); } catch { return false; }
  let found: ReturnType<Router['find']>;
  try { found = router.find(method, path); } catch { return false; }
  return found !== undefined && list(req.query.capabilities).every((c) => found.route.capabilities.has(c));
}

/**
 * `GET /_capabilities?method=&path=&parameters=&capabilities=`: whether this one-node cluster supports a
 * REST call, answered in Elasticsearch's nodes-response shape with `supported: true|false`.
 */
export default [
  ...route('GET', '/_capabilities', (req, { router }) => ok({
    _nodes: { total: 1, successful: 1, failed: 0 },
    cluster_name: 'embedded',
    supported: supported(router, req),
  })),
];
