import { describe, expect, it } from 'vitest';
import { parseEsql, runEsql } from './index';
import { MemoryCatalog } from './testing/memory-catalog';
import { ENGINE_VERSION } from '../version';

// the .escript_executions mapping of LANGUAGE.md §14.4
const EXECUTIONS = {
  execution_id: { type: 'keyword' }, kind: { type: 'keyword' }, track_name: { type: 'keyword' },
  procedure_name: { type: 'keyword' }, status: { type: 'keyword' }, parent_id: { type: 'keyword' },
  root_id: { type: 'keyword' }, retry_of: { type: 'keyword' }, node: { type: 'keyword' },
  error: { properties: { type: { type: 'keyword' }, code: { type: 'keyword' }, message: { type: 'text' } } },
  '@timestamp': { type: 'date' }, created_at: { type: 'date' }, started_at: { type: 'date' },
  completed_at: { type: 'date' }, heartbeat_at: { type: 'date' },
  duration_ms: { type: 'long' }, cancel_requested: { type: 'boolean' }, pipeline_done: { type: 'boolean' },
};

const exec = (id: string, extra: Record<string, unknown>) => ({
  _id: id, execution_id: id, status: 'COMPLETED', cancel_requested: false, retry_of: null, error: null,
  '@timestamp': '2026-01-09T10:00:00.000Z', arguments: ['logs-*'], result: { any: 'shape' }, ...extra,
});

function catalog() {
  return new MemoryCatalog()
    .add('.escript_executions', EXECUTIONS, [
      exec('E1', { kind: 'procedure', procedure_name: 'analyze_logs', track_name: 'basic-test', root_id: 'E1', duration_ms: 12 }),
      exec('E2', { kind: 'continuation', procedure_name: 'handle_success', parent_id: 'E1', root_id: 'E1', duration_ms: 3 }),
      exec('G', { kind: 'group', track_name: 'parallel-fetch', root_id: 'G', status: 'RUNNING' }),
      exec('B1', { kind: 'procedure', procedure_name: 'fetch_logs', parent_id: 'G', root_id: 'G', duration_ms: 5 }),
      exec('F', { kind: 'procedure', procedure_name: 'boom', root_id: 'F', status: 'FAILED', duration_ms: 1,
        error: { type: 'runtime_error', code: 'DIVISION_BY_ZERO', message: 'division by zero' } }),
    ], { hidden: true })
    .add('logs-a', { status: { type: 'integer' }, message: { type: 'text', fields: { keyword: { type: 'keyword' } } } },
      [{ status: 200, message: 'ok' }, { status: 500, message: 'boom', extra: 'unmapped' }])
    .add('logs-b', { status: { type: 'keyword' }, host: { properties: { name: { type: 'keyword' } } } },
      [{ status: 'up', host: { name: 'h1' } }, { 'host.name': 'h2' }]);
}

type Ok = { columns: { name: string; type: string }[]; values: unknown[][] };
function ok(query: string, params?: unknown[], columnar = false): Ok {
  const r = runEsql(catalog(), { query, params, columnar });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Ok;
}
function fails(query: string, params?: unknown[]): { type: string; reason: string } {
  const r = runEsql(catalog(), { query, params });
  expect(r.status).toBe(400);
  const body = r.body as { error: { type: string; reason: string; root_cause: unknown[] }; status: number };
  expect(body.status).toBe(400);
  expect(body.error.root_cause).toEqual([{ type: body.error.type, reason: body.error.reason }]);
  return body.error;
}
const rows = (query: string, params?: unknown[]) => ok(query, params).values;

