// Builds the CLI, the Electron main process and the preload with esbuild (the renderer is built
// by Vite). The sandboxed preload can only require 'electron', so it is bundled into one file.
import { build } from 'esbuild';

await build({
  entryPoints: {
    cli: 'main/cli.ts',
    'electron-main': 'main/app/electron-main.ts',
    preload: 'preload/index.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
});
console.log('built dist/cli.cjs, dist/electron-main.cjs, dist/preload.cjs');
