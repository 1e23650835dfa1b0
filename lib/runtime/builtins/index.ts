/** The built-in catalogue (STYLE R13): every §11/§12 entry, by upper-case name. */
import { ARRAY_BUILTINS } from './arrays';
import type { Builtin, BuiltinFamily } from './catalog';
import { CONVERSION_BUILTINS } from './conversion';
import { DATA_BUILTINS } from './data';
import { DATE_BUILTINS } from './dates';
import { DOCUMENT_BUILTINS } from './documents';
import { NUMBER_BUILTINS } from './numbers';
import { STRING_BUILTINS } from './strings';

export type { Builtin, BuiltinCtx, BuiltinFamily, BuiltinParam, Lambda } from './catalog';

/** Every built-in, in catalogue order. */
export const BUILTINS: readonly Builtin[] = [
  ...STRING_BUILTINS, ...NUMBER_BUILTINS, ...ARRAY_BUILTINS, ...DOCUMENT_BUILTINS, ...DATE_BUILTINS,
  ...CONVERSION_BUILTINS, ...DATA_BUILTINS,
];

/** The catalogue as LANGUAGE.md groups it, in document order (§11, §12.1–§12.6); the generated reference follows it. */
export const BUILTIN_FAMILIES: readonly BuiltinFamily[] = [
  { section: '11', title: 'Data functions', builtins: DATA_BUILTINS },
  { section: '12.1', title: 'Strings', builtins: STRING_BUILTINS },
  { section: '12.2', title: 'Numbers', builtins: NUMBER_BUILTINS },
  { section: '12.3', title: 'Arrays', builtins: ARRAY_BUILTINS },
  { section: '12.4', title: 'Documents and maps', builtins: DOCUMENT_BUILTINS },
  { section: '12.5', title: 'Dates (all UTC)', builtins: DATE_BUILTINS },
  { section: '12.6', title: 'Conversion and utilities', builtins: CONVERSION_BUILTINS },
];

const BY_NAME = new Map(BUILTINS.map((b) => [b.name, b]));

/** The built-in called `name` (case-insensitive, §6.10), or undefined. */
export function findBuiltin(name: string): Builtin | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** True when `name` may not be used for a stored routine (§9.1): a built-in, or EXECUTION. */
export function isReservedRoutineName(name: string): boolean {
  const u = name.toUpperCase();
  return u === 'EXECUTION' || BY_NAME.has(u);
}
