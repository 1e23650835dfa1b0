/**
 * Bounds on runaway scripts (issue 3 §8; not set by LANGUAGE.md, so decided here and documented in
 * docs/ARCHITECTURE.md): the largest STRING and ARRAY a run may build, and how many PRINT lines and
 * characters one run (foreground or execution) may produce. Call depth is §9.6's fixed 256.
 *
 * The limits are process configuration: set once from the environment (ESCRIPT_MAX_STRING_LENGTH,
 * ESCRIPT_MAX_ARRAY_LENGTH, ESCRIPT_MAX_OUTPUT_LINES, ESCRIPT_MAX_OUTPUT_CHARS) and readable by the
 * operators and built-ins that grow values, which have no run at hand.
 */
import { fail, type EscriptError } from './errors';
import type { Value } from './values';

/** The bounds of one process's runs. */
export interface RuntimeLimits {
  /** Longest STRING, in UTF-16 code units. */
  maxStringLength: number;
  /** Longest ARRAY, in elements. */
  maxArrayLength: number;
  /** PRINT lines per run. */
  maxOutputLines: number;
  /** PRINT characters per run, all lines together. */
  maxOutputChars: number;
}

/** Large enough for real work, small enough that one run cannot exhaust the server's memory. */
export const DEFAULT_LIMITS: Readonly<RuntimeLimits> = {
  maxStringLength: 16 * 1024 * 1024,
  maxArrayLength: 10_000_000,
  maxOutputLines: 10_000,
  maxOutputChars: 10 * 1024 * 1024,
};

const ENV_NAMES: Record<keyof RuntimeLimits, string> = {
  maxStringLength: 'ESCRIPT_MAX_STRING_LENGTH',
  maxArrayLength: 'ESCRIPT_MAX_ARRAY_LENGTH',
  maxOutputLines: 'ESCRIPT_MAX_OUTPUT_LINES',
  maxOutputChars: 'ESCRIPT_MAX_OUTPUT_CHARS',
};

/** The limits an environment sets; a value that is not a positive integer is a configuration error. */
export function limitsFromEnv(env: Record<string, string | undefined>): RuntimeLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof RuntimeLimits)[]) {
    const raw = env[ENV_NAMES[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${ENV_NAMES[key]} must be a positive integer, got '${raw}'`);
    out[key] = n;
  }
  return out;
}

/** The environment's limits; the service validates the same variables at start-up with a clear message. */
function initialLimits(): RuntimeLimits {
  // Next.js bundles this module more than once per process: every copy reads the same environment.
  if (typeof process === 'undefined' || !process.env) return { ...DEFAULT_LIMITS };
  try {
    return limitsFromEnv(process.env);
  } catch {
    return { ...DEFAULT_LIMITS };
  }
}

let current: RuntimeLimits = initialLimits();

/** The limits in force. */
export function runtimeLimits(): Readonly<RuntimeLimits> {
  return current;
}

/** Replaces the limits in force (tests lower them). */
export function setRuntimeLimits(limits: RuntimeLimits): void {
  current = { ...limits };
}

/** Throws VALUE_TOO_LARGE when `v` is a STRING or ARRAY above its limit; returns `v` otherwise. */
export function checkSize<T extends Value>(v: T, site: number): T {
  if (typeof v === 'string') {
    if (v.length > current.maxStringLength) throw fail.stringTooLarge(v.length, current.maxStringLength, site);
  } else if (Array.isArray(v)) {
    if (v.length > current.maxArrayLength) throw fail.arrayTooLarge(v.length, current.maxArrayLength, site);
  }
  return v;
}

/** Throws VALUE_TOO_LARGE before a STRING of `length` is built. */
export function checkStringLength(length: number, site: number): void {
  if (length > current.maxStringLength) throw fail.stringTooLarge(length, current.maxStringLength, site);
}

/** True for the engine's own "this would not fit" errors (a safety net behind the explicit checks). */
export function isEngineSizeError(e: unknown): e is RangeError {
  return e instanceof RangeError && /invalid (string|array) length|array buffer allocation failed/i.test(e.message);
}

/** The VALUE_TOO_LARGE error for an engine size error at `site`. */
export function engineSizeError(site: number): EscriptError {
  return fail.valueTooLarge(`value exceeds the limit of ${current.maxStringLength} characters or ${current.maxArrayLength} elements`, site);
}
