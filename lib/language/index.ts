/**
 * Public surface of lib/language (browser-safe): the AST types, `parseScript` (§3.5), `lineColumn`
 * (§2.1) and the Lezer parser the editor highlights with (script + embedded ES|QL, grammar/mixed.ts).
 */
export * from './ast';
export { parseScript } from './parse';
export { lineColumn } from './positions';
export { escriptEditorParser } from '../../grammar/mixed';
