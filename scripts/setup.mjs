// Set-up shared by `npm start` and `npm test` on a fresh clone: installs the npm dependencies when
// they are missing or older than package.json, the Debian packages the tests need (as root), and
// builds. Every command is an argument array; nothing goes through a shell string.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    console.error(`setup: ${cmd} ${args.join(' ')} exited with ${code}`);
    process.exit(code);
  }
}

/** npm dependencies: install when node_modules is missing or older than package.json / the lock. */
export function ensureNodeModules() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const newest = Math.max(
    ...['package.json', 'package-lock.json']
      .map((f) => path.join(ROOT, f))
      .filter(existsSync)
      .map((f) => statSync(f).mtimeMs),
  );
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest) return;
  console.log('setup: installing npm dependencies…');
  // `npm install` (not `npm ci`): it follows the lock file but tolerates the platform-specific
  // optional packages that npm leaves out of a lock written on another platform.
  must('npm', ['install', '--no-audit', '--no-fund']);
}

function has(cmd) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
}

/** Debian packages: `apt-get install` what is missing (needs root; otherwise says what to install). */
export function ensureDebianPackages(packages) {
  const missing = packages.filter(([bin]) => !has(bin)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.warn(`setup: missing Debian packages (install them as root): ${missing.join(' ')}`);
    return;
  }
  console.log(`setup: apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], { env });
  must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

export function build() {
  must('npm', ['run', '--silent', 'build']);
}
