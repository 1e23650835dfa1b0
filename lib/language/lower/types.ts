/**
 * Lowering of declared types (§4.2): `STRING`, …, `ARRAY [OF type]`, matched case-insensitively.
 * `text` is the upper-cased spelling stored in §9.4 (`ARRAY OF NUMBER`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { ScalarTypeName, TypeRef } from '../ast';
import { type LowerContext, childNamed, spanOf, syntaxError, textOf } from './context';

const scalarTypes: ReadonlySet<string> = new Set<ScalarTypeName>([
  'STRING', 'NUMBER', 'INT', 'INTEGER', 'LONG', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'DATE', 'DOCUMENT', 'MAP', 'ANY',
]);

/** Lowers a `Type` node; an unknown type name is a syntax error at the name and reads as ANY. */
export function lowerType(ctx: LowerContext, node: SyntaxNode): TypeRef {
  const nameNode = childNamed(node, 'TypeName');
  const span = spanOf(node);
  const word = nameNode ? textOf(ctx, nameNode).toUpperCase() : '';
  const inner = childNamed(node, 'Type');
  if (word === 'ARRAY') {
    const of = inner ? lowerType(ctx, inner) : null;
    return { kind: 'ArrayType', of, text: of ? `ARRAY OF ${of.text}` : 'ARRAY', span };
  }
  if (nameNode && !scalarTypes.has(word)) {
    syntaxError(ctx, spanOf(nameNode), `unknown type \`${textOf(ctx, nameNode)}\`; expected one of ${[...scalarTypes].join(', ')}, ARRAY`);
  }
  if (inner) syntaxError(ctx, spanOf(inner), '`OF` is only allowed after ARRAY');
  const name = (scalarTypes.has(word) ? word : 'ANY') as ScalarTypeName;
  return { kind: 'ScalarType', name, text: name, span };
}
