/**
 * The JIT (docs/ARCHITECTURE.md decision 14): stored routines whose bodies use the supported subset
 * are also compiled to JavaScript source (codegen.ts) and instantiated with `new Function`; the
 * closure-compiled body stays beside it for every other entry point. `ESCRIPT_JIT=0` turns it off.
 */
import type { Parameter, Statement } from '../../../language/ast';
import type { CodeUnit } from '../../errors';
import type { TypeSpec } from '../../types';
import { NotJittable, RoutineGenerator } from './codegen';
import { RT, type RoutineMeta } from './helpers';
import type { JitFn } from './suspend';

export { drive, SUSPEND, takeSuspension, type JitFn } from './suspend';
export { slowCall } from './slow-call';

/** True unless turned off with ESCRIPT_JIT=0 (read per compile, so tests can compare both paths). */
export function jitEnabled(): boolean {
  return process.env.ESCRIPT_JIT !== '0';
}

/** Compiles a stored routine's body to JavaScript, or undefined when it uses what the JIT does not cover. */
export function jitRoutine(unit: CodeUnit, params: Parameter[], returns: TypeSpec | null, body: Statement[], lastHasValue: boolean): JitFn | undefined {
  if (!jitEnabled()) return undefined;
  const name = unit.frameName;
  try {
    const generated = new RoutineGenerator(name, params.map((p) => ({ name: p.name.name, type: p.type })), returns, body).generate();
    if (process.env.ESCRIPT_JIT_DUMP) process.stderr.write(`// ${name}\n${generated.source}\n`);
    const meta: RoutineMeta = { name, returns, lastHasValue };
    // The source is ours, built from a checked AST; every name and string goes through the constants table or JSON.
    const factory = new Function('RT', 'K', 'NAME', 'UNIT', 'META', generated.source) as (...a: unknown[]) => JitFn;
    return factory(RT, generated.constants, name, unit, meta);
  } catch (e) {
    if (e instanceof NotJittable) return undefined;
    // A defect of the generator must not cost the user the routine: the closure path runs it.
    internalFailures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.stderr.write(`escript: the JIT could not compile '${name}' (${internalFailures[internalFailures.length - 1]}); it runs on the closure path\n`);
    return undefined;
  }
}

const internalFailures: string[] = [];

/** The generator's own failures so far (tests assert there are none). */
export function jitInternalFailures(): readonly string[] {
  return internalFailures;
}
