import { EsError } from '../../errors';
import { validateTemplate } from '../../indices/templates';
import { ok, reply, route } from '../router';
import { wildcardMatch } from '../../wildcard';
import type { Store } from '../../storage/store';

const notFound = (name: string) => new EsError(404, 'resource_not_found_exception', `index template matching [${name}] not found`);

function matching(store: Store, name: string | undefined) {
  const patterns = name ? name.split(',') : ['*'];
  return store.listTemplates().filter((t) => patterns.some((p) => wildcardMatch(p, t.name)));
}

const view = (t: { name: string; body: unknown }) => ({ name: t.name, index_template: t.body });

/** Composable index templates: `PUT/POST/GET/HEAD/DELETE /_index_template/<name>` and `GET /_index_template`. */
export default [
  ...route('PUT|POST', '/_index_template/:name', (req, { store }) => {
    const body = validateTemplate(req.params.name, req.json());
    const exists = store.getTemplate(req.params.name) !== undefined;
    if (req.query.create === 'true' && exists) {
      throw new EsError(400, 'illegal_argument_exception', `index template [${req.params.name}] already exists`);
    }
    store.transaction(() => store.putTemplate(req.params.name, body));
    return ok({ acknowledged: true });
  }),
  ...route('GET', '/_index_template/:name', (req, { store }) => {
    const found = matching(store, req.params.name);
    if (found.length === 0 && !req.params.name.includes('*')) throw notFound(req.params.name);
    return ok({ index_templates: found.map(view) });
  }),
  ...route('GET', '/_index_template', (_req, { store }) => ok({ index_templates: matching(store, undefined).map(view) })),
  ...route('HEAD', '/_index_template/:name', (req, { store }) => reply(matching(store, req.params.name).length > 0 ? 200 : 404, undefined)),
  ...route('DELETE', '/_index_template/:name', (req, { store }) => {
    const names = matching(store, req.params.name).map((t) => t.name);
    if (names.length === 0) throw notFound(req.params.name);
    store.transaction(() => names.forEach((n) => store.deleteTemplate(n)));
    return ok({ acknowledged: true });
  }),
];
