import type { FlatSettings } from '../storage/types';

/**
 * Flattens request settings (`{number_of_shards: 1}`, `{index: {hidden: true}}`, `{"index.hidden": true}`)
 * into Elasticsearch's canonical `index.*` keys with string values.
 */
export function flattenSettings(settings: unknown): FlatSettings {
  const out: FlatSettings = {};
  const walk = (value: unknown, prefix: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (value !== null && value !== undefined) {
      const key = prefix.startsWith('index.') ? prefix : `index.${prefix}`;
      out[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
    }
  };
  walk(settings ?? {}, '');
  return out;
}

/** Nests flat settings back into objects (`{index: {hidden: "true"}}`), as `GET /<index>` shows them. */
export function nestSettings(flat: FlatSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** Whether the index is hidden (`index.hidden: true`), so wildcard expressions skip it. */
export const isHidden = (settings: FlatSettings) => settings['index.hidden'] === 'true';

/** Whether the index is closed (`POST /<index>/_close` sets `index.verified_before_close`). */
export const isClosed = (settings: FlatSettings) => settings['index.verified_before_close'] === 'true';
