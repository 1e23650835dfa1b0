/**
 * What a server action hands back to the client: its data, or `{ error }` for a failure the user should
 * see (STYLE.md R19). Server actions never throw user errors at the client.
 */

/** A failed server action: a message fit for the user. */
export interface ActionError {
  error: string;
}

/** The result of a server action returning `T`. */
export type ActionResult<T> = T | ActionError;

/** True when `value` is an `ActionError` rather than data. */
export function isActionError(value: unknown): value is ActionError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { error?: unknown }).error === 'string'
  );
}

/** The message of a thrown value, for turning an unexpected failure into an `ActionError`. */
export function errorMessage(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return typeof thrown === 'string' ? thrown : 'unexpected error';
}
