import { expect, test } from '@playwright/test';
import { BUFFER_KEY } from '../components/editor/buffer-storage';
import { recordRequests } from './local-requests';

// A syntax error (LANGUAGE.md §3.5) is marked in the editor with its line and column, and a run reports it
// without executing anything: the PRINT before it prints nothing.
test('a syntax error is marked with its position and nothing runs', async ({ page }) => {
  const requests = recordRequests(page);
  await page.addInitScript(
    ([key, source]) => window.localStorage.setItem(key, source),
    [BUFFER_KEY, "PRINT 'before';\nVAR = 1;\n"] as const,
  );
  await page.goto('/');

  await expect(page.locator('.monaco-editor .view-lines')).toContainText('VAR = 1;');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('diagnostic').first()).toContainText('2:5');

  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Enter');

  const error = page.getByTestId('outputError').first();
  await expect(error).toContainText('2:5');
  await expect(page.getByTestId('runExit')).toHaveText('syntax errors: nothing ran');
  await expect(page.getByTestId('outputPrint')).toHaveCount(0);

  // The position is a link that puts the cursor on the error.
  await page.getByTestId('outputErrorPosition').first().click();
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/\bfocused\b/);

  expect(requests.outside()).toEqual([]);
});
