/**
 * ES|QL user errors and their Elasticsearch response bodies. Validation collects `EsqlMessage`s;
 * an `EsqlError` carries them to `runEsql`, which turns them into a 400 body. Nothing here is thrown
 * to callers of the public API.
 */
import { locate } from './positions';

/** The Elasticsearch exception type of a problem. */
export type EsqlErrorType = 'parsing_exception' | 'verification_exception';

/** A problem found at an offset of the query. */
export interface EsqlMessage { type: EsqlErrorType; text: string; offset: number }

/** Thrown inside the engine for a user error; `runEsql` catches it. */
export class EsqlError extends Error {
  constructor(readonly messages: EsqlMessage[]) {
    super(messages.map((m) => m.text).join('; '));
  }
}

/** A verification problem at `offset`. */
export const verification = (text: string, offset: number): EsqlMessage => ({ type: 'verification_exception', text, offset });
/** A parsing problem at `offset`. */
export const parsing = (text: string, offset: number): EsqlMessage => ({ type: 'parsing_exception', text, offset });

/** `Unknown column [x]`, with a suggestion when a column name is close. */
export function unknownColumn(name: string, offset: number, candidates: string[]): EsqlMessage {
  const near = candidates.filter((c) => editDistance(c.toLowerCase(), name.toLowerCase()) <= (name.length >= 4 ? 2 : 1));
  const hint = near.length === 0 ? '' : near.length === 1 ? `, did you mean [${near[0]}]?` : `, did you mean any of [${near.join(', ')}]?`;
  return verification(`Unknown column [${name}]${hint}`, offset);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

/** The 400 body Elasticsearch returns for these problems (all of the first problem's type). */
export function errorBody(query: string, messages: EsqlMessage[]): { error: unknown; status: number } {
  const type = messages[0].type;
  const lines = messages.map((m) => locate(query, m.offset) + m.text);
  const reason = type === 'verification_exception'
    ? `Found ${lines.length} problem${lines.length === 1 ? '' : 's'}\n${lines.join('\n')}`
    : lines.join('\n');
  return { error: { root_cause: [{ type, reason }], type, reason }, status: 400 };
}
