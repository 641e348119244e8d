// `npm start`: set-up, then the desktop app where Electron's binary is present or can be fetched,
// otherwise the same app in the browser (and says so). No bundle given: the built-in demo host.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, build, ensureNodeModules } from './setup.mjs';

ensureNodeModules();
build();

const extra = process.argv.slice(2);
const electron = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  cwd: ROOT,
  encoding: 'utf8',
  timeout: 120_000,
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (electron.status === 0 && electron.stdout) {
  console.log('Starting NDES Doctor (desktop app)…');
  const child = spawn(electron.stdout.trim(), ['.', ...extra], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = (electron.stderr || electron.error?.message || 'not available')
    .trim()
    .split('\n')
    .pop();
  console.log(`Electron is not available here (${why}).`);
  console.log('Starting NDES Doctor in browser mode instead: the same app, served on 127.0.0.1.');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.cjs'), 'serve', ...extra], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
