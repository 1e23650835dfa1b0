/**
 * Freezes a value all the way down: a cached value (a parsed record, a query's AST, a prepared search) is
 * shared by every later caller, who must copy it to change it.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
