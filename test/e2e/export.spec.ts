// Support bundles from the app: export (redacted) downloads a zip that verifies and opens again
// with the same check statuses; a bundle whose files do not match its manifest is reported.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, REPO, type Served } from './server';
import { AppPage } from './pages/app';
import { writeBundle } from '../fixtures/lib/write-bundle';
import { HOSTS } from '../fixtures/hosts';

let server: Served;
const tmp = mkdtempSync(path.join(tmpdir(), 'ndes-e2e-export-'));
const CLI = path.join(REPO, 'bin', 'ndes-doctor.cjs');

function statuses(bundle: string): string[] {
  const r = spawnSync(
    process.execPath,
    [CLI, 'diagnose', '--bundle', bundle, '--json', '--no-store'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return (JSON.parse(r.stdout) as { findings: { checkId: string; status: string }[] }).findings.map(
    (f) => `${f.checkId}=${f.status}`,
  );
}

test.beforeAll(async () => {
  server = await serve();
});
test.afterAll(async () => {
  await server.stop();
});

test('the demo host exports as a pseudonymized support bundle', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-action="export"]').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await app.shot('12-export');
  const download = page.waitForEvent('download');
  await page.locator('[data-action="export-start"]').click();
  const file = path.join(tmp, 'exported.zip');
  await (await download).saveAs(file);
  await expect(page.locator('[data-export-result]')).toBeVisible();
  const verify = spawnSync(process.execPath, [CLI, 'bundle', 'verify', file], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(statuses(file)).toEqual(statuses(path.join(REPO, 'dist', 'demo-bundle')));
  const zipText = readFileSync(file).toString('latin1');
  expect(zipText).not.toContain('ndes-prd-01');
});

test('a bundle that does not match its manifest is reported', async ({ page }) => {
  const host = HOSTS.find((h) => h.name === 'healthy')!;
  const dir = path.join(tmp, 'tampered');
  await writeBundle(host.spec, dir);
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts: { path: string; sha256?: string }[];
  };
  const target = manifest.artifacts.find((a) => a.path === 'commands/os.json')!;
  target.sha256 = '0'.repeat(64);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const app = new AppPage(page);
  await app.open(server.url);
  await page.locator('[data-input="folder"]').setInputFiles(dir);
  await expect(page.locator('[data-integrity="mismatch"]')).toContainText('commands/os.json', {
    timeout: 30_000,
  });
});
