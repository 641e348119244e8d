// Page object: what a person sees and does in the workstation.
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

export const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');

export class AppPage {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.locator('#root');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.root()).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
  }

  step(id: string): Locator {
    return this.page.locator(`[data-step="${id}"]`);
  }

  async stepHealth(id: string): Promise<string | null> {
    return this.step(id).getAttribute('data-health');
  }

  finding(checkId: string): Locator {
    return this.page.locator(`.finding-row[data-check-id="${checkId}"]`);
  }

  detail(): Locator {
    return this.page.locator('.detail');
  }

  async shot(name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }
}
