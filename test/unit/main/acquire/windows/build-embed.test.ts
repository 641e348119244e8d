// The .ps1 scripts reach the shipped CLI/app: bundled by esbuild the way scripts/build.mjs does it
// (loader '.ps1': 'text', which ignores the `?raw` suffix vitest needs), the module exposes the
// same texts vitest sees.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { SCRIPTS } from '../../../../../main/acquire/windows/powershell';
import { REPO } from '../../../../helpers/paths';

describe('embedding the PowerShell scripts', () => {
  it('scripts/build.mjs gives esbuild the .ps1 text loader', () => {
    expect(readFileSync(path.join(REPO, 'scripts', 'build.mjs'), 'utf8')).toContain(
      "loader: { '.ps1': 'text' }",
    );
  });

  it('an esbuild bundle carries the same script texts', async () => {
    const entry = path.join(REPO, 'main', 'acquire', 'windows', 'powershell.ts');
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      loader: { '.ps1': 'text' },
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const mod: { exports: { SCRIPTS?: Record<string, string> } } = { exports: {} };
    new Function('module', 'exports', 'require', code)(mod, mod.exports, createRequire(entry));
    expect(mod.exports.SCRIPTS).toEqual(SCRIPTS);
    expect(mod.exports.SCRIPTS?.['certificates']).toContain('# ndes-doctor-script: certificates');
  });
});
