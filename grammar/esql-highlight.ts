/**
 * Highlighting for the ES|QL Lezer tree (grammar/esql.grammar), attached by `parser.configure({props})` in
 * grammar/mixed.ts rather than in the grammar, so the embedded engine's parser stays free of editor props.
 * Command and clause words are keywords, operator words (AND, LIKE…) operator keywords, column names
 * properties, parameters (`?name`, `:name`) special variables, index patterns `special(string)` (the
 * editor's ES|QL colour), and literals, comments and operators their usual tags.
 */
import { styleTags, tags as t } from '@lezer/highlight';

/** Node name → highlight tag map for grammar/esql.grammar (both dialects). */
export const esqlHighlighting = styleTags({
  'FROM ROW METADATA WHERE EVAL KEEP DROP RENAME SORT LIMIT STATS MV_EXPAND DISSECT GROK SAMPLE SHOW': t.keyword,
  // Elasticsearch commands the engine refuses are still commands to the reader
  'TS METRICS EXPLAIN PROMQL ENRICH LOOKUP INLINESTATS INLINE FORK CHANGE_POINT COMPLETION RERANK FUSE RRF': t.keyword,
  'AS BY ASC DESC NULLS FIRST LAST': t.keyword,
  'AND OR NOT IS IN LIKE RLIKE': t.operatorKeyword,
  'TRUE FALSE': t.bool,
  NULL: t.null,
  'Integer Decimal': t.number,
  'String TripleString ScriptString': t.string,
  'Param ScriptParam': t.special(t.variableName),
  'LineComment ScriptComment': t.lineComment,
  BlockComment: t.blockComment,
  IndexPattern: t.special(t.string),
  'IdPattern QualifiedName/Identifier QualifiedName/QuotedIdentifier': t.propertyName,
  'Metadata/Identifier CommandOption/Identifier': t.propertyName,
  'FunctionCall/Identifier': t.function(t.variableName),
  'CastExpression/Identifier': t.typeName,
  'IntervalLiteral/Identifier': t.unit,
  CompareOp: t.compareOperator,
  ArithOp: t.arithmeticOperator,
  '"::"': t.operator,
  '"="': t.definitionOperator,
  'Pipe ","': t.separator,
  '"."': t.derefOperator,
  '"(" ")"': t.paren,
  '"[" "]"': t.squareBracket,
});
