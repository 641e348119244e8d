// The SCEP probe panel: an external URL is kept in settings and probed; here the endpoint is a
// stand-in that answers like an NDES without its policy module (200 with the generic page).
import { test, expect } from '@playwright/test';
import { serve, type Served } from './server';
import { AppPage } from './pages/app';
import { startStandIn, NDES_PAGE, type StandIn } from '../integration/probe/stand-in';

let server: Served;
let ndes: StandIn;

test.beforeAll(async () => {
  server = await serve();
  ndes = await startStandIn((req, res) => {
    res.writeHead(200, { Server: 'Microsoft-IIS/10.0', 'Content-Type': 'text/html' });
    res.end(NDES_PAGE);
  });
});
test.afterAll(async () => {
  await server.stop();
  await ndes.stop();
});

test('an external SCEP URL is kept and probed, and the policy module is reported missing', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-tab="probe"]').click();
  await page.getByLabel('External SCEP URL of an Intune profile').fill(ndes.url);
  await page.getByRole('button', { name: 'Add URL' }).click();
  const section = page.locator(`[data-probe-url="${ndes.url}"]`);
  await expect(section).toBeVisible();
  await section.getByRole('button', { name: 'Probe' }).click();
  await expect(section.locator('[data-probe-step="base"]')).toHaveAttribute(
    'data-verdict',
    'fail',
    { timeout: 30_000 },
  );
  await expect(section.locator('[data-probe-step="base"]')).toContainText(/policy module/i);
  expect(ndes.requests.every((r) => r.userAgent === 'NDES-Doctor-Probe/1')).toBe(true);
  await app.shot('11-probe');
  // Kept in settings: still there after a reload.
  await page.reload();
  await app.waitReady();
  await page.locator('[data-tab="probe"]').click();
  await expect(page.locator(`[data-probe-url="${ndes.url}"]`)).toBeVisible();
});
