import { parseDateValue } from '../mapping/date-formats';
import { toEpochMillis } from '../mapping/dates';
import { printedDateMillis } from './printed-date';

/** How values of a mapped type compare: as numbers, dates (epoch ms), booleans, analyzed text or exact strings. */
export type FieldKind = 'number' | 'date' | 'boolean' | 'text' | 'keyword' | 'object';

const NUMBER_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);

/** The comparison kind of a mapping type. */
export function kindOf(type: string): FieldKind {
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === 'date' || type === 'date_nanos') return 'date';
  if (type === 'boolean') return 'boolean';
  if (type === 'text' || type === 'match_only_text') return 'text';
  if (type === 'object' || type === 'nested') return 'object';
  return 'keyword';
}

/**
 * A stored or query value converted for comparison under `kind`: a number for numbers and dates, a boolean,
 * or a string. Undefined when the value cannot be converted (it then matches nothing).
 */
export function normalize(kind: FieldKind, value: unknown, dateFormat?: string): number | boolean | string | undefined {
  switch (kind) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isNaN(n) ? undefined : n;
    }
    case 'date':
      if (dateFormat !== undefined) return parseDateValue(value, dateFormat);
      // the form Elasticsearch prints (and most stored dates are in): what toEpochMillis gives, sooner
      if (typeof value === 'string') {
        const ms = printedDateMillis(value);
        if (ms !== undefined) return Number.isNaN(ms) ? undefined : ms;
      }
      return toEpochMillis(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false' || value === '') return false;
      return undefined;
    case 'object': return undefined;
    default:
      return typeof value === 'object' || value === null || value === undefined ? undefined : String(value);
  }
}
