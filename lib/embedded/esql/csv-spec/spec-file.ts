/**
 * Reads Elasticsearch's csv-spec test files (format in shared/conformance/elasticsearch/README.md §5)
 * into cases: name, capabilities, query, expected columns and rows.
 */

/** One csv-spec case. */
export interface SpecCase {
  name: string;
  /** The `-Ignore` suffix: disabled upstream. */
  ignored: boolean;
  /** A `#[skip:<range>, reason:…]` suffix: versions the case does not run on (YAML-style range), and why. */
  skipVersions?: { range: string; reason: string };
  capabilities: string[];
  /** A `SET …` query setting precedes the query. */
  usesSettings: boolean;
  query: string;
  ignoreOrder: boolean;
  warnings: string[];
  columns: { name: string; type: string }[];
  rows: string[][];
}

/** Splits `text` on `sep` where it is not preceded by a backslash, honouring `"` quotes. */
export function splitCells(text: string, sep: string, brackets = false): string[] {
  const out: string[] = [];
  let cur = '', quoted = false, depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { quoted = !quoted; continue; }
    if (c === '\\' && text[i + 1] === sep) { cur += brackets ? '\\' + sep : sep; i++; continue; }
    if (brackets && !quoted && c === '[') depth++;
    if (brackets && !quoted && c === ']') depth--;
    if (c === sep && !quoted && depth <= 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

const TYPE_ALIASES: Record<string, string> = {
  i: 'integer', l: 'long', ul: 'unsigned_long', d: 'double', k: 'keyword', s: 'keyword', string: 'keyword', txt: 'text',
  bool: 'boolean', n: 'null', date: 'date', dt: 'date', datetime: 'date', v: 'version', short: 'integer', byte: 'integer',
};

/** The canonical type name of a header type. */
export const canonicalType = (t: string): string => TYPE_ALIASES[t.toLowerCase()] ?? t.toLowerCase();

function header(line: string): { name: string; type: string }[] {
  return splitCells(line, '|').map((cell) => {
    // the type follows the one single ':' (a '::' belongs to the name)
    const m = /^(.*?[^:]):([^:]+)$/.exec(cell);
    return m ? { name: m[1].trim(), type: canonicalType(m[2].trim()) } : { name: cell, type: 'unknown' };
  });
}

/** Parses a whole csv-spec file. */
export function parseSpecFile(text: string): SpecCase[] {
  const lines = text.split(/\r?\n/);
  const cases: SpecCase[] = [];
  let i = 0;
  const isComment = (l: string) => l.trim().startsWith('//') || l.trim().startsWith('#');
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === '' || isComment(line)) { i++; continue; }
    const nameMatch = /^([A-Za-z0-9_$]+)(-Ignore)?/.exec(line);
    const skip = /#\[skip:([^,\]]*)(?:,\s*reason:([^\]]*))?\]/.exec(line);
    const c: SpecCase = {
      name: nameMatch ? nameMatch[1] : line, ignored: !!nameMatch?.[2],
      ...(skip ? { skipVersions: { range: skip[1].trim(), reason: (skip[2] ?? '').trim() } } : {}), capabilities: [], usesSettings: false, query: '', ignoreOrder: false, warnings: [], columns: [], rows: [] };
    i++;
    const queryLines: string[] = [];
    for (; i < lines.length; i++) {
      const l = lines[i];
      const t = l.trim();
      if (t.startsWith('required_capability:')) { c.capabilities.push(t.slice('required_capability:'.length).trim()); continue; }
      if (t.startsWith('skip_flattened_rewrite:') || t.startsWith('request_stored:')) continue;
      if (/^SET\s/i.test(t)) { c.usesSettings = true; continue; }
      // `//` and `#` lines are comments (documentation tags such as `# tag::variance[]` sit inside queries).
      if (t.startsWith('//') || t.startsWith('#')) continue;
      if (t.endsWith(';')) { queryLines.push(t.slice(0, -1)); i++; break; }
      queryLines.push(l);
    }
    c.query = queryLines.join('\n').trim();
    // directives, then the table up to a line with a single ';'
    let table: string[] = [];
    for (; i < lines.length; i++) {
      const t = lines[i].trim();
      if (t === ';') { i++; break; }
      if (t.startsWith('ignoreOrder:')) { c.ignoreOrder = t.endsWith('true'); continue; }
      if (t.startsWith('warning:') || t.startsWith('warningRegex:')) { c.warnings.push(t); continue; }
      if (t === '' || isComment(t)) continue;
      table.push(lines[i]);
    }
    if (table.length) {
      c.columns = header(table[0]);
      c.rows = table.slice(1).map((r) => splitCells(r, '|'));
    }
    table = [];
    cases.push(c);
  }
  return cases;
}
