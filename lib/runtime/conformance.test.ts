/**
 * The language conformance cases of /work/shared/conformance/lang whose foreground behaviour the
 * runtime alone decides (op_, type_, flow_, fn_, err_, scope_, lex_, stmt_, proc_, esql_, data_,
 * syntax_, render_, access_, and the synchronous checks of async_validation_errors), run through
 * runScript on a real embedded store. Background executions belong to lib/executions and are
 * answered by a recording double, so cases that need them are not listed.
 * CONFORMANCE_PREFIXES (comma-separated) overrides the selection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches, runForEvents, tempStore } from './test-support';
import type { Json } from './values';

const DIR = '/work/shared/conformance/lang';
const PREFIXES = (process.env.CONFORMANCE_PREFIXES ?? 'op_,type_,flow_,fn_,err_,scope_,lex_,stmt_,proc_,esql_,data_,syntax_,render_,access_,async_validation_errors').split(',');
const cases = fs.existsSync(DIR)
  ? fs.readdirSync(DIR).filter((f) => f.endsWith('.es') && PREFIXES.some((p) => f.startsWith(p))).map((f) => f.slice(0, -3)).sort()
  : [];

describe('conformance (foreground)', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => { store = await tempStore(); });
  afterAll(async () => { await store.close(); });

  it.each(cases)('%s', async (name) => {
    const source = fs.readFileSync(path.join(DIR, `${name}.es`), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as { events: Json[] };
    // Each case expects an empty store: remove definitions left by earlier cases.
    await store.client.deleteByQuery({ index: '.escript_procedures', query: { match_all: {} }, refresh: true }).catch(() => undefined);
    const { events } = await runForEvents(store.client, source);
    const pretty = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join('\n');
    const ok = events.length === expected.events.length && expected.events.every((e, i) => matches(e, events[i] as Json));
    if (!ok) expect(pretty(events)).toBe(pretty(expected.events));
  });
});
