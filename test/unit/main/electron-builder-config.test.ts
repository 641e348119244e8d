import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml and the validator come with electron-builder (no types of their own).
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(
    config: unknown,
    logger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

interface Config {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asar?: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: { target: string; arch: string[] }[]; requestedExecutionLevel: string };
  nsis: Record<string, unknown>;
}

const ROOT = path.resolve(__dirname, '../../..');
const load = () =>
  yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const logger = { isEnabled: false, add() {} };

describe('electron-builder.yml', () => {
  it("passes electron-builder 26's own schema validation", async () => {
    await expect(validateConfiguration(load(), logger)).resolves.toBeUndefined();
  });

  it('would be refused with a misspelled key (the validator is strict)', async () => {
    const config = load();
    config.electronFuses.runAsNodee = false;
    await expect(validateConfiguration(config, logger)).rejects.toThrow(/electronFuses/);
  });

  it('flips the security fuses', () => {
    expect(load().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into an asar, unpacking native modules and the log worker script only', () => {
    const c = load();
    expect(c.asar).not.toBe(false);
    expect(c.asarUnpack).toEqual([
      '**/*.node',
      'node_modules/better-sqlite3/**',
      'node_modules/node-pty/**',
      'dist/log-worker.cjs',
    ]);
  });

  it('ships the build and package.json only, with the demo bundle as a resource', () => {
    const c = load();
    expect(c.files.filter((f) => !f.startsWith('!'))).toEqual(['dist/**', 'package.json']);
    expect(c.extraResources).toEqual([{ from: 'dist/demo-bundle', to: 'demo-bundle' }]);
    expect(c.directories.output).toBe('release');
  });

  it('builds a per-machine x64 NSIS installer that runs elevated', () => {
    const c = load();
    expect(c.appId).toBe('com.ndesdoctor.app');
    expect(c.productName).toBe('NDES Doctor');
    expect(c.win.requestedExecutionLevel).toBe('requireAdministrator');
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(c.nsis).toMatchObject({
      artifactName: 'NDES-Doctor-Setup-${version}-x64.${ext}',
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
    });
  });
});
