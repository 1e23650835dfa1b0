/**
 * Response filtering, Elasticsearch's `filter_path` parameter, which every API takes: a comma-separated list
 * of dotted paths to keep (`took,hits.hits._id`), where `*` in a name matches any characters and `**` any
 * number of levels, and paths after a `-` to drop (`-_shards`). Drops apply first, then keeps. Arrays are
 * transparent: a path goes on into each element. An object left with nothing kept disappears, and a body with
 * nothing kept is `{}`.
 */

/** One path: its names, each a pattern (`*` inside a name) or `**`. */
type Path = readonly string[];

const ANY_DEPTH = '**';

function compile(paths: string[]): Path[] {
  return paths.map((p) => p.split('.')).filter((p) => p.every((name) => name !== ''));
}

/** Whether a name pattern (with `*` for any characters) matches a key. */
function matches(pattern: string, key: string): boolean {
  if (!pattern.includes('*')) return pattern === key;
  const parts = pattern.split('*');
  if (!key.startsWith(parts[0]) || !key.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = key.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return at <= key.length - parts[parts.length - 1].length;
}

/** The rest of each path after it takes `key` (a path ending here is `[]`); `**` may take none, one or more levels. */
function step(paths: readonly Path[], key: string): Path[] {
  const out: Path[] = [];
  const add = (path: Path) => {
    if (path[0] === ANY_DEPTH) {
      // `**` takes this key and stays, or takes no level at all (and at the end of a path, everything below)
      out.push(path);
      if (path.length === 1) out.push([]); else add(path.slice(1));
      return;
    }
    if (path.length > 0 && matches(path[0], key)) out.push(path.slice(1));
  };
  for (const path of paths) add(path);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What `paths` keep of `value`; undefined when nothing. */
function keep(value: unknown, paths: readonly Path[]): unknown {
  if (Array.isArray(value)) {
    const kept = value.map((v) => keep(v, paths)).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [key, v] of Object.entries(value)) {
    const rest = step(paths, key);
    if (rest.length === 0) continue;
    const kept = rest.some((p) => p.length === 0) ? v : keep(v, rest);
    if (kept !== undefined) { out[key] = kept; any = true; }
  }
  return any ? out : undefined;
}

/** `value` without what `paths` name. */
function drop(value: unknown, paths: readonly Path[]): unknown {
  if (Array.isArray(value)) return value.map((v) => drop(v, paths));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const rest = step(paths, key);
    if (rest.some((p) => p.length === 0)) continue;
    out[key] = rest.length > 0 ? drop(v, rest) : v;
  }
  return out;
}

/** The body as `filter_path` filters it. */
export function filterPath(body: unknown, filter: string): unknown {
  const all = filter.split(',').map((p) => p.trim()).filter(Boolean);
  const dropped = compile(all.filter((p) => p.startsWith('-')).map((p) => p.slice(1)));
  const kept = compile(all.filter((p) => !p.startsWith('-')));
  const afterDrops = dropped.length > 0 ? drop(body, dropped) : body;
  if (kept.length === 0) return afterDrops;
  return keep(afterDrops, kept) ?? {};
}
