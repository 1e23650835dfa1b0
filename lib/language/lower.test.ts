// Lowering to the typed AST (ast.ts) through parseScript, with spans stripped except where tested.
import { describe, expect, it } from 'vitest';
import { type Statement, parseScript } from './index';

function strip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' || key.endsWith('Span') ? undefined : v)));
}

function lower(source: string): Statement[] {
  const { script, diagnostics } = parseScript(source);
  expect(diagnostics).toEqual([]);
  return script.statements;
}

function first(source: string): unknown {
  return strip(lower(source)[0]);
}

describe('statements', () => {
  it.each([
    ['VAR x = 1;', { kind: 'DeclareStatement', keyword: 'VAR', declarations: [{ name: { name: 'x' }, type: null, init: { kind: 'NumberLiteral', value: 1 } }] }],
    ['DECLARE a ARRAY OF NUMBER;', { kind: 'DeclareStatement', keyword: 'DECLARE', declarations: [{ name: { name: 'a' }, type: { kind: 'ArrayType', of: { kind: 'ScalarType', name: 'NUMBER', text: 'NUMBER' }, text: 'ARRAY OF NUMBER' }, init: null }] }],
    ['const c map = {};', { kind: 'DeclareStatement', keyword: 'CONST', declarations: [{ name: { name: 'c' }, type: { kind: 'ScalarType', name: 'MAP', text: 'MAP' }, init: { kind: 'DocumentLiteral', entries: [] } }] }],
    ['SET a[i].b[j + 1] = 2;', { kind: 'SetStatement', target: { name: 'a' }, path: [{ kind: 'index', index: { kind: 'VariableName', name: 'i' } }, { kind: 'key', key: 'b' }, { kind: 'index', index: { kind: 'BinaryExpr', op: '+', left: { kind: 'VariableName', name: 'j' }, right: { kind: 'NumberLiteral', value: 1 } } }], value: { kind: 'NumberLiteral', value: 2 } }],
    ["SET d.end['k'][0] = 2;", { kind: 'SetStatement', target: { name: 'd' }, path: [{ kind: 'key', key: 'end' }, { kind: 'index', index: { kind: 'StringLiteral', value: 'k' } }, { kind: 'index', index: { kind: 'NumberLiteral', value: 0 } }], value: { kind: 'NumberLiteral', value: 2 } }],
    ['PRINT 1, warn;', { kind: 'PrintStatement', value: { kind: 'NumberLiteral', value: 1 }, level: 'WARN' }],
    ['RETURN;', { kind: 'ReturnStatement', value: null }],
    ["RAISE 'x' WITH CODE 'E';", { kind: 'ThrowStatement', value: { kind: 'StringLiteral', value: 'x' }, code: { kind: 'StringLiteral', value: 'E' } }],
    ['CALL p(1);', { kind: 'CallStatement', call: { kind: 'CallExpr', callee: { name: 'p' }, args: [{ kind: 'NumberLiteral', value: 1 }] } }],
    ['FETCH c LIMIT n INTO rows;', { kind: 'FetchStatement', cursor: { name: 'c' }, limit: { kind: 'VariableName', name: 'n' }, into: { name: 'rows' } }],
    ['DECLARE c CURSOR FOR FROM logs | LIMIT 1;', { kind: 'CursorDeclaration', name: { name: 'c' }, query: 'FROM logs | LIMIT 1' }],
    ['DECLARE n NUMBER FROM logs | STATS c = COUNT(*);', { kind: 'TypedQueryDeclaration', name: { name: 'n' }, type: { kind: 'ScalarType', name: 'NUMBER', text: 'NUMBER' }, query: 'FROM logs | STATS c = COUNT(*)' }],
    ["from logs | where a == ';' ;", { kind: 'QueryStatement', query: "from logs | where a == ';'" }],
    ['FOR i IN 1..3 STEP 2 LOOP END LOOP', { kind: 'ForRangeStatement', variable: { name: 'i' }, from: { kind: 'NumberLiteral', value: 1 }, to: { kind: 'NumberLiteral', value: 3 }, step: { kind: 'NumberLiteral', value: 2 }, body: [] }],
    ['FOR r IN (FROM logs) LOOP END LOOP', { kind: 'ForQueryStatement', variable: { name: 'r' }, query: 'FROM logs', body: [] }],
    ['FOR x IN xs LOOP BREAK; END LOOP', { kind: 'ForEachStatement', variable: { name: 'x' }, iterable: { kind: 'VariableName', name: 'xs' }, body: [{ kind: 'BreakStatement' }] }],
    ['SWITCH x CASE 1, 2: PRINT 1; DEFAULT: END SWITCH', { kind: 'SwitchStatement', subject: { kind: 'VariableName', name: 'x' }, cases: [{ values: [{ kind: 'NumberLiteral', value: 1 }, { kind: 'NumberLiteral', value: 2 }], body: [{ kind: 'PrintStatement', value: { kind: 'NumberLiteral', value: 1 }, level: 'INFO' }] }], defaultBody: [] }],
    ['TRY CATCH Type_Error CATCH FINALLY END TRY', { kind: 'TryStatement', body: [], catches: [{ errorType: 'type_error', body: [] }, { errorType: null, body: [] }], finallyBody: [] }],
    ['SHOW FUNCTION f;', { kind: 'ShowStatement', what: 'FUNCTION', name: { name: 'f' } }],
    ['DELETE PROCEDURE p;', { kind: 'DropRoutineStatement', routineKind: 'procedure', name: { name: 'p' } }],
  ])('%s', (source, expected) => {
    expect(first(source)).toEqual(expected);
  });

  it('counts empty statements and gives the optional `;` after END IF to the IF (§18.2)', () => {
    expect(lower('IF TRUE THEN END IF; ; PRINT 1').map((s) => s.kind)).toEqual(['IfStatement', 'EmptyStatement', 'PrintStatement']);
  });

  it('keeps the exact CREATE source without the trailing `;` (§9.4)', () => {
    const source = 'create procedure p(a INT) -- note\nBEGIN /* c */ RETURN a; END /* x */ PROCEDURE;\nPRINT 1;';
    const [create] = lower(source);
    expect(create).toMatchObject({
      kind: 'CreateRoutineStatement', routineKind: 'procedure',
      source: 'create procedure p(a INT) -- note\nBEGIN /* c */ RETURN a; END /* x */ PROCEDURE',
    });
  });

  it('lowers a stored function with typed params and RETURNS', () => {
    expect(first('CREATE OR REPLACE FUNCTION f(IN a int, b ARRAY) RETURNS array of string AS BEGIN END FUNCTION')).toMatchObject({
      routineKind: 'function',
      params: [{ name: { name: 'a' }, type: { name: 'INT' } }, { name: { name: 'b' }, type: { kind: 'ArrayType', of: null, text: 'ARRAY' } }],
      returns: { text: 'ARRAY OF STRING' },
    });
  });

  it('lowers async pipes and PARALLEL (§13.2, §13.6)', () => {
    const [call, parallel] = lower("p(1) | ON_DONE h(@result, 2) | TIMEOUT 3 SECONDS | TRACK AS 't';\nPARALLEL [a(), b()] | ON_ANY_FAIL f(@error);");
    expect(strip(call)).toMatchObject({
      kind: 'AsyncCallStatement',
      pipes: [
        { kind: 'HandlerPipe', phase: 'ON_DONE', handler: { name: { name: 'h' }, args: [{ kind: 'Binding', binding: 'result' }, { kind: 'Value', value: { value: 2 } }] } },
        { kind: 'TimeoutPipe', seconds: { value: 3 } },
        { kind: 'TrackPipe', name: { value: 't' } },
      ],
    });
    expect(strip(parallel)).toMatchObject({ kind: 'ParallelStatement', branches: [{ callee: { name: 'a' } }, { callee: { name: 'b' } }], pipes: [{ phase: 'ON_ANY_FAIL' }] });
  });
});

