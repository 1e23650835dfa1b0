import { expect, test } from '@playwright/test';
import { EDITOR_FOREGROUND, TOKEN_STYLES } from '../components/editor/token-styles';
import { hexToRgb, recordRequests } from './local-requests';

// The seed notebook (shared/seeds/async-execution.md) end to end: load it from the Examples menu, run it with
// the keyboard, read the handlers' output, then find its tracked executions on the dashboard.
test('the seed notebook runs from the IDE and its executions finish', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/');

  await page.getByTestId('examplesMenuButton').click();
  await page.getByTestId('example-seed').click();
  const editorLines = page.locator('.monaco-editor .view-lines');
  await expect(editorLines).toContainText('CREATE PROCEDURE analyze_logs');

  // Keywords get their colour from the Lezer grammar's semantic tokens (the Monarch tokenizer has no
  // keyword list), so the colour proves the grammar highlighted the buffer.
  const keyword = page.locator('.monaco-editor .view-line span span').filter({ hasText: /^CREATE$/ }).first();
  const identifier = page.locator('.monaco-editor .view-line span span').filter({ hasText: /^index_pattern$/ }).first();
  const colour = (locator: typeof keyword) => locator.evaluate((element) => getComputedStyle(element).color);
  await expect.poll(() => colour(keyword)).toBe(hexToRgb(TOKEN_STYLES.keyword.foreground));
  const identifierColour = await colour(identifier);
  expect(identifierColour).not.toBe(hexToRgb(TOKEN_STYLES.keyword.foreground));
  expect([hexToRgb(TOKEN_STYLES.variable.foreground), hexToRgb(EDITOR_FOREGROUND)]).toContain(identifierColour);

  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Enter');

  const output = page.getByTestId('outputPanel');
  await expect(output).toContainText('SUCCESS: Analysis complete!', { timeout: 60_000 });
  await expect(output).toContainText('Result: {"analyzed":true,"pattern":"logs-*","count":1000}', { timeout: 60_000 });
  await expect(output).toContainText('Merging 2 results...', { timeout: 60_000 });
  await expect(page.getByTestId('runExit')).toHaveText('finished', { timeout: 60_000 });

  await page.getByTestId('nav-executions').click();
  await expect(page).toHaveURL(/\/executions$/);
  for (const track of ['basic-test', 'parallel-fetch']) {
    const done = page.getByTestId('executionsTable').getByRole('row').filter({ hasText: track }).filter({ hasText: 'done' });
    await expect(done.first()).toBeVisible({ timeout: 30_000 });
  }

  expect(requests.all.length).toBeGreaterThan(0);
  expect(requests.outside()).toEqual([]);
});
