// Starts `ndes-doctor serve --no-open` as admins would, and reads the URL from its first line; or
// the stand-in Windows host (standin-server.ts), which prints its URL and stand-in folder as JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { fixtureHost } from '../fixtures/hosts';
import { writeBundle } from '../fixtures/lib/write-bundle';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Served {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs node with `args` and resolves with the first line it prints and a way to stop it. */
async function start(args: string[]): Promise<{ line: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(l.trim()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { line, child };
}

function served(url: string, child: ChildProcess): Served {
  return {
    url,
    origin: new URL(url).origin,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function serve(args: string[] = []): Promise<Served> {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'ndes-e2e-db-')), 'runs.db');
  const { line, child } = await start([
    path.join(REPO, 'bin', 'ndes-doctor.cjs'),
    'serve',
    '--no-open',
    '--db',
    db,
    ...args,
  ]);
  return served(line, child);
}

/**
 * The app on a stand-in Windows NDES server opened on fixture host `broken`. The harness is
 * bundled like the CLI (its PowerShell scripts embedded as text) into test-results.
 */
export async function serveStandinHost(
  broken = 'http-414-httpsys-limits',
): Promise<Served & { standins: string }> {
  // Two levels below the repository, like its source, so it finds node_modules and REPO.
  const outfile = path.join(REPO, 'test-results', 'e2e-harness', 'standin-server.cjs');
  await build({
    entryPoints: [path.join(REPO, 'test', 'e2e', 'standin-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'node-pty'],
    loader: { '.ps1': 'text' },
    logLevel: 'warning',
  });
  const root = mkdtempSync(path.join(tmpdir(), 'ndes-e2e-standin-'));
  const bundle = async (name: string) => {
    const host = fixtureHost(name);
    if (!host) throw new Error(`no fixture host ${name}`);
    await writeBundle(host.spec, path.join(root, name));
    return path.join(root, name);
  };
  const args = [await bundle(broken), await bundle('healthy'), path.join(root, 'runs.db')];
  const { line, child } = await start([outfile, ...args]);
  const { url, standins } = JSON.parse(line) as { url: string; standins: string };
  return { ...served(url, child), standins };
}
