/**
 * The elastic-script interpreter (LANGUAGE.md §3–§13): public surface. Re-exports only.
 */
export type { Value, Json } from './values';
export { DateValue, valueToJson, jsonToValue, typeName } from './values';
export { EscriptError, type ErrorDocument } from './errors';
export { renderValue } from './render';
export { parseEscript } from './parse';
export { runScript, invokeStoredRoutine, type RunOptions, type ScriptOutcome } from './run';
export type { RuntimeHost, AsyncHost, CallerContext, AsyncCallSpec, ParallelSpec, HandlerSpec, ExecutionOp } from './host';
export { BUILTINS, findBuiltin, isReservedRoutineName } from './builtins';
export type { Builtin, BuiltinParam } from './builtins';
