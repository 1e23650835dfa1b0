/**
 * Why JavaScript refused to compile a regular expression a user gave (RLIKE, GROK, a query's `regexp`):
 * its message without the pattern and flags it repeats first, for an error that names the pattern itself.
 */
export function regexErrorReason(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '') : String(error);
}
