/**
 * Table of small scripts for rules the conformance cases touch lightly: SET paths (§7.2, §18.7),
 * declarations (§4.3), cursors (§10.6), ES|QL preparation (§10.2), local functions (§7.8, §18.9),
 * value semantics (§4.5) and THROW (§8.5). Real parser and embedded store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runForEvents, tempStore } from './test-support';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => { store = await tempStore(); });
afterAll(async () => { await store.close(); });

/** PRINT lines, then `!type code` of an uncaught error. */
async function outcome(source: string): Promise<string[]> {
  const { events } = await runForEvents(store.client, source);
  return events.flatMap((e) => {
    if (e.event === 'print') return [String(e.text)];
    if (e.event === 'error') { const x = e.error as Record<string, unknown>; return [`!${x.type} ${x.code} ${x.line}:${x.column}`]; }
    return [];
  });
}

describe('statement semantics', () => {
  it.each<[string, string, string[]]>([
    ['SET appends at length only', 'VAR a = [1]; SET a[1] = 2; PRINT a; SET a[3] = 9;', ['[1,2]', '!validation_error INDEX_OUT_OF_RANGE 1:42']],
    ['SET index on a document with a string key', "VAR d = {}; SET d['k'] = 1; SET d['k'] = 2; PRINT d;", ['{"k":2}']],
    ['SET index step on a non-array', "VAR d = {\"a\": 'x'}; SET d.a[0] = 1;", ['!type_error ACCESS_TYPE 1:28']],
    ['SET index step on NULL', 'VAR d = {"a": NULL}; SET d.a[0] = 1;', ['!null_reference_error NULL_REFERENCE 1:29']],
    ['SET key step on a non-document', 'VAR d = {"a": 1}; SET d.a.b = 1;', ['!type_error ACCESS_TYPE 1:26']],
    ['NULL DOCUMENT root becomes a document', 'DECLARE d DOCUMENT; SET d.x.y = 1; PRINT d;', ['{"x":{"y":1}}']],
    ['typed array root is checked after a path change and left unchanged', "DECLARE a ARRAY OF NUMBER = [1]; TRY SET a[0] = 'x'; CATCH PRINT error.code; END TRY PRINT a;", ['ASSIGNMENT_TYPE', '[1]']],
    ['CONST paths are read-only', 'CONST c = {"a": 1}; SET c.a = 2;', ['!validation_error READ_ONLY 1:25']],
    ['loop variables are read-only', 'FOR i IN 1..2 LOOP SET i = 5; END LOOP', ['!validation_error READ_ONLY 1:24']],
    ['VAR fixes the runtime type', "VAR n = 1; SET n = 'x';", ['!type_error ASSIGNMENT_TYPE 1:16']],
    ['VAR NULL is ANY', "VAR n = NULL; SET n = 'x'; SET n = 1; PRINT n;", ['1']],
    ['INT accepts integral numbers only', 'DECLARE i INT = 3.0; PRINT i; SET i = 3.5;', ['3', '!type_error ASSIGNMENT_TYPE 1:35']],
    ['STRING to DATE conversion', "DECLARE d DATE = '2026-01-09T10:00:00+01:00'; PRINT d;", ['2026-01-09T09:00:00.000Z']],
    ['redeclaration in the same scope', 'VAR x = 1; VAR x = 2;', ['!validation_error ALREADY_DECLARED 1:16']],
    ['shadowing in a nested block', 'VAR x = 1; IF TRUE THEN VAR x = 2; PRINT x; END IF; PRINT x;', ['2', '1']],
    ['DECLARE inside a loop body works on every pass', 'FOR i IN 1..2 LOOP VAR y = i * 10; PRINT y; END LOOP', ['10', '20']],
    ['loop variables end with the loop', 'FOR i IN 1..1 LOOP END LOOP; PRINT i;', ['!not_found_error UNDECLARED_VARIABLE 1:36']],
    ['a later initializer sees earlier names', 'VAR a = 1, b = a + 1; PRINT b;', ['2']],
    ['STEP 0', 'FOR i IN 1..3 STEP 0 LOOP END LOOP', ['!validation_error INVALID_ARGUMENT 1:20']],
    ['FOR over a non-array', "FOR x IN 'abc' LOOP END LOOP", ['!type_error OPERAND_TYPE 1:10']],
    ['local functions see later-declared local functions once declared', 'FUNCTION a() BEGIN RETURN b(); END FUNCTION FUNCTION b() BEGIN RETURN 7; END FUNCTION PRINT a();', ['7']],
    ['local function arguments are copies', 'VAR d = {"n": 1}; FUNCTION f(x DOCUMENT) BEGIN SET x.n = 2; RETURN x; END FUNCTION PRINT f(d) || d;', ['{"n":2}{"n":1}']],
    ['value semantics through documents', 'VAR a = [1]; VAR d = {"a": a}; SET d.a[0] = 9; PRINT a || d;', ['[1]{"a":[9]}']],
    ['THROW of a document keeps type/code/message', 'TRY THROW {"type": \'type_error\', "code": \'X1\', "message": \'m\'}; CATCH type_error PRINT error.code || error.message; END TRY', ['X1m']],
    ['THROW of a document with an unknown type becomes error', "TRY THROW {\"type\": 'nope'}; CATCH PRINT error.type || ' ' || error.message; END TRY", ['error {"type":"nope"}']],
    ['FINALLY runs when RETURN leaves TRY and keeps the value', "FUNCTION f() RETURNS NUMBER BEGIN TRY RETURN 1; FINALLY PRINT 'fin'; END TRY END FUNCTION PRINT f();", ['fin', '1']],
    ['error in CATCH replaces the earlier one', "TRY THROW 'a'; CATCH THROW 'b'; END TRY", ['!error USER_ERROR 1:22']],
    ['optional chaining skips the rest of the chain', 'VAR n = NULL; PRINT n?.a.b; VAR e = {}; PRINT e?.a.b;', ['null', '!null_reference_error NULL_REFERENCE 1:51']],
    ['lambdas only as built-in arguments reach the checker', 'PRINT ARRAY_MAP([1], (x, i) => x + i);', ['[1]']],
    ['IN list and array', "PRINT 2 IN (1, 2); PRINT 'a' NOT IN ['a']; PRINT 1 IN NULL;", ['true', 'false', 'false']],
  ])('%s', async (_name, source, expected) => {
    expect(await outcome(source)).toEqual(expected);
  });
});

