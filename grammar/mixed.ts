/**
 * The script parser as the editor uses it: grammar/escript.grammar with the ES|QL grammar mounted inside
 * every embedded query (Lezer mixed-language parsing), so the editor highlights a query's commands,
 * strings and columns instead of painting the query one colour (LANGUAGE.md §2.10, §10.1).
 *
 * The runtime keeps the plain escript parser (lib/language parseScript): it lowers the query token's text
 * and prepares it itself (§10.2), and the engine parses the prepared text with the plain ES|QL parser.
 */
import { type Parser, parseMixed, type SyntaxNodeRef } from '@lezer/common';
import { parser as esqlParser } from './esql-parser';
import { esqlHighlighting } from './esql-highlight';
import { parser as escriptParser } from './parser';

/**
 * The ES|QL parser for queries written inside a script: the `script` dialect (`--` comments, single-quoted
 * strings and `:name` parameters, which the runtime rewrites before sending, §10.2) plus highlight tags.
 */
export const embeddedEsqlParser: Parser = esqlParser.configure({ dialect: 'script', props: [esqlHighlighting] });

// The script lexer's query tokens: `EsqlQuery` (statements, cursor and typed declarations, up to the `;`)
// and `EsqlParenQuery` (inside `( … )`). Each token is exactly the query text, from FROM/ROW to its
// last non-blank character, so the ES|QL parse covers the whole token.
const QUERY_TOKENS = new Set(['EsqlQuery', 'EsqlParenQuery']);

const mountEsql = (node: SyntaxNodeRef) => (QUERY_TOKENS.has(node.name) ? { parser: embeddedEsqlParser } : null);

/**
 * The escript parser with an ES|QL tree mounted on every `EsqlQuery`/`EsqlParenQuery` node (reachable
 * through the tree's mounts, e.g. by `highlightTree` or `tree.iterate`). Incremental: fragments of an
 * earlier tree are reused inside and outside queries.
 */
export const escriptEditorParser: Parser = escriptParser.configure({ wrap: parseMixed(mountEsql) });