describe('seed queries on .escript_executions', () => {
  it('lists the mapped fields sorted by name (LANGUAGE.md §14.4)', () => {
    expect(ok('FROM .escript_executions | LIMIT 0').columns.map((c) => c.name)).toEqual([
      '@timestamp', 'cancel_requested', 'completed_at', 'created_at', 'duration_ms', 'error.code', 'error.message',
      'error.type', 'execution_id', 'heartbeat_at', 'kind', 'node', 'parent_id', 'pipeline_done', 'procedure_name',
      'retry_of', 'root_id', 'started_at', 'status', 'track_name']);
  });
  it('filters on status', () => {
    const r = ok('FROM .escript_executions | WHERE status == "RUNNING" | KEEP execution_id, @timestamp');
    expect(r.values).toEqual([['G', '2026-01-09T10:00:00.000Z']]);
    expect(r.columns).toEqual([{ name: 'execution_id', type: 'keyword' }, { name: '@timestamp', type: 'date' }]);
  });
  it('keeps and sorts', () => {
    expect(rows('FROM .escript_executions | KEEP kind, procedure_name, track_name, status, cancel_requested | SORT kind, procedure_name')).toEqual([
      ['continuation', 'handle_success', null, 'COMPLETED', false],
      ['group', null, 'parallel-fetch', 'RUNNING', false],
      ['procedure', 'analyze_logs', 'basic-test', 'COMPLETED', false],
      ['procedure', 'boom', null, 'FAILED', false],
      ['procedure', 'fetch_logs', null, 'COMPLETED', false],
    ]);
  });
  it('evaluates a comparison of two columns', () => {
    expect(rows('FROM .escript_executions | WHERE parent_id IS NOT NULL | EVAL linked = parent_id == root_id | KEEP kind, procedure_name, linked | SORT kind, procedure_name'))
      .toEqual([['continuation', 'handle_success', true], ['procedure', 'fetch_logs', true]]);
  });
  it('counts with three-valued conditions', () => {
    const r = ok('FROM .escript_executions | WHERE retry_of IS NULL AND error.type IS NULL AND duration_ms IS NOT NULL | STATS c = COUNT(*)');
    expect(r).toMatchObject({ columns: [{ name: 'c', type: 'long' }], values: [[3]] });
  });
  it('runs ROW with EVAL and named params', () => {
    expect(ok('ROW a = 1 | EVAL b = a + 1')).toMatchObject({ columns: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer' }], values: [[1, 2]] });
    expect(ok('ROW x = ?v', [{ v: 5 }])).toMatchObject({ columns: [{ name: 'x', type: 'integer' }], values: [[5]] });
  });
});

describe('response shape', () => {
  it('has took, is_partial, columns and values', () => {
    const r = runEsql(catalog(), { query: 'ROW a = 1 | LIMIT 1' });
    expect(r).toEqual({ status: 200, body: { took: expect.any(Number), is_partial: false, documents_found: 0, values_loaded: 0, columns: [{ name: 'a', type: 'integer' }], values: [[1]] } });
  });
  it('returns values per column when columnar', () => {
    expect(ok('FROM logs-a | KEEP status | SORT status', undefined, true).values).toEqual([[200, 500]]);
  });
  it('warns about the default limit', () => {
    expect(runEsql(catalog(), { query: 'ROW a = 1' }).warnings).toEqual(['No limit defined, adding default limit of [1000]']);
  });
  it('reports an unknown column with its position and a suggestion', () => {
    expect(fails('FROM .escript_executions | WHERE stauts == "RUNNING"')).toEqual(expect.objectContaining({
      type: 'verification_exception', reason: 'Found 1 problem\nline 1:34: Unknown column [stauts], did you mean [status]?' }));
  });
  it('reports an unknown index', () => {
    expect(fails('FROM missing_index').reason).toBe('Found 1 problem\nline 1:6: Unknown index [missing_index]');
  });

  it('refuses an RLIKE pattern it cannot compile as a parsing error, and warns for such a REPLACE pattern', () => {
    expect(fails('ROW a = "x" | WHERE a RLIKE "["')).toEqual({
      type: 'parsing_exception', reason: 'line 1:21: Invalid regex pattern for RLIKE [[]: [Unterminated character class]',
      root_cause: expect.anything(),
    });
    const r = runEsql(catalog(), { query: 'ROW a = "x" | EVAL b = REPLACE(a, "(", "y")' });
    expect((r.body as { values: unknown[][] }).values).toEqual([['x', null]]);
    expect(r.warnings?.[1]).toMatch(/^Line 1:24: java\.util\.regex\.PatternSyntaxException: /);
  });
  it.each([
    ['FROM logs-a | PROJECT a', "line 1:15: mismatched input 'PROJECT'"],
    ['FROM logs-a | WHERE', "line 1:20: mismatched input '<EOF>'"],
    ['', "line 1:1: mismatched input '<EOF>'"],
  ])('reports a parsing_exception for %j', (query, reason) => {
    expect(fails(query)).toMatchObject({ type: 'parsing_exception', reason });
  });
  it.each([
    ['ROW a = 1 | EVAL b = NO_SUCH(a)', 'Unknown function [NO_SUCH]'],
    ['ROW a = 1 | STATS x = a', 'expected an aggregate function but found [a]'],
    ['ROW a = "x" | EVAL b = a + 1', 'first argument of [a + 1] must be [date_nanos, datetime or numeric], found value [a] type [keyword]'],
    ['ROW a = 1 | EVAL b = COUNT(a)', 'aggregate function [COUNT(a)] not allowed outside STATS command'],
    ['ROW a = 1 | KEEP z*', 'No matches found for pattern [z*]'],
    ['ROW a = ?nope', 'Unknown query parameter [nope]'],
  ])('reports a verification_exception for %j', (query, message) => {
    const e = fails(query);
    expect(e.type).toBe('verification_exception');
    expect(e.reason).toContain(message);
  });
});

describe('FROM', () => {
  it('merges mappings: conflicting types are unsupported, multi-fields and object fields are columns', () => {
    expect(ok('FROM logs-* | LIMIT 0').columns).toEqual([
      { name: 'host.name', type: 'keyword' }, { name: 'message', type: 'text' },
      { name: 'message.keyword', type: 'keyword' }, { name: 'status', type: 'unsupported' }]);
  });
  it('does not list hidden indices for a wildcard, and reads dotted _source keys', () => {
    expect(rows('FROM logs-b | KEEP host.name')).toEqual([['h1'], ['h2']]);
    expect(ok('FROM * | LIMIT 0').columns.map((c) => c.name)).not.toContain('execution_id');
  });
  it('adds METADATA columns after the fields', () => {
    expect(rows('FROM logs-a METADATA _index, _id | KEEP _index, _id, status | SORT status DESC')).toEqual([['logs-a', '2', 500], ['logs-a', '1', 200]]);
  });
});

describe('expressions', () => {
  it.each([
    ['ROW a = 7 / 2, b = 7.0 / 2, c = -7 % 3', [3, 3.5, -1]],
    ['ROW a = null + 1, b = null == 1, c = true AND null, d = false AND null, e = true OR null', [null, null, null, false, true]],
    ['ROW a = 2147483647 + 1', [null]],
    ['ROW s = "a\\"b", t = """x"y"""', ['a"b', 'x"y']],
    ['ROW a = "5"::integer, b = 1::string, c = TO_DOUBLE("2.5")', [5, '1', 2.5]],
    ['ROW a = 3 IN (1, 2, 3), b = 4 IN (1, null), c = "abc" LIKE "a*", d = "abc" RLIKE "a.c", e = "abc" NOT LIKE "?b?"', [true, null, true, true, false]],
    ['ROW a = LENGTH("héllo"), b = CONCAT("a", "b", "c"), c = SUBSTRING("elastic", 2, 3), d = TRIM("  x ")', [5, 'abc', 'las', 'x']],
    ['ROW a = TO_UPPER("x"), b = STARTS_WITH("abc", "ab"), c = ENDS_WITH("abc", "bc"), d = ABS(-3), e = ROUND(2.567, 2)', ['X', true, true, 3, 2.57]],
    ['ROW a = FLOOR(2.5), b = CEIL(2.1), c = COALESCE(null, 2), d = CASE(false, 1, true, 2, 3), e = MV_COUNT([1, 2, 3])', [2, 3, 2, 2, 3]],
    ['ROW d = TO_DATETIME("2026-01-09T10:20:30Z") | EVAL y = DATE_EXTRACT("year", d), t = DATE_TRUNC(1 day, d), n = d + 1 hour | DROP d', [2026, '2026-01-09T00:00:00.000Z', '2026-01-09T11:20:30.000Z']],
    ['ROW a = 1 | EVAL a + 1, `a b` = 2 | KEEP `a b`, `a + 1`', [2, 2]],
    ['ROW x = NOT (1 > 2), y = 3 >= 3, z = 1 != 1.0', [true, true, false]],
  ])('%s', (query, values) => {
    expect(rows(`${query} | LIMIT 1`)[0]).toEqual(values);
  });
  it('turns a multi-value in a single-value function into null with a warning', () => {
    const r = runEsql(catalog(), { query: 'ROW a = [1, 2] | EVAL b = a + 1 | LIMIT 1' });
    expect((r.body as Ok).values).toEqual([[[1, 2], null]]);
    expect(r.warnings).toEqual([
      'Line 1:27: evaluation of [a + 1] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:27: java.lang.IllegalArgumentException: single-value function encountered multi-value']);
  });
  it('types positional params like Elasticsearch', () => {
    const r = ok('ROW a = ?, b = ?, c = ?, d = ?, e = ? | LIMIT 1', ['foo', 15, 2.5, null, 1674835275193]);
    expect(r.columns.map((c) => c.type)).toEqual(['keyword', 'integer', 'double', 'null', 'long']);
  });
});

describe('commands', () => {
  it('EVAL replaces an existing column at the end', () => {
    expect(ok('ROW a = 1, b = 2 | EVAL a = "x" | LIMIT 1')).toMatchObject({ columns: [{ name: 'b', type: 'integer' }, { name: 'a', type: 'keyword' }], values: [[2, 'x']] });
  });
  it('KEEP orders by pattern and gives a column to its most specific pattern', () => {
    expect(ok('ROW ab = 1, ac = 2, b = 3 | KEEP *, ab | LIMIT 1').columns.map((c) => c.name)).toEqual(['ac', 'b', 'ab']);
  });
  it('RENAME replaces a column with the target name', () => {
    expect(ok('ROW a = 1, b = 2 | RENAME a AS b | LIMIT 1')).toMatchObject({ columns: [{ name: 'b', type: 'integer' }], values: [[1]] });
  });
  it('SORT puts nulls last ascending and first descending by default', () => {
    const q = 'FROM .escript_executions | KEEP duration_ms | SORT duration_ms';
    expect(rows(q).flat()).toEqual([1, 3, 5, 12, null]);
    expect(rows(`${q} DESC`).flat()).toEqual([null, 12, 5, 3, 1]);
    expect(rows(`${q} DESC NULLS LAST`).flat()).toEqual([12, 5, 3, 1, null]);
  });
  it('STATS aggregates by group: aggregates first, then groups', () => {
    const r = ok('FROM .escript_executions | STATS n = COUNT(*), total = SUM(duration_ms), avg = AVG(duration_ms), lo = MIN(duration_ms), hi = MAX(duration_ms), d = COUNT_DISTINCT(root_id), m = MEDIAN(duration_ms), v = VALUES(status), c = COUNT(duration_ms) BY kind | SORT kind');
    expect(r.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['n:long', 'total:long', 'avg:double', 'lo:long', 'hi:long', 'd:long', 'm:double', 'v:keyword', 'c:long', 'kind:keyword']);
    expect(r.values).toEqual([
      [1, 3, 3, 3, 3, 1, 3, 'COMPLETED', 1, 'continuation'],
      [1, null, null, null, null, 1, null, 'RUNNING', 0, 'group'],
      [3, 18, 6, 1, 12, 3, 5, ['COMPLETED', 'FAILED'], 3, 'procedure'],
    ]);
  });
  it('SHOW INFO lists the version the engine answers as, its build date and hash', () => {
    const r = ok('SHOW INFO');
    expect(r.columns).toEqual([{ name: 'version', type: 'keyword' }, { name: 'date', type: 'keyword' }, { name: 'hash', type: 'keyword' }]);
    expect(r.values).toEqual([[ENGINE_VERSION, '2025-01-01T00:00:00.000Z', 'embedded']]);
    expect(rows('SHOW INFO | EVAL major = TO_INTEGER(SUBSTRING(version, 1, 1)) | KEEP major')).toEqual([[9]]);
    expect(fails('SHOW FUNCTIONS')).toMatchObject({ type: 'parsing_exception', reason: "line 1:6: mismatched input 'FUNCTIONS' expecting 'info'" });
  });
  it('TOP keeps the first values in either order, repeats included, one value as a single value', () => {
    const r = ok('ROW d = [12, 3, 5, 12, 1] | MV_EXPAND d | STATS hi = TOP(d, 3, "DESC"), lo = TOP(d, 2, "asc"), first = TOP(d, 1), all = TOP(d, 10)');
    expect(r.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['hi:integer', 'lo:integer', 'first:integer', 'all:integer']);
    expect(r.values).toEqual([[[12, 12, 5], [1, 3], 1, [1, 3, 5, 12, 12]]]);
    expect(rows('FROM .escript_executions | STATS t = TOP(duration_ms, 2, "desc") BY kind | SORT kind')).toEqual([
      [3, 'continuation'], [null, 'group'], [[12, 5], 'procedure']]);
    expect(fails('ROW a = 1 | STATS t = TOP(a, 0, "desc")').reason).toContain('Limit must be greater than 0 in [TOP(a, 0, "desc")], found [0]');
    expect(fails('ROW a = 1 | STATS t = TOP(a, 2, "up")').reason).toContain('Invalid order value in [TOP(a, 2, "up")], expected [ASC, DESC] but got [up]');
  });
  it('PRESENT, ABSENT and STD_VAR; MV_APPEND with a null is null', () => {
    expect(rows('FROM .escript_executions | STATS p = PRESENT(duration_ms), a = ABSENT(duration_ms), v = STD_VAR(duration_ms) BY kind | SORT kind'))
      .toEqual([[true, false, 0, 'continuation'], [false, true, null, 'group'], [true, false, 62 / 3, 'procedure']]);
    expect(rows('ROW a = [1, 2], b = 3, n = null | EVAL x = MV_APPEND(a, b), y = MV_APPEND(a, n) | KEEP x, y')).toEqual([[[1, 2, 3], null]]);
  });
  it('converts a fraction to a whole number by rounding, as Elasticsearch does, halves up', () => {
    expect(rows('ROW d = 2.5 | EVAL a = TO_LONG(d), b = d::INTEGER, c = TO_LONG(-2.5), e = TO_INTEGER("7.6"), f = TO_LONG(2.4) | KEEP a, b, c, e, f'))
      .toEqual([[3, 3, -2, 8, 2]]);
  });
  it('reads dates for TO_DATETIME in strict_date_optional_time only (no space for the T)', () => {
    const r = runEsql(catalog(), { query: 'ROW s = ["2024-01-02T03:04:05Z", "2024-01-02 03:04:05"] | EVAL d = TO_DATETIME(s) | KEEP d' });
    expect((r.body as Ok).values).toEqual([['2024-01-02T03:04:05.000Z']]);
    expect((r.warnings ?? []).join('\n')).toContain('java.lang.IllegalArgumentException: failed to parse date field [2024-01-02 03:04:05] with format [strict_date_optional_time]');
  });
  it('CIDR_MATCH tests IPv4 and IPv6 addresses against blocks; TO_IP refuses an incomplete address', () => {
    expect(rows('ROW ip = TO_IP("192.168.1.5") | EVAL a = CIDR_MATCH(ip, "192.168.0.0/16"), b = CIDR_MATCH(ip, "10.0.0.0/8", "192.168.1.5"), c = CIDR_MATCH(ip, "10.0.0.0/8"), d = CIDR_MATCH(TO_IP("2001:db8::1"), "2001:db8::/32") | KEEP a, b, c, d'))
      .toEqual([[true, true, false, true]]);
    const bad = runEsql(catalog(), { query: 'ROW a = TO_IP("127.0"), b = CIDR_MATCH(TO_IP("10.1.1.1"), "10.0.0.0/33")' });
    expect((bad.body as Ok).values).toEqual([[null, null]]);
    expect((bad.warnings ?? []).join('\n')).toContain("java.lang.IllegalArgumentException: '127.0' is not an IP string literal.");
    expect(fails('ROW a = CIDR_MATCH("10.1.1.1", "10.0.0.0/8")').reason).toContain('must be [ip]');
  });
  it('reads a string literal added to or less an interval as a date', () => {
    expect(rows('ROW x = 1 | EVAL a = 1 day + "2024-01-01", b = "2024-04-01" - 1 month, c = "2024-01-01" + (1 year + 1 day), d = "2024-01-01" + 3600 seconds | KEEP a, b, c, d'))
      .toEqual([['2024-01-02T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2024-01-01T01:00:00.000Z']]);
    expect(fails('ROW x = 1 | EVAL a = 1 day - "2024-01-01"').reason).toContain('1 day - "2024-01-01"');
  });
  it('STATS aggregates and filters read a grouping alias by its name, and a name grouped twice groups once', () => {
    expect(rows('FROM .escript_executions | STATS top = MAX(k), n = COUNT(k) WHERE k > 3 BY k = duration_ms * 2 | SORT k'))
      .toEqual([[2, 0, 2], [6, 1, 6], [10, 1, 10], [24, 1, 24], [null, 0, null]]);
    // a name the grouping redefines is the grouping's value, in filters and aggregates alike
    expect(rows('FROM .escript_executions | STATS m = MAX(duration_ms) WHERE duration_ms > 100, s = MAX(status) BY duration_ms = 1000')).toEqual([[1000, 'RUNNING', 1000]]);
    expect(rows('FROM .escript_executions | STATS m = MAX(duration_ms) WHERE duration_ms > 100 BY duration_ms = 5')).toEqual([[null, 5]]);
    expect(rows('FROM .escript_executions | STATS n = COUNT(*) BY x = status, x = kind | SORT x'))
      .toEqual([[1, 'continuation'], [1, 'group'], [3, 'procedure']]);
  });
  it('reads a scaled_float as Elasticsearch decodes it: the stored long times 1/factor', () => {
    const scaled = new MemoryCatalog().add('h', { height: { type: 'scaled_float', scaling_factor: 100 } }, [{ height: 2.03 }, { height: 2.08 }]);
    const r = runEsql(scaled, { query: 'FROM h | EVAL t = TO_STRING(height) | KEEP t | SORT t' });
    expect((r.body as Ok).values).toEqual([['2.0300000000000002'], ['2.08']]);
  });
  it('STATS lists groups as first seen, with one key the null group first (as Elasticsearch\'s hashes do)', () => {
    const grouped = new MemoryCatalog().add('g', { k: { type: 'keyword' }, j: { type: 'long' } },
      [{ k: 'b', j: 1 }, { k: 'a' }, { j: 2 }, { k: 'b', j: 2 }, { k: 'c', j: 1 }]);
    const values = (query: string) => (runEsql(grouped, { query }).body as Ok).values;
    expect(values('FROM g | STATS n = COUNT(*) BY k')).toEqual([[1, null], [2, 'b'], [1, 'a'], [1, 'c']]);
    expect(values('FROM g | STATS n = COUNT(*) BY j')).toEqual([[1, null], [2, 1], [2, 2]]);
    // with several keys, null is one part of a key, seen where it is
    expect(values('FROM g | STATS n = COUNT(*) BY k, j')).toEqual([[1, 'b', 1], [1, 'a', null], [1, null, 2], [1, 'b', 2], [1, 'c', 1]]);
  });
  it('STATS without BY on no rows gives one row', () => {
    expect(rows('FROM .escript_executions | WHERE status == "none" | STATS c = COUNT(*), s = SUM(duration_ms)')).toEqual([[0, null]]);
  });
  it('MV_EXPAND and DISSECT', () => {
    expect(rows('ROW a = [1, 2], b = "x" | MV_EXPAND a')).toEqual([[1, 'x'], [2, 'x']]);
    expect(rows('ROW m = "2026-01-09 error boom" | DISSECT m "%{date} %{level} %{msg}" | KEEP level, msg')).toEqual([['error', 'boom']]);
  });
});

describe('parseEsql', () => {
  it('returns the typed AST', () => {
    const { ast, errors } = parseEsql('from logs-*, .hidden METADATA _id | where a.b > 1 | sort x desc nulls last | limit 5');
    expect(errors).toEqual([]);
    expect(ast?.source).toMatchObject({ kind: 'FROM', indices: [{ pattern: 'logs-*' }, { pattern: '.hidden' }], metadata: [{ name: '_id' }] });
    expect(ast?.commands.map((c) => c.kind)).toEqual(['WHERE', 'SORT', 'LIMIT']);
    expect(ast?.commands[1]).toMatchObject({ orders: [{ descending: true, nullsFirst: false }] });
  });
  it('reports errors with line and column', () => {
    expect(parseEsql('FROM x\n| WHERE (').errors).toEqual([{ message: "mismatched input '<EOF>'", line: 2, column: 10 }]);
  });
});

describe('LIMIT parameters and interval casts', () => {
  it.each([
    [[{ l: 'foo' }], 'line 1:15: Invalid value for LIMIT [foo: String], expecting a non negative integer'],
    [[{ l: -1 }], 'line 1:15: Invalid value for LIMIT [-1], expecting a non negative integer'],
    [[{ l: 2.5 }], 'line 1:15: Invalid value for LIMIT [2.5: Double], expecting a non negative integer'],
    [[{ x: 1 }], 'line 1:21: Unknown query parameter [l]'],
  ])('refuses LIMIT ?l with %j as a parsing_exception', (params, reason) => {
    const r = runEsql(catalog(), { query: 'FROM logs-a | LIMIT ?l', params });
    expect([r.status, (r.body as { error: { type: string; reason: string } }).error]).toEqual([400, expect.objectContaining({ type: 'parsing_exception', reason })]);
  });
  it('casts constant strings to date_period and time_duration', () => {
    expect(ok('ROW x = "2024-08-06"::datetime | EVAL y = x - ?p::date_period, z = x + "3 hours"::time_duration | LIMIT 1', [{ p: '3 days' }]).values)
      .toEqual([['2024-08-06T00:00:00.000Z', '2024-08-03T00:00:00.000Z', '2024-08-06T03:00:00.000Z']]);
    expect(fails('ROW x = "3 hours"::date_period')).toEqual(expect.objectContaining({ type: 'verification_exception' }));
  });
});


describe('a query run again', () => {
  it('is checked against the indices as they are now, not as when its text was first parsed', () => {
    const query = 'FROM logs-a | KEEP status | LIMIT 5';
    expect(ok(query).values).toEqual([[200], [500]]);
    const changed = new MemoryCatalog().add('logs-a', { level: { type: 'keyword' } }, [{ level: 'x' }]);
    const r = runEsql(changed, { query });
    expect([r.status, (r.body as { error: { reason: string } }).error.reason]).toEqual([400, 'Found 1 problem\nline 1:20: Unknown column [status]']);
  });
  it('binds the parameters of each request', () => {
    const query = 'FROM logs-a | WHERE status == ? | KEEP message | LIMIT 5';
    expect([ok(query, [200]).values, ok(query, [500]).values]).toEqual([[['ok']], [['boom']]]);
    const named = 'FROM logs-a | KEEP ?f | LIMIT 5';
    expect([ok(named, [{ f: { identifier: 'status' } }]).values, ok(named, [{ f: { identifier: 'message' } }]).values]).toEqual([[[200], [500]], [['ok'], ['boom']]]);
  });
});
