/** A stored execution record as a script value (§14.1, §17.46). */
import { jsonToValue } from '../runtime';
import { DateValue, type Json, type Value } from '../runtime/values';
import { RECORD_DATE_FIELDS, type ExecutionRecord } from './record';

/** A stored record as a script value: a DOCUMENT whose date fields are DATEs (§17.46). */
export function recordToValue(record: ExecutionRecord): Value {
  const value = jsonToValue(record as unknown as Json) as Map<string, Value>;
  for (const field of RECORD_DATE_FIELDS) {
    const text = record[field];
    if (typeof text === 'string') value.set(field, new DateValue(Date.parse(text)));
  }
  return value;
}
