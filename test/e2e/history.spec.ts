// The run history in the browser mode: every opened run is stored; two runs compare per check,
// per step (on the diagram too) and by evidence; a past run opens as it was.
import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, type Served } from './server';
import { AppPage } from './pages/app';
import { writeBundleZip } from '../fixtures/lib/write-bundle';
import { HOSTS } from '../fixtures/hosts';

let server: Served;
const tmp = mkdtempSync(path.join(tmpdir(), 'ndes-e2e-history-'));

test.beforeAll(async () => {
  server = await serve();
});
test.afterAll(async () => {
  await server.stop();
});

test('two runs compare per check, per step and by evidence', async ({ page }) => {
  const healthy = path.join(tmp, 'healthy.zip');
  const broken = path.join(tmp, 'http-414-httpsys-limits.zip');
  await writeBundleZip(HOSTS.find((h) => h.name === 'healthy')!.spec, healthy);
  await writeBundleZip(HOSTS.find((h) => h.name === 'http-414-httpsys-limits')!.spec, broken);
  const app = new AppPage(page);
  await app.open(server.url);
  for (const zip of [healthy, broken]) {
    await page.locator('[data-input="zip"]').setInputFiles(zip);
    await expect(page.locator('[data-source="bundle"]')).toHaveText(path.basename(zip), {
      timeout: 30_000,
    });
    await app.waitReady();
  }
  await page.locator('[data-tab="history"]').click();
  const rows = page.locator('[data-run-id]');
  await expect(rows).toHaveCount(3); // demo, healthy, broken
  const ids = await rows.evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-run-id'))),
  );
  const [brokenId, healthyId] = ids; // newest first
  await page.getByLabel(`Pick run ${healthyId} for comparison`).check();
  await page.getByLabel(`Pick run ${brokenId} for comparison`).check();
  await page.locator('[data-action="compare"]').click();
  await expect(page.locator(`[data-compare="${healthyId}-${brokenId}"]`)).toBeVisible();
  await expect(page.locator('[data-check-change="httpsys-max-field-length"]')).toHaveAttribute(
    'data-change',
    'new',
  );
  await expect(page.locator('[data-step-change="device-to-ndes"]')).toHaveAttribute(
    'data-change',
    'worse',
  );
  await expect(app.step('device-to-ndes')).toHaveAttribute('data-change', 'worse');
  await expect(page.locator('[data-evidence-area="registry"]').first()).toBeVisible();
  await app.shot('09-compare');

  // A past run opens as it was.
  await page.locator(`[data-run-id="${healthyId}"] [data-action="open-run"]`).click();
  await app.waitReady();
  await expect(page.locator('[data-source="bundle"]')).toHaveText(`Run ${healthyId}`);
  await app.shot('10-history');
});
