/**
 * Formats a number with a Java `DecimalFormat` pattern as `docvalue_fields` `format` uses it: `0` is a
 * required digit, `#` an optional one, `,` sets the grouping size and `.` starts the fraction
 * (`#.0` → `1.0`, `#,##0.00` → `1,234.50`, `0000` → `0042`). Text around the digits is kept. Returns
 * undefined for a pattern without digits, so the caller can refuse it.
 */
export function formatDecimal(value: number, pattern: string): string | undefined {
  const m = /^([^#0,.]*)([#0,]*)(?:\.([#0]*))?([^#0,.]*)$/.exec(pattern);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, prefix, integerPart, fractionPart = '', suffix] = m;
  const minInteger = (integerPart.match(/0/g) ?? []).length;
  const minFraction = (fractionPart.match(/0/g) ?? []).length;
  const maxFraction = fractionPart.length;
  const lastComma = integerPart.lastIndexOf(',');
  const grouping = lastComma < 0 ? 0 : integerPart.length - lastComma - 1;
  const [whole, fraction = ''] = Math.abs(value).toFixed(maxFraction).split('.');
  let digits = whole === '0' && minInteger === 0 ? '' : whole.padStart(minInteger, '0');
  if (grouping > 0) digits = digits.replace(new RegExp(`\\B(?=(\\d{${grouping}})+$)`, 'g'), ',');
  let frac = fraction;
  while (frac.length > minFraction && frac.endsWith('0')) frac = frac.slice(0, -1);
  const body = frac === '' ? (digits === '' ? '0' : digits) : `${digits}.${frac}`;
  return `${value < 0 && Number(body.replace(/,/g, '')) !== 0 ? '-' : ''}${prefix}${body}${suffix}`;
}
