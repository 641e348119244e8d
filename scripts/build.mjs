// Builds the CLI, the Electron main process and the preload with esbuild (the renderer is built
// by Vite). The sandboxed preload can only require 'electron', so it is bundled into one file.
import { build } from 'esbuild';

await build({
  entryPoints: {
    cli: 'main/cli.ts',
    'electron-main': 'main/app/electron-main.ts',
    preload: 'preload/index.ts',
    'log-worker': 'main/analysis/log-worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Smaller bundles start faster: the CLI is started once per command.
  minify: true,
  keepNames: true,
  external: ['electron', 'better-sqlite3', 'node-pty'],
  // The live collector's PowerShell scripts (main/acquire/windows/scripts/*.ps1) are embedded as text.
  loader: { '.ps1': 'text' },
  logLevel: 'warning',
});
console.log('built dist/cli.cjs, dist/electron-main.cjs, dist/preload.cjs');

// The renderer (React) with Vite, into dist/renderer.
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built dist/renderer');

// The built-in demo host that `npm start` opens, written by the fixture generator.
const { spawnSync } = await import('node:child_process');
const demo = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'test/fixtures/generate.ts', '--demo', 'dist/demo-bundle'],
  { stdio: 'inherit' },
);
if (demo.status !== 0) {
  console.error('build: writing the demo bundle failed');
  process.exit(demo.status ?? 1);
}
console.log('built dist/demo-bundle');
