import { expect, test } from '@playwright/test';
import { BUFFER_KEY } from '../components/editor/buffer-storage';
import { TOKEN_STYLES } from '../components/editor/token-styles';
import { hexToRgb, recordRequests } from './local-requests';

// Embedded ES|QL (LANGUAGE.md §2.10) is highlighted with the ES|QL grammar mounted inside the script tree:
// an ES|QL command word has the colour of a script keyword, and an ES|QL string the string colour, rather
// than the whole query being painted in one colour.
test('ES|QL inside a script is highlighted like the script around it', async ({ page }) => {
  const requests = recordRequests(page);
  await page.addInitScript(
    ([key, source]) => window.localStorage.setItem(key, source),
    [BUFFER_KEY, 'DECLARE c CURSOR FOR FROM logs | WHERE level == "ERROR" | LIMIT 5;\nOPEN c;\n'] as const,
  );
  await page.goto('/');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('LIMIT 5;');

  const token = (text: RegExp) => page.locator('.monaco-editor .view-line span span').filter({ hasText: text }).first();
  const colour = (text: RegExp) => token(text).evaluate((element) => getComputedStyle(element).color);

  // Keywords are coloured only by the grammar's semantic tokens (the first-paint tokenizer has no keyword
  // list), so waiting for WHERE's colour waits for the semantic tokens of the whole buffer.
  const keyword = hexToRgb(TOKEN_STYLES.keyword.foreground);
  await expect.poll(() => colour(/^WHERE$/)).toBe(keyword);
  expect(await colour(/^DECLARE$/)).toBe(keyword);
  expect(await colour(/^LIMIT$/)).toBe(keyword);
  expect(await colour(/^"ERROR"$/)).toBe(hexToRgb(TOKEN_STYLES.string.foreground));
  expect(await colour(/^5$/)).toBe(hexToRgb(TOKEN_STYLES.number.foreground));
  expect(await colour(/^level$/)).toBe(hexToRgb(TOKEN_STYLES.property.foreground));

  expect(requests.outside()).toEqual([]);
});
