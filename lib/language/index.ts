/**
 * Public surface of lib/language (browser-safe): the AST types, `parseScript` (§3.5), `lineColumn`
 * (§2.1) and the Lezer parser used by the editor for highlighting.
 */
export * from './ast';
export { parseScript } from './parse';
export { lineColumn } from './positions';
export { parser as escriptParser } from '../../grammar/parser';
