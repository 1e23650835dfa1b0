/**
 * The one way the product parses a script: lib/language's parser with the built-in list of the
 * catalogue, so the §3.4 rules that need it (a local FUNCTION named like a built-in, a lambda passed
 * to anything but a built-in) are checked everywhere: runs, stored definitions, the CLI and the editor.
 * Browser-safe: it pulls in the catalogue, not the interpreter.
 */
import { parseScript } from '../language';
import type { CheckOptions } from '../language/check';
import { findBuiltin } from './builtins';

const OPTIONS: CheckOptions = { isBuiltin: (name) => findBuiltin(name) !== undefined };

/** parseScript with the catalogue's built-in list. */
export function parseEscript(source: string): ReturnType<typeof parseScript> {
  return parseScript(source, OPTIONS);
}
