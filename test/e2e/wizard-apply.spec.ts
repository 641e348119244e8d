// A fix applied from the wizard on a stand-in Windows NDES server (real processes standing in for
// reg.exe & co., see standin-server.ts): a failing second step stops the run and the wizard offers
// the rollback (and the History view keeps its log); a successful run is verified and shown
// before/after on the diagram.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { serveStandinHost, type Served } from './server';
import { AppPage } from './pages/app';

let server: Served & { standins: string };

test.beforeAll(async () => {
  server = await serveStandinHost();
});
test.afterAll(async () => {
  await server.stop();
});

const CHECK = 'httpsys-max-field-length';

function scenario(rules: object[]): void {
  writeFileSync(path.join(server.standins, 'scenario.json'), JSON.stringify(rules));
  writeFileSync(path.join(server.standins, 'calls.jsonl'), '');
}

async function openWizard(page: Page) {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.step('device-to-ndes').click();
  await app.finding(CHECK).click();
  await page.locator('[data-action="open-wizard"]').click();
  const wizard = page.locator(`[data-wizard="${CHECK}"]`);
  await expect(wizard.locator('[data-commands]')).toContainText('MaxFieldLength');
  await wizard.locator('[data-confirm]').check();
  return { app, wizard };
}

test('a failing step stops the run and the wizard offers to roll back', async ({ page }) => {
  scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', exit: 1, stderr: 'Access is denied.' }]);
  const { app, wizard } = await openWizard(page);
  await wizard.locator('[data-action="apply"]').click();
  await expect(wizard.locator('[data-fix-status]')).toHaveAttribute('data-fix-status', 'failed', {
    timeout: 30_000,
  });
  await expect(wizard.locator('[data-failed-step]')).toHaveAttribute(
    'data-failed-step',
    'set-maxrequestbytes',
  );
  const offer = wizard.locator('[data-rollback-offer]');
  await expect(offer).toHaveAttribute('data-rollback-offer', 'pending');
  await expect(offer).toContainText('set-maxfieldlength');
  await expect(page.locator('section.terminal')).toContainText('Access is denied.');
  await app.shot('15-wizard-failed-offer-rollback');
  await offer.locator('[data-action="rollback"]').click();
  await expect(offer).toHaveAttribute('data-rollback-offer', 'rolled-back', { timeout: 30_000 });
  await expect(page.locator('section.terminal')).toContainText(/Fix \d+ undone\./);
  // The History view keeps the fix with its log.
  await wizard.getByRole('button', { name: 'Close' }).click();
  await page.locator('[data-tab="history"]').click();
  const row = page.locator('.fixes [data-fix-id]').first();
  await expect(row).toContainText('undone');
  await row.locator('[data-action="fix-log"]').click();
  await expect(page.locator('section.terminal')).toContainText('[undo] Set MaxFieldLength = 65534');
  await app.shot('20-history-fix-log');
});

test('a verified fix shows the flow before and after on the diagram', async ({ page }) => {
  scenario([]);
  const { app, wizard } = await openWizard(page);
  await wizard.locator('[data-action="apply"]').click();
  await expect(wizard.locator('[data-verification]')).toHaveAttribute(
    'data-verification',
    'fixed',
    { timeout: 30_000 },
  );
  await expect(wizard.locator(`[data-verify-check="${CHECK}"]`)).toHaveAttribute(
    'data-after',
    'pass',
  );
  await app.shot('16-wizard-verified');
  await wizard.getByRole('button', { name: 'Close' }).click();

  const banner = page.locator('[data-fix-overlay]');
  await expect(banner).toContainText('2 fixed, 0 new');
  await expect(page.locator('.flow')).toHaveAttribute('data-fix-side', 'after');
  await expect(app.step('device-to-ndes').locator('[data-fixed]')).toHaveAttribute(
    'data-fixed',
    '2',
  );
  await app.shot('17-diagram-after-fix');
  await banner.locator('[data-fix-show="before"]').click();
  await expect(page.locator('.flow')).toHaveAttribute('data-fix-side', 'before');
  await app.shot('18-diagram-before-fix');
  await banner.locator('[data-action="close-fix-overlay"]').click();
  await expect(page.locator('.flow')).not.toHaveAttribute('data-fix-side', /.+/);
});

test('a running fix can be cancelled, and what it applied rolled back', async ({ page }) => {
  scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', hang: true, stdout: 'working\r\n' }]);
  const { wizard } = await openWizard(page);
  await wizard.locator('[data-action="apply"]').click();
  await expect(page.locator('section.terminal')).toContainText('[apply] Set MaxRequestBytes', {
    timeout: 30_000,
  });
  await expect(wizard.getByRole('button', { name: 'Close' })).toBeDisabled();
  await wizard.locator('[data-action="cancel-fix"]').click();
  await expect(wizard.locator('[data-fix-status]')).toHaveAttribute(
    'data-fix-status',
    'cancelled',
    { timeout: 30_000 },
  );
  const offer = wizard.locator('[data-rollback-offer]');
  await expect(offer).toContainText('set-maxfieldlength');
  await offer.locator('[data-action="keep-applied"]').click();
  await expect(offer).toHaveAttribute('data-rollback-offer', 'kept');
  await expect(offer).toContainText('later from the History view');
});
