import { describe, expect, it } from 'vitest';
import { formatDecimal } from './decimal-format';

describe('formatDecimal', () => {
  it.each([
    [1, '#.0', '1.0'],
    [0.5, '#.0', '.5'],
    [3.14159, '0.00', '3.14'],
    [1234.5, '#,##0.00', '1,234.50'],
    [42, '0000', '0042'],
    [-2.5, '#.##', '-2.5'],
    [7, '#', '7'],
    [0, '#', '0'],
  ])('formats %d with %j as %j', (value, pattern, text) => expect(formatDecimal(value, pattern)).toBe(text));

  it('refuses a pattern without digits', () => expect(formatDecimal(1, 'yyyy')).toBeUndefined());
});
