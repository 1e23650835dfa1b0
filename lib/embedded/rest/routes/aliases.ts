import { applyAliasActions, parseAliasActions, type AliasAction } from '../../indices/alias-actions';
import { parseAliasDefinition } from '../../indices/aliases';
import { resolveDateMathName } from '../../indices/date-math-names';
import { resolveChecked, resolveOptionsFrom } from '../../indices/names';
import type { Store } from '../../storage/store';
import type { AliasMetadata } from '../../storage/types';
import { wildcardMatch } from '../../wildcard';
import { ok, reply, route, type RestRequest, type RestResponse } from '../router';

/** `PUT /<index>/_alias/<name>`: one `add` action with the body as the alias definition. */
function putAlias(req: RestRequest, store: Store): RestResponse {
  const definition = parseAliasDefinition(req.params.name, req.json());
  const action: AliasAction = { type: 'add', indices: req.params.index.split(','), aliases: [req.params.name], definition };
  return ok(applyAliasActions(store, [action]));
}

/** `DELETE /<index>/_alias/<names>`: one `remove` action (names may be wildcards or `_all`). */
function deleteAlias(req: RestRequest, store: Store): RestResponse {
  const action: AliasAction = { type: 'remove', indices: req.params.index.split(','), aliases: req.params.name.split(','), definition: {} };
  return ok(applyAliasActions(store, [action]));
}

interface AliasLookup {
  /** `{index: {aliases: {name: metadata}}}` for the indices shown. */
  found: Record<string, { aliases: Record<string, AliasMetadata> }>;
  /** Concrete alias names that matched nothing, sorted. */
  missing: string[];
}

/**
 * What `GET [/<index>]/_alias[/<names>]` shows. Without names (or with `_all`/`*` as names being absent),
 * every index of the expression appears, with `aliases: {}` when it has none; with names, only indices
 * having a matching alias. Hidden indices are included unless `expand_wildcards` says otherwise.
 */
function lookupAliases(req: RestRequest, store: Store): AliasLookup {
  const options = { ...resolveOptionsFrom(req.query) };
  if (req.query.expand_wildcards === undefined) options.includeHidden = true;
  const indices = resolveChecked(store, req.params.index, options).indices;
  const patterns = req.params.name === undefined ? undefined
    : req.params.name.split(',').map((n) => resolveDateMathName(n.trim())).filter(Boolean).map((n) => (n === '_all' ? '*' : n));
  const rows = store.listAliases().filter((r) => indices.includes(r.index));
  const matches = (alias: string) => {
    if (!patterns) return true;
    let selected = false;
    patterns.forEach((p, i) => {
      if (p.startsWith('-') && i > 0) { if (wildcardMatch(p.slice(1), alias)) selected = false; }
      else if (wildcardMatch(p, alias)) selected = true;
    });
    return selected;
  };
  const found: AliasLookup['found'] = {};
  for (const index of indices) {
    const aliases = Object.fromEntries(rows.filter((r) => r.index === index && matches(r.alias)).map((r) => [r.alias, r.metadata]));
    if (!patterns || Object.keys(aliases).length > 0) found[index] = { aliases };
  }
  const concrete = (patterns ?? []).filter((p) => !p.includes('*') && !p.includes('?') && !p.startsWith('-'));
  const missing = concrete.filter((p) => !rows.some((r) => r.alias === p && found[r.index]?.aliases[p] !== undefined)).sort();
  return { found, missing };
}

/** GET answers 404 with the found part and `error: "alias[es] [..] missing"` when a named alias is absent. */
function getAliases(req: RestRequest, store: Store): RestResponse {
  const { found, missing } = lookupAliases(req, store);
  if (missing.length === 0) return ok(found);
  const error = `${missing.length === 1 ? 'alias' : 'aliases'} [${missing.join(',')}] missing`;
  return reply(404, { error, status: 404, ...found });
}

/** HEAD answers 200 when every named alias exists (on the given indices). */
function aliasExists(req: RestRequest, store: Store): RestResponse {
  const { found, missing } = lookupAliases(req, store);
  return reply(missing.length === 0 && Object.keys(found).length > 0 ? 200 : 404, undefined);
}

/** Index aliases: `_alias` add/delete/get/exists, and `POST /_aliases` with add/remove/remove_index actions. */
export default [
  ...route('PUT|POST', '/:index/_alias/:name', (req, { store }) => putAlias(req, store)),
  ...route('PUT|POST', '/:index/_aliases/:name', (req, { store }) => putAlias(req, store)),
  ...route('DELETE', '/:index/_alias/:name', (req, { store }) => deleteAlias(req, store)),
  ...route('DELETE', '/:index/_aliases/:name', (req, { store }) => deleteAlias(req, store)),
  ...route('GET', '/_alias', (req, { store }) => getAliases(req, store)),
  ...route('GET', '/_alias/:name', (req, { store }) => getAliases(req, store)),
  ...route('GET', '/:index/_alias', (req, { store }) => getAliases(req, store)),
  ...route('GET', '/:index/_alias/:name', (req, { store }) => getAliases(req, store)),
  ...route('HEAD', '/_alias/:name', (req, { store }) => aliasExists(req, store)),
  ...route('HEAD', '/:index/_alias/:name', (req, { store }) => aliasExists(req, store)),
  ...route('POST', '/_aliases', (req, { store }) => ok(applyAliasActions(store, parseAliasActions(req.json())))),
];
