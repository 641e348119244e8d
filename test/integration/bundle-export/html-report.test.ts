// The exported report.html opened the way a recipient opens it: a local file in a browser (Debian
// Chromium, headless), with no script, no network, the flow diagram, every finding and a print
// layout. The screenshot goes to test-results/screenshots/report-html.png.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { fixtureHost } from '../../fixtures/hosts';
import { writeBundle } from '../../fixtures/lib/write-bundle';
import { openBundle } from '../../../main/acquire/bundle/reader';
import { exportBundle } from '../../../main/acquire/bundle/export';
import { RULES } from '../../../shared/rules';
import { STEP_IDS } from '../../../shared/model';
import { REPO } from '../../helpers/paths';

const CHROMIUM = '/usr/bin/chromium';
const root = mkdtempSync(path.join(tmpdir(), 'report-html-'));
const htmlFile = path.join(root, 'report.html');
const shots = path.join(REPO, 'test-results', 'screenshots');

beforeAll(async () => {
  const host = fixtureHost('http-500-impersonation')!;
  const dir = path.join(root, host.name);
  await writeBundle(host.spec, dir);
  const b = await openBundle(dir);
  const res = await exportBundle({
    source: b,
    out: path.join(root, 'support.zip'),
    redact: 'pseudonymize',
  });
  await b.close();
  const z = await openBundle(res.out);
  writeFileSync(htmlFile, await z.read('report/report.html'));
  await z.close();
}, 120_000);

describe.skipIf(!existsSync(CHROMIUM))('report.html in Chromium', () => {
  it('renders offline with the flow, every finding, and prints', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1700 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const url = pathToFileURL(htmlFile).href;
      await page.goto(url);

      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(await page.title()).toBe('NDES Doctor report — host-1.domain-1.example');
      expect(await page.locator('article.finding').count()).toBe(RULES.length);
      const svgSteps = await page
        .locator('svg.flow-svg [data-step]')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-step')}=${e.getAttribute('data-health')}`),
        );
      expect(svgSteps.map((s) => s.split('=')[0]).sort()).toEqual([...STEP_IDS].sort());
      expect(svgSteps).toContain('device-to-ndes=fail');
      expect(await page.locator('svg.flow-svg').boundingBox()).toMatchObject({
        width: expect.any(Number),
      });
      const failing = page.locator('article.finding[data-status="fail"]');
      expect(await failing.count()).toBeGreaterThan(0);
      expect(await page.locator('#mscep-impersonation-500 .evidence').count()).toBe(1);
      expect(await page.locator('body').innerText()).not.toMatch(/ndes01|contoso\.com|svc-ndes/i);

      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'report-html.png') });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
