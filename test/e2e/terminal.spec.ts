// The terminal pane in the browser mode: the run and fix log, copyable; no interactive shell over
// HTTP or off Windows, and the pane says why (the desktop app on the NDES server offers PowerShell).
import { test, expect } from '@playwright/test';
import { serve, type Served } from './server';
import { AppPage } from './pages/app';

let server: Served;

test.beforeAll(async () => {
  server = await serve();
});
test.afterAll(async () => {
  await server.stop();
});

test('the log tab is copyable and the shell is not offered over HTTP', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.open(server.url);
  const pane = page.locator('section.terminal');
  await expect(pane).toHaveAttribute('data-terminal-tab', 'log');
  await expect(pane.locator('[data-shell-unavailable]')).toHaveAttribute(
    'data-shell-unavailable',
    process.platform === 'win32' ? 'browser-mode' : 'not-windows',
  );
  await expect(pane.locator('[data-terminal-show="shell"]')).toHaveCount(0);
  await expect(pane).toContainText(/Diagnosis done in \d+ ms/);
  // Nothing selected: Copy takes the whole log, including what has scrolled away.
  await pane.locator('[data-action="terminal-copy"]').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Opening the built-in demo host');
  await app.shot('19-terminal-log');
});
