/** True when `text` matches a `*`/`?` wildcard `pattern` (whole-string, case-sensitive). */
export function wildcardMatch(pattern: string, text: string): boolean {
  return wildcardRegExp(pattern).test(text);
}

const cache = new Map<string, RegExp>();

/** The anchored RegExp for a `*`/`?` wildcard pattern (`*` any run, `?` one character). */
export function wildcardRegExp(pattern: string, flags = ''): RegExp {
  const key = flags + '\u0000' + pattern;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, flags);
    cache.set(key, re);
  }
  return re;
}
