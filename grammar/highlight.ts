/**
 * Highlighting for the elastic-script Lezer tree (attached via `@external propSource`). The editor
 * runs `highlightTree` with these tags: keywords, strings, numbers, comments, operators, variable and
 * function names, type names, and embedded ES|QL text (§2.10) as `special(string)`.
 */
import { styleTags, tags as t } from '@lezer/highlight';

/** Node name → highlight tag map for grammar/escript.grammar. */
export const highlighting = styleTags({
  'AND BEGIN BREAK CALL CASE CATCH CLOSE CONST CONTINUE CREATE CURSOR DECLARE DEFAULT DELETE DROP': t.keyword,
  'ELSE ELSEIF ELSIF END EXIT FETCH FINALLY FOR FUNCTION IF IN INTO IS LOOP NOT OPEN OR': t.keyword,
  'PARALLEL PRINT PROCEDURE RAISE REPLACE RETURN SET SHOW SWITCH THEN THROW TRY VAR WHEN WHILE': t.keyword,
  'ON_DONE ON_FAIL ON_ALL_DONE ON_ANY_FAIL TRACK AS TIMEOUT SECONDS EXECUTION RETURNS STEP LIMIT WITH CODE OF': t.keyword,
  'STATUS CANCEL RETRY WAIT DEBUG INFO WARN ERROR PROCEDURES FUNCTIONS': t.keyword,
  'TRUE FALSE': t.bool,
  NULL: t.null,
  'ErrorTypeName/...': t.className,
  'TypeName/Identifier': t.typeName,
  'OF': t.keyword,
  Number: t.number,
  'String TemplateString StringContent': t.string,
  'InterpolationStart Interpolation/"}"': t.special(t.brace),
  LineComment: t.lineComment,
  BlockComment: t.blockComment,
  'EsqlQuery EsqlParenQuery': t.special(t.string),
  CompareOp: t.compareOperator,
  'AddOp MulOp': t.arithmeticOperator,
  '"||" "??"': t.operator,
  '"|"': t.separator,
  '"=" "=>"': t.definitionOperator,
  RangeDots: t.punctuation,
  '"." "?."': t.derefOperator,
  '"," ";"': t.separator,
  '"(" ")"': t.paren,
  '"[" "]"': t.squareBracket,
  '"{" "}"': t.brace,
  Binding: t.special(t.variableName),
  CursorAttr: t.propertyName,
  'VariableName/Identifier': t.variableName,
  'VariableDefinition/Identifier': t.definition(t.variableName),
  'Callee/Identifier': t.function(t.variableName),
  'RoutineName/Identifier': t.function(t.definition(t.variableName)),
  'PropertyName/...': t.propertyName,
});
