// The workstation as an admin uses it, in the browser mode: demo host, diagram, findings, evidence,
// opening bundles (zip, broken), keyboard. Screenshots of each view are kept in test-results/.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { serve, REPO, type Served } from './server';
import { AppPage } from './pages/app';
import { writeBundle } from '../fixtures/lib/write-bundle';
import { HOSTS } from '../fixtures/hosts';

let server: Served;
const tmp = mkdtempSync(path.join(tmpdir(), 'ndes-e2e-'));

interface JsonReport {
  steps: { id: string; health: string }[];
  findings: {
    checkId: string;
    status: string;
    step: string;
    evidence: { kind: string; file?: string }[];
  }[];
}

function diagnoseJson(bundle: string): JsonReport {
  const r = spawnSync(
    process.execPath,
    [
      path.join(REPO, 'bin', 'ndes-doctor.cjs'),
      'diagnose',
      '--bundle',
      bundle,
      '--json',
      '--no-store',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(r.stdout) as JsonReport;
}

async function zipFolder(dir: string, out: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const z = new yazl.ZipFile();
    const walk = (d: string, rel: string) => {
      for (const name of readdirSync(d)) {
        const abs = path.join(d, name);
        if (statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`);
        else z.addFile(abs, `${rel}${name}`);
      }
    };
    walk(dir, '');
    z.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
    z.end();
  });
}

test.beforeAll(async () => {
  server = await serve();
});
test.afterAll(async () => {
  await server.stop();
});

test('the demo host opens and the diagram matches its report', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const expected = diagnoseJson(path.join(REPO, 'dist', 'demo-bundle'));
  for (const s of expected.steps) {
    await expect(app.step(s.id)).toHaveCount(1);
    expect(await app.stepHealth(s.id), s.id).toBe(s.health);
  }
  await expect(page.locator('[data-source="demo"]')).toBeVisible();
  await expect(page.locator('[data-demo-notice]')).toBeVisible();
  await app.shot('01-demo-overview');
});

test('a failing step leads to its finding and to the evidence line', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const expected = diagnoseJson(path.join(REPO, 'dist', 'demo-bundle'));
  const failing = expected.findings.find(
    (f) => f.status === 'fail' && f.evidence.some((e) => e.kind === 'logLines'),
  )!;
  expect(failing, 'the demo host has a failing check with log evidence').toBeTruthy();
  await app.step(failing.step).click();
  await expect(app.finding(failing.checkId)).toBeVisible();
  await app.shot('02-step-findings');
  await app.finding(failing.checkId).click();
  await expect(app.detail()).toHaveAttribute('data-finding', failing.checkId);
  await app.shot('03-finding-detail');
  const lineLink = page.locator('[data-evidence-line-link]').first();
  const line = await lineLink.getAttribute('data-evidence-line-link');
  await lineLink.click();
  const target = page.locator(`.log-line.target[data-line="${line}"]`);
  await expect(target).toBeVisible();
  await expect(target).toHaveClass(/hit/);
  await app.shot('04-evidence-log');
});

test('the certificates dashboard lists the RA certificates with days left', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-tab="certificates"]').click();
  await expect(page.locator('[data-cert-row]').first()).toBeVisible();
  expect(await page.locator('[data-cert-row]').count()).toBeGreaterThanOrEqual(3);
  await page.locator('[data-cert-row] button').first().click();
  await expect(page.locator('.cert-viewer')).toBeVisible();
  await app.shot('05-certificates');
});

test('a zip bundle opens through the file picker', async ({ page }) => {
  const host = HOSTS.find((h) => h.name === 'http-503-apppool-stopped')!;
  const dir = path.join(tmp, host.name);
  await writeBundle(host.spec, dir);
  const zip = path.join(tmp, `${host.name}.zip`);
  await zipFolder(dir, zip);
  const expected = diagnoseJson(zip);
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-input="zip"]').setInputFiles(zip);
  await expect(page.locator('[data-source="bundle"]')).toHaveText(`${host.name}.zip`, {
    timeout: 30_000,
  });
  await app.waitReady();
  for (const s of expected.steps) expect(await app.stepHealth(s.id), s.id).toBe(s.health);
  await app.shot('06-zip-bundle');
});

test('a broken bundle gives a clear error and a way out', async ({ page }) => {
  const bad = path.join(tmp, 'not-a-bundle.zip');
  writeFileSync(bad, 'this is not a zip file at all');
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-input="zip"]').setInputFiles(bad);
  await expect(app.root()).toHaveAttribute('data-app-state', 'error', { timeout: 30_000 });
  await expect(page.locator('[data-error-text]')).toContainText('not-a-bundle.zip');
  await app.shot('07-error');
  await page.getByRole('button', { name: /back to/i }).click();
  await app.waitReady();
});

test('the diagram can be used with the keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const stepButtons = page.locator('button[data-step]');
  const count = await stepButtons.count();
  expect(count).toBe(7);
  await stepButtons.first().focus();
  const seen = new Set<string>();
  for (let i = 0; i < 40 && seen.size < count; i++) {
    const step = await page.evaluate(
      () => document.activeElement?.getAttribute('data-step') ?? null,
    );
    if (step) seen.add(step);
    await page.keyboard.press('Tab');
  }
  expect(seen.size).toBe(7);
  await app.step('ndes-to-ca').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.scope')).toContainText('NDES → issuing CA');
  await app.shot('08-keyboard');
});

test('the API refuses requests without the token', async ({ request }) => {
  const res = await request.post(`${server.origin}/api/invoke/app:info`, { data: null });
  expect(res.status()).toBe(401);
});