describe('expressions', () => {
  const expr = (source: string): unknown => (strip(lower(`PRINT ${source};`)[0]) as { value: unknown }).value;

  it.each([
    ["'a' || 1 + 2", { kind: 'BinaryExpr', op: '||', left: { kind: 'StringLiteral', value: 'a' }, right: { kind: 'BinaryExpr', op: '+', left: { kind: 'NumberLiteral', value: 1 }, right: { kind: 'NumberLiteral', value: 2 } } }],
    ['NOT a == b', { kind: 'UnaryExpr', op: 'NOT', operand: { kind: 'BinaryExpr', op: '==', left: { kind: 'VariableName', name: 'a' }, right: { kind: 'VariableName', name: 'b' } } }],
    ['!a == b', { kind: 'BinaryExpr', op: '==', left: { kind: 'UnaryExpr', op: '!', operand: { kind: 'VariableName', name: 'a' } }, right: { kind: 'VariableName', name: 'b' } }],
    ['a ?? b == c', { kind: 'BinaryExpr', op: '==', left: { kind: 'BinaryExpr', op: '??', left: { kind: 'VariableName', name: 'a' }, right: { kind: 'VariableName', name: 'b' } }, right: { kind: 'VariableName', name: 'c' } }],
    ['a ? 1 : b ? 2 : 3', { kind: 'ConditionalExpr', test: { kind: 'VariableName', name: 'a' }, then: { kind: 'NumberLiteral', value: 1 }, else: { kind: 'ConditionalExpr', test: { kind: 'VariableName', name: 'b' }, then: { kind: 'NumberLiteral', value: 2 }, else: { kind: 'NumberLiteral', value: 3 } } }],
    ['x NOT IN (1)', { kind: 'InExpr', operand: { kind: 'VariableName', name: 'x' }, negated: true, list: [{ kind: 'NumberLiteral', value: 1 }], array: null }],
    ['x IN xs', { kind: 'InExpr', operand: { kind: 'VariableName', name: 'x' }, negated: false, list: null, array: { kind: 'VariableName', name: 'xs' } }],
    ['x IS NOT NULL', { kind: 'IsNullExpr', operand: { kind: 'VariableName', name: 'x' }, negated: true }],
    ['d?.end[0]', { kind: 'IndexExpr', object: { kind: 'MemberExpr', object: { kind: 'VariableName', name: 'd' }, key: 'end', optional: true }, index: { kind: 'NumberLiteral', value: 0 } }],
    ['2.5E-3', { kind: 'NumberLiteral', value: 0.0025 }],
    ["'it\\'s\\n\\u0041\\$'", { kind: 'StringLiteral', value: "it's\nA$" }],
    ['"plain \\${x}"', { kind: 'StringLiteral', value: 'plain ${x}' }],
    ['"Hi ${name}!"', { kind: 'TemplateString', parts: ['Hi ', { kind: 'VariableName', name: 'name' }, '!'] }],
    ["{\"a\": 1, 'b': 2, end: 3}", { kind: 'DocumentLiteral', entries: [{ key: 'a', value: { kind: 'NumberLiteral', value: 1 } }, { key: 'b', value: { kind: 'NumberLiteral', value: 2 } }, { key: 'end', value: { kind: 'NumberLiteral', value: 3 } }] }],
    ['c%rowcount', { kind: 'CursorAttribute', cursor: { name: 'c' }, attribute: 'ROWCOUNT' }],
    ['(FROM logs | LIMIT 1)', { kind: 'QueryExpr', query: 'FROM logs | LIMIT 1' }],
    ["EXECUTION('t') | WAIT TIMEOUT 5 SECONDS", { kind: 'ExecutionExpr', target: { kind: 'StringLiteral', value: 't' }, op: 'WAIT', waitTimeout: { kind: 'NumberLiteral', value: 5 } }],
    ['ARRAY_MAP(xs, (a, b) => a)', { kind: 'CallExpr', callee: { name: 'ARRAY_MAP' }, args: [{ kind: 'VariableName', name: 'xs' }, { kind: 'LambdaExpr', params: [{ name: 'a' }, { name: 'b' }], body: { kind: 'VariableName', name: 'a' } }] }],
    ['CALL f() + 1', { kind: 'BinaryExpr', op: '+', left: { kind: 'CallExpr', callee: { name: 'f' }, args: [] }, right: { kind: 'NumberLiteral', value: 1 } }],
  ])('%s', (source, expected) => {
    expect(expr(source)).toEqual(expected);
  });

  it('records operator, access and keyword spans at their tokens (§8.6)', () => {
    const source = "PRINT a.b + EXECUTION('x') | STATUS;";
    const [print] = lower(source);
    const value = (print as { value: { opSpan: { from: number }; left: { opSpan: { from: number } }; right: { keywordSpan: { from: number } } } }).value;
    expect(source[value.opSpan.from]).toBe('+');
    expect(source[value.left.opSpan.from]).toBe('.');
    expect(source.slice(value.right.keywordSpan.from, value.right.keywordSpan.from + 9)).toBe('EXECUTION');
  });
});
