import { indexNotFound } from '../../errors';
import { namespaceOf, resolveOptionsFrom, splitExpression } from '../../indices/names';
import { isHidden } from '../../mapping/settings';
import type { Store } from '../../storage/store';
import { wildcardMatch } from '../../wildcard';
import { ok, route, type RestRequest } from '../router';

/**
 * `GET /_resolve/index/<expression>`: the indices and aliases the expression names or matches (not expanded:
 * an alias is listed under `aliases` with its indices), each index with its aliases and attributes. Wildcards
 * skip hidden ones unless `expand_wildcards` includes them; a missing concrete name is 404 unless
 * `ignore_unavailable`. Data streams do not exist in the embedded engine, so that list is always empty.
 */
function resolveIndex(req: RestRequest, store: Store) {
  const options = resolveOptionsFrom(req.query);
  const { indices, aliases } = namespaceOf(store);
  const selected = new Set<string>();
  splitExpression(req.params.name).forEach((raw, position) => {
    const isExclusion = raw.startsWith('-') && position > 0;
    const pattern = isExclusion ? raw.slice(1) : raw;
    const glob = pattern === '_all' ? '*' : pattern;
    const wildcard = glob.includes('*') || glob.includes('?');
    const names = [...indices.map((i) => ({ name: i.name, hidden: i.hidden })), ...aliases.map((a) => ({ name: a.name, hidden: a.hidden }))]
      .filter((n) => (wildcard ? wildcardMatch(glob, n.name) && (!n.hidden || options.includeHidden || glob.startsWith('.')) : n.name === glob))
      .map((n) => n.name);
    if (!wildcard && !isExclusion && names.length === 0 && !options.ignoreUnavailable) throw indexNotFound(pattern);
    for (const name of names) if (isExclusion) selected.delete(name); else selected.add(name);
  });
  const rows = store.listAliases();
  return {
    indices: store.listIndices().filter((i) => selected.has(i.name)).map((i) => {
      const own = rows.filter((r) => r.index === i.name).map((r) => r.alias);
      return { name: i.name, ...(own.length > 0 ? { aliases: own } : {}), attributes: isHidden(i.settings) ? ['hidden', 'open'] : ['open'] };
    }),
    aliases: aliases.filter((a) => selected.has(a.name)).sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => ({ name: a.name, indices: [...a.indices].sort() })),
    data_streams: [],
  };
}

export default [
  ...route('GET', '/_resolve/index/:name', (req, { store }) => ok(resolveIndex(req, store))),
];
