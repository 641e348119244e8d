// Builds the CLI / main-process bundle with esbuild (the renderer is built by Vite).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'main/cli.ts' },
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
console.log('built dist/cli.cjs');
