/**
 * Runtime errors (LANGUAGE.md §8): the one `EscriptError` class and every §8.3 message, built here
 * and nowhere else (STYLE R12). An error is raised with the offset of its site (§8.6); the first
 * TRY or invocation boundary that sees it "locates" it in its code unit, which fixes the line,
 * column, procedure and stack of its §8.1 document.
 */
import { lineColumn } from '../language';
import { typeName, type Value } from './values';

/** A piece of source that code runs from: the script, or one stored routine's stored source (§8.6). */
export interface CodeUnit {
  /** Procedure/function name for §8.1 `procedure`; null for script code. */
  routine: string | null;
  /** Frame name in stacks: `<script>` or the routine name. */
  frameName: string;
  source: string;
}

/** One active invocation; `callSite` is where it called the next one (offset in its unit). */
export interface StackEntry {
  unit: CodeUnit;
  callSite: number;
}

/** The §8.1 error document as plain data. */
export interface ErrorDocument {
  type: string;
  code: string;
  message: string;
  line: number;
  column: number;
  procedure: string | null;
  stack: string[];
}

/** The §8.2 type names; `THROW` of a document keeps its `type` only when it is one of these. */
export const ERROR_TYPES = new Set([
  'error', 'type_error', 'division_error', 'null_reference_error', 'not_found_error', 'validation_error',
  'esql_error', 'function_error', 'timeout_error', 'cancelled_error', 'syntax_error',
]);

/** A runtime error with its §8.3 type, code and message, raised at a site (§8.6). */
export class EscriptError extends Error {
  /** Offset of the site in the unit that raised it; -1 until the raiser knows it. */
  site: number;
  located = false;
  line = 0;
  column = 0;
  procedure: string | null = null;
  stack_: string[] = [];

  constructor(readonly type: string, readonly code: string, message: string, site = -1) {
    super(message);
    this.site = site;
  }

  /** Fixes position, procedure and stack from the unit that contains the site and the active calls. */
  locate(unit: CodeUnit, stack: readonly StackEntry[]): this {
    if (this.located) return this;
    this.located = true;
    const pos = lineColumn(unit.source, Math.max(0, this.site));
    this.line = pos.line;
    this.column = pos.column;
    this.procedure = unit.routine;
    const frames = [`${unit.frameName}:${pos.line}:${pos.column}`];
    // The innermost entry is `unit` itself; outer frames report the call they made.
    for (let i = stack.length - 2; i >= 0; i--) {
      const e = stack[i];
      const p = lineColumn(e.unit.source, Math.max(0, e.callSite));
      frames.push(`${e.unit.frameName}:${p.line}:${p.column}`);
    }
    this.stack_ = frames;
    return this;
  }

  /** Places an already-located error at a known position (syntax errors, host errors). */
  at(line: number, column: number, procedure: string | null, stack: string[]): this {
    this.located = true;
    this.line = line;
    this.column = column;
    this.procedure = procedure;
    this.stack_ = stack;
    return this;
  }

  /** The §8.1 document. */
  toDocument(): ErrorDocument {
    return {
      type: this.type, code: this.code, message: this.message,
      line: this.line, column: this.column, procedure: this.procedure, stack: [...this.stack_],
    };
  }
}

const T = typeName;
const E = (type: string, code: string, message: string, site?: number) => new EscriptError(type, code, message, site);

