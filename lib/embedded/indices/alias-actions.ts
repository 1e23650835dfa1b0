import { EsError, illegalArgument, indexNotFound } from '../errors';
import type { Store } from '../storage/store';
import type { AliasMetadata } from '../storage/types';
import { wildcardMatch } from '../wildcard';
import { aliasName, checkAliasConsistency, invalidAliasName, parseAliasDefinition, validateAlias } from './aliases';
import { resolveIndices } from './names';

/** One action of `POST /_aliases` (also what `PUT`/`DELETE /<index>/_alias/<name>` perform). */
export interface AliasAction {
  type: 'add' | 'remove' | 'remove_index';
  /** Index expressions as given (wildcards allowed; aliases are refused). */
  indices: string[];
  /** Alias names as given (`remove` also takes wildcards and `_all`). */
  aliases: string[];
  /** The alias definition of an `add`. */
  definition: AliasMetadata;
  /** `must_exist` of a `remove`: true fails the whole request when an alias is absent. */
  mustExist?: boolean;
}

/** The answer of the alias APIs: `errors` and, when some action failed, one result per action. */
export interface AliasActionsResponse {
  acknowledged: true;
  errors: boolean;
  action_results?: Record<string, unknown>[];
}

const ADDRESS_KEYS = new Set(['index', 'indices', 'alias', 'aliases', 'must_exist']);
const ACTION_TYPES = ['add', 'remove', 'remove_index'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function names(action: string, body: Record<string, unknown>, one: string, many: string): string[] | undefined {
  const value = body[many] ?? body[one];
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).map(String);
  if (list.length === 0) throw illegalArgument(`[${many}] can't be empty`);
  if (list.some((n) => n === '')) throw illegalArgument(`[${body[many] !== undefined ? many : one}] can't ${body[many] !== undefined ? 'contain empty string' : 'be empty string'}`);
  if (action === 'remove_index' && many === 'aliases') throw illegalArgument(`[${body[many] !== undefined ? many : one}] is unsupported for [REMOVE_INDEX]`);
  return list;
}

/** Parses the body of `POST /_aliases`; throws 400 for a malformed action (Elasticsearch's messages). */
export function parseAliasActions(body: unknown): AliasAction[] {
  if (!isObject(body) || !Array.isArray(body.actions)) {
    throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: Must specify at least one alias action;');
  }
  if (body.actions.length === 0) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: Must specify at least one alias action;');
  return body.actions.map((entry) => {
    if (!isObject(entry)) throw illegalArgument('an alias action must be an object');
    const keys = Object.keys(entry);
    if (keys.length > 1) throw illegalArgument('Too many operations declared on operation entry');
    const type = keys[0] as AliasAction['type'];
    if (!ACTION_TYPES.includes(type)) throw illegalArgument(`[alias_action] unknown field [${keys[0] ?? ''}]`);
    const spec = entry[type];
    if (!isObject(spec)) throw illegalArgument(`[${type}] must be an object`);
    if (spec.must_exist !== undefined && type !== 'remove') throw illegalArgument(`[must_exist] is unsupported for [${type.toUpperCase()}]`);
    if (type !== 'add') {
      const extra = Object.keys(spec).find((k) => !ADDRESS_KEYS.has(k));
      if (extra) throw illegalArgument(`[${extra}] is unsupported for [${type.toUpperCase()}]`);
    }
    const indices = names(type, spec, 'index', 'indices');
    if (!indices) throw illegalArgument('One of [index] or [indices] is required');
    const aliases = names(type, spec, 'alias', 'aliases') ?? [];
    if (type !== 'remove_index' && aliases.length === 0) throw illegalArgument('One of [alias] or [aliases] is required');
    const definition = type === 'add' ? parseAliasDefinition(aliases.join(','), spec, ADDRESS_KEYS) : {};
    return { type, indices, aliases, definition, mustExist: typeof spec.must_exist === 'boolean' ? spec.must_exist : undefined };
  });
}

/** The concrete indices of an action: wildcards expand to visible indices, alias names are refused, nothing found is 404. */
function concreteIndices(store: Store, expressions: string[]): string[] {
  const { indices, missing } = resolveIndices(store, expressions.join(','), { allowAliases: false, allowNoIndices: false });
  if (missing.length > 0) throw indexNotFound(missing[0]);
  return indices;
}

const aliasesNotFound = (aliases: string[]) => new EsError(404, 'aliases_not_found_exception', `aliases [${aliases.join(',')}] missing`,
  { 'resource.type': 'aliases', 'resource.id': aliases.length === 1 ? aliases[0] : aliases });

/** Runs one action; returns the aliases it added (their names are checked against indices at the end). */
function runAction(store: Store, action: AliasAction): string[] {
  const indices = concreteIndices(store, action.indices);
  switch (action.type) {
    case 'add': {
      const aliases = action.aliases.map(aliasName);
      for (const alias of aliases) for (const index of indices) {
        validateAlias(store, alias, index, action.definition, { deferNameCheck: true });
        store.putAlias(alias, index, action.definition);
      }
      return aliases;
    }
    case 'remove': {
      const patterns = action.aliases.map((a) => (a === '_all' ? '*' : a.startsWith('<') ? aliasName(a) : a));
      const rows = store.listAliases().filter((r) => indices.includes(r.index));
      if (action.mustExist) {
        for (const pattern of patterns) for (const index of indices) {
          if (!rows.some((r) => r.index === index && wildcardMatch(pattern, r.alias))) {
            throw new EsError(404, 'resource_not_found_exception', `required alias [${pattern}] does not exist`);
          }
        }
      }
      const removed = rows.filter((r) => patterns.some((p) => wildcardMatch(p, r.alias)));
      if (removed.length === 0) throw aliasesNotFound(action.aliases);
      for (const r of removed) store.deleteAlias(r.alias, r.index);
      return [];
    }
    default:
      for (const index of indices) store.deleteIndex(index);
      return [];
  }
}

/**
 * Applies alias actions atomically, in order, then checks the result as Elasticsearch does (alias names
 * clashing with indices, one write index, consistent `is_hidden`), so an `add` may take the name of an index
 * that a later `remove_index` deletes. A `remove` that finds nothing is reported per action (`errors: true`
 * with `action_results`) unless `must_exist` is true or every action failed, which fails the request. Any
 * other failure rolls everything back and is thrown.
 */
export function applyAliasActions(store: Store, actions: AliasAction[]): AliasActionsResponse {
  return store.transaction(() => {
    const added: string[] = [];
    const failures = actions.map((action) => {
      try {
        added.push(...store.transaction(() => runAction(store, action)));
        return undefined;
      } catch (e) {
        if (e instanceof EsError && e.type === 'aliases_not_found_exception' && action.mustExist !== true) return e;
        throw e;
      }
    });
    for (const alias of added) {
      if (store.getIndex(alias)) throw invalidAliasName(alias, 'an index or data stream exists with the same name as the alias');
    }
    checkAliasConsistency(store);
    const firstFailure = failures.find((f) => f !== undefined);
    if (!firstFailure) return { acknowledged: true, errors: false };
    if (failures.every((f) => f !== undefined)) throw firstFailure;
    return {
      acknowledged: true, errors: true,
      action_results: actions.map((action, i) => ({
        action: { type: action.type, indices: action.indices, aliases: action.aliases },
        status: failures[i]?.status ?? 200,
        ...(failures[i] ? { error: { type: failures[i].type, reason: failures[i].reason, ...failures[i].extra } } : {}),
      })),
    };
  });
}