describe('cursors and queries', () => {
  it.each<[string, string, string[]]>([
    ['attributes before OPEN', 'DECLARE c CURSOR FOR ROW a = 1; PRINT c%ISOPEN; PRINT c%ROWCOUNT;', ['false', '!validation_error CURSOR_STATE 1:55']],
    ['FETCH LIMIT and %FOUND', 'DECLARE c CURSOR FOR ROW a = 1; DECLARE r ANY; OPEN c; FETCH c LIMIT 5 INTO r; PRINT r || c%FOUND || c%ROWCOUNT; FETCH c LIMIT 5 INTO r; PRINT r || c%FOUND; CLOSE c;', ['[{"a":1}]true1', '[]false']],
    ['FETCH on a closed cursor', 'DECLARE c CURSOR FOR ROW a = 1; DECLARE r ANY; FETCH c INTO r;', ['!validation_error CURSOR_STATE 1:48']],
    ['OPEN twice', 'DECLARE c CURSOR FOR ROW a = 1; OPEN c; OPEN c;', ['!validation_error CURSOR_STATE 1:41']],
    ['FOR over an open cursor', 'DECLARE c CURSOR FOR ROW a = 1; OPEN c; FOR r IN c LOOP END LOOP', ['!validation_error CURSOR_STATE 1:50']],
    ['FOR over a cursor opens and closes it', 'DECLARE c CURSOR FOR ROW a = 1; FOR r IN c LOOP PRINT r.a || c%ISOPEN; END LOOP PRINT c%ISOPEN || c%ROWCOUNT;', ['1true', 'false1']],
    ['parameters bind at OPEN', 'VAR v = 1; DECLARE c CURSOR FOR ROW a = ?v; SET v = 2; DECLARE r ANY; OPEN c; FETCH c INTO r; PRINT r;', ['{"a":2}']],
    ['undeclared ?name', 'ROW a = ?missing;', ['!not_found_error UNDECLARED_VARIABLE 1:1']],
    ['??name is rejected', 'VAR x = 1; ROW a = ??x;', ['!validation_error INVALID_ARGUMENT 1:12']],
    ['DOCUMENT parameters are a type_error', 'VAR d = {}; ROW a = ?d;', ['!type_error ARGUMENT_TYPE 1:13']],
    [':name only for variables in scope', "VAR n = 3; PRINT (ROW a = :n, b = 'x:y');", ['[{"a":3,"b":"x:y"}]']],
    ['store errors are esql_error at the query start', 'VAR r = (FROM nowhere_index);', ['!esql_error VERIFICATION_EXCEPTION 1:10']],
    ['typed binding of a scalar', "VAR x = INDEX_DOCUMENT('tb1', {\"v\": 5});\nDECLARE n NUMBER FROM tb1 | STATS c = COUNT(*); PRINT n;", ['1']],
    ['typed binding shape mismatch', "VAR x = INDEX_DOCUMENT('tb2', {\"v\": 5});\nDECLARE n NUMBER FROM tb2 | EVAL w = v | KEEP v, w;", ['!validation_error ROW_COUNT 2:9']],
    ['typed binding of a column', "VAR x = INDEX_BULK('tb3', [{\"v\": 1}, {\"v\": 2}]);\nDECLARE vs ARRAY OF NUMBER FROM tb3 | KEEP v | SORT v; PRINT vs;", ['[1,2]']],
  ])('%s', async (_name, source, expected) => {
    expect(await outcome(source)).toEqual(expected);
  });
});