/** Every runtime error of §8.3 (and §18.30), by situation. `site` is an offset in the current unit. */
export const fail = {
  userError: (code: string, message: string, site: number, type = 'error') => E(type, code, message, site),
  operandType: (op: string, a: Value, b: Value, site: number) =>
    E('type_error', 'OPERAND_TYPE', `operator ${op} cannot be applied to ${T(a)} and ${T(b)}` +
      (op === '+' && (typeof a === 'string' || typeof b === 'string') ? '; use || to concatenate' : ''), site),
  unaryOperandType: (op: string, a: Value, site: number) =>
    E('type_error', 'OPERAND_TYPE', `operator ${op} cannot be applied to ${T(a)}`, site),
  conditionType: (v: Value, site: number) => E('type_error', 'CONDITION_TYPE', `condition must be BOOLEAN, got ${T(v)}`, site),
  comparisonType: (a: Value, b: Value, site: number) => E('type_error', 'COMPARISON_TYPE', `cannot compare ${T(a)} with ${T(b)}`, site),
  assignmentType: (name: string, declared: string, v: Value, site: number) =>
    E('type_error', 'ASSIGNMENT_TYPE', `variable '${name}' is declared ${declared} but the value is ${T(v)}`, site),
  parameterType: (param: string, routine: string, declared: string, v: Value, site: number) =>
    E('type_error', 'ARGUMENT_TYPE', `parameter '${param}' of '${routine}' is declared ${declared} but the value is ${T(v)}`, site),
  builtinArgType: (fn: string, n: number, declared: string, v: Value | string, site = -1) =>
    E('type_error', 'ARGUMENT_TYPE', `${fn}: argument ${n} must be ${declared}, got ${typeof v === 'string' && v === 'LAMBDA' ? 'LAMBDA' : T(v as Value)}`, site),
  returnType: (fn: string, declared: string, v: Value, site: number) =>
    E('type_error', 'RETURN_TYPE', `function '${fn}' must return ${declared} but returned ${T(v)}`, site),
  readType: (key: string, v: Value, site: number) => E('type_error', 'ACCESS_TYPE', `cannot read '${key}' of ${T(v)}`, site),
  indexType: (v: Value, index: Value, site: number) => E('type_error', 'ACCESS_TYPE', `cannot index ${T(v)} with ${T(index)}`, site),
  divisionByZero: (site: number) => E('division_error', 'DIVISION_BY_ZERO', 'division by zero', site),
  overflow: (op: string, site: number) => E('division_error', 'NUMERIC_OVERFLOW', `result of ${op} is not a finite number`, site),
  nullRead: (key: string, site: number) => E('null_reference_error', 'NULL_REFERENCE', `cannot read '${key}' of NULL`, site),
  nullIndex: (site: number) => E('null_reference_error', 'NULL_REFERENCE', 'cannot index NULL', site),
  undeclared: (name: string, site: number) => E('not_found_error', 'UNDECLARED_VARIABLE', `variable '${name}' is not declared`, site),
  unknownRoutine: (name: string, site: number) => E('not_found_error', 'UNKNOWN_ROUTINE', `no procedure or function named '${name}'`, site),
  unknownExecution: (id: string, site = -1) => E('not_found_error', 'UNKNOWN_EXECUTION', `no execution with id or track name '${id}'`, site),
  indexNotFound: (index: string, site = -1) => E('not_found_error', 'INDEX_NOT_FOUND', `index '${index}' does not exist`, site),
  documentNotFound: (id: string, index: string, site = -1) =>
    E('not_found_error', 'DOCUMENT_NOT_FOUND', `document '${id}' not found in '${index}'`, site),
  arity: (name: string, expected: string | number, got: number, site: number) =>
    E('validation_error', 'ARITY_MISMATCH', `'${name}' expects ${expected} arguments, got ${got}`, site),
  alreadyDeclared: (name: string, site: number) => E('validation_error', 'ALREADY_DECLARED', `'${name}' is already declared in this scope`, site),
  readOnly: (name: string, site: number) => E('validation_error', 'READ_ONLY', `'${name}' is read-only`, site),
  alreadyExists: (kind: string, name: string, site: number) => E('validation_error', 'ALREADY_EXISTS', `${kind} '${name}' already exists`, site),
  reservedName: (name: string, site: number) => E('validation_error', 'RESERVED_NAME', `'${name}' is the name of a built-in function`, site),
  notStored: (name: string, site: number) => E('validation_error', 'NOT_STORED', `'${name}' is not a stored procedure or function`, site),
  rowCount: (rows: number, cols: number, type: string, what: string, site: number) =>
    E('validation_error', 'ROW_COUNT', `query returned ${rows} rows and ${cols} columns; ${type} needs ${what}`, site),
  cursorNotOpen: (c: string, site: number) => E('validation_error', 'CURSOR_STATE', `cursor '${c}' is not open`, site),
  cursorOpen: (c: string, site: number) => E('validation_error', 'CURSOR_STATE', `cursor '${c}' is already open`, site),
  invalidArgument: (message: string, site = -1) => E('validation_error', 'INVALID_ARGUMENT', message, site),
  indexOutOfRange: (index: Value, length: number, site: number) =>
    E('validation_error', 'INDEX_OUT_OF_RANGE', `index ${String(index)} is out of range for an array of length ${length} (0 to ${length} allowed)`, site),
  callDepth: (name: string, site: number) => E('error', 'CALL_DEPTH_EXCEEDED', `maximum call depth of 256 exceeded calling '${name}'`, site),
  stringTooLarge: (length: number, max: number, site = -1) =>
    E('error', 'VALUE_TOO_LARGE', `a STRING of ${length} characters exceeds the limit of ${max}`, site),
  arrayTooLarge: (length: number, max: number, site = -1) =>
    E('error', 'VALUE_TOO_LARGE', `an ARRAY of ${length} elements exceeds the limit of ${max}`, site),
  valueTooLarge: (message: string, site = -1) => E('error', 'VALUE_TOO_LARGE', message, site),
  outputLimit: (what: string, site = -1) => E('error', 'OUTPUT_LIMIT_EXCEEDED', `run output exceeded the limit of ${what}`, site),
  lambdaArity: (fn: string, expected: string, got: number, site = -1) =>
    E('validation_error', 'ARITY_MISMATCH', `'${fn}' expects a lambda with ${expected} parameters, got ${got}`, site),
  lambdaNotAllowed: (site: number) => E('type_error', 'ARGUMENT_TYPE', 'a lambda is only allowed as a built-in argument', site),
  cursorNotValue: (name: string, site: number) => E('type_error', 'ACCESS_TYPE', `cursor '${name}' is not a value`, site),
  functionError: (fn: string, reason: string, site = -1) => E('function_error', fn, `${fn}: ${reason}`, site),
  esql: (code: string, reason: string, site = -1) => E('esql_error', code, reason, site),
  store: (code: string, reason: string, site = -1) => E('validation_error', code, reason, site),
  storeUnavailable: (detail: string, site = -1) => E('error', 'STORE_UNAVAILABLE', `store request failed: ${detail}`, site),
  dataNullArgument: (fn: string, n: number, site = -1) => E('validation_error', 'INVALID_ARGUMENT', `${fn}: argument ${n} must not be NULL`, site),
  protectedIndex: (fn: string, index: string, site = -1) =>
    E('validation_error', 'INVALID_ARGUMENT', `${fn}: index '${index}' is a system index and cannot be written`, site),
  bulkFailure: (k: number, n: number, reason: string, site = -1) =>
    E('validation_error', 'BULK_FAILURE', `${k} of ${n} documents failed: ${reason}`, site),
  undeclaredParam: (name: string, site: number) => E('not_found_error', 'UNDECLARED_VARIABLE', `variable '${name}' is not declared`, site),
  notIterable: (v: Value, site: number) => E('type_error', 'OPERAND_TYPE', `cannot iterate over ${T(v)}`, site),
  queryParamType: (name: string, v: Value, site: number) =>
    E('type_error', 'ARGUMENT_TYPE', `query parameter '${name}' must be a STRING, NUMBER, BOOLEAN, DATE or NULL, got ${T(v)}`, site),
  storedSyntax: (name: string, detail: string, site = -1) =>
    E('syntax_error', 'SYNTAX_ERROR', `stored definition of '${name}' does not parse: ${detail}`, site),
  doubleQuestionParam: (name: string, site: number) =>
    E('validation_error', 'INVALID_ARGUMENT', `named parameter form '??${name}' is not supported`, site),
};
