// A fix wizard walked through in the browser mode with the dry-run executor: explain, preview of
// the exact commands and reboot flag, explicit confirmation, dry run into the terminal pane.
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

test('the impersonation wizard previews its commands and dry-runs them', async ({
  page,
  context,
}) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.step('device-to-ndes').click();
  await app.finding('iis-iusrs-impersonate-right').click();
  await page.locator('[data-action="open-wizard"]').click();
  const wizard = page.locator('[data-wizard="iis-iusrs-impersonate-right"]');
  await expect(wizard).toBeVisible();
  await expect(wizard.locator('[data-commands]')).toContainText('secedit');
  await expect(wizard.locator('[data-reboot]')).toHaveAttribute('data-reboot', 'yes');
  // Nothing runs without confirmation; applying needs the NDES server itself.
  await expect(wizard.locator('[data-action="apply"]')).toBeDisabled();
  await wizard.locator('[data-confirm]').check();
  await expect(wizard.locator('[data-action="apply"]')).toBeDisabled();
  // The exact command lines, in order, copy as one text.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await wizard.locator('[data-action="copy-commands"]').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\r\n');
  expect(lines.length).toBe(await wizard.locator('.wizard-command').count());
  expect(lines[0]).toMatch(
    /^C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe .*-EncodedCommand /,
  );
  expect(lines.some((l) => /secedit\.exe \/export /.test(l))).toBe(true);
  await app.shot('13-wizard-preview');
  await wizard.locator('[data-action="dry-run"]').click();
  await expect(wizard.locator('[data-fix-result]')).toHaveAttribute('data-fix-result', '0', {
    timeout: 30_000,
  });
  await expect(page.locator('section.terminal')).toContainText(
    /Recorded as dry run \d+; nothing was run/,
  );
  await app.shot('14-wizard-dry-run');
});
