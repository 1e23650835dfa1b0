import { EsError } from '../errors';
import { normalizeMappings } from '../mapping/merge';
import { flattenSettings, nestSettings } from '../mapping/settings';
import type { Store } from '../storage/store';
import type { IndexTemplateBody } from '../storage/types';
import { wildcardMatch } from '../wildcard';
import { aliasName, parseAliasDefinition } from './aliases';

/** The index patterns of a template as a list (a single string is allowed in requests). */
export const templatePatterns = (body: IndexTemplateBody): string[] =>
  Array.isArray(body.index_patterns) ? body.index_patterns : [body.index_patterns];

/**
 * The template that applies to a new index named `name`: among templates whose `index_patterns` match
 * (wildcards allowed), the one with the highest `priority` (default 0). Undefined when none matches.
 */
export function matchingTemplate(store: Store, name: string): { name: string; body: IndexTemplateBody } | undefined {
  let best: { name: string; body: IndexTemplateBody } | undefined;
  for (const t of store.listTemplates()) {
    if (!templatePatterns(t.body).some((p) => wildcardMatch(p, name))) continue;
    if (!best || (t.body.priority ?? 0) > (best.body.priority ?? 0)) best = t;
  }
  return best;
}

/** Throws 400 unless `body` is a usable composable template (it needs `index_patterns`). */
export function validateTemplate(name: string, body: unknown): IndexTemplateBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new EsError(400, 'parse_exception', 'request body is required');
  }
  const b = body as IndexTemplateBody;
  const patterns = b.index_patterns;
  const valid = typeof patterns === 'string' || (Array.isArray(patterns) && patterns.length > 0 && patterns.every((p) => typeof p === 'string'));
  if (!valid) {
    throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
  }
  if (b.priority !== undefined && (typeof b.priority !== 'number' || b.priority < 0)) {
    throw new EsError(400, 'illegal_argument_exception', `index template [${name}] priority must be a non-negative number`);
  }
  // Stored the way Elasticsearch shows it back: a pattern list, and settings nested under `index` as strings.
  const template = b.template && {
    ...b.template,
    ...(b.template.settings !== undefined ? { settings: nestSettings(flattenSettings(b.template.settings)) } : {}),
    ...(b.template.mappings !== undefined ? { mappings: normalizeMappings(b.template.mappings) } : {}),
    ...(b.template.aliases !== undefined ? { aliases: templateAliases(b.template.aliases) } : {}),
  };
  return { ...b, index_patterns: templatePatterns(b), ...(template ? { template } : {}) };
}

/** A template's aliases validated and stored as Elasticsearch shows them (`routing` split into index/search routing). */
function templateAliases(aliases: unknown): Record<string, unknown> {
  if (aliases === null || typeof aliases !== 'object' || Array.isArray(aliases)) {
    throw new EsError(400, 'illegal_argument_exception', '[aliases] must be an object');
  }
  // Date-math alias names stay unresolved here: they resolve when an index is created from the template.
  return Object.fromEntries(Object.entries(aliases).map(([name, definition]) => {
    if (!name.startsWith('<')) aliasName(name);
    return [name, parseAliasDefinition(name, definition)];
  }));
}
