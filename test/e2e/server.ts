// Starts `ndes-doctor serve --no-open` as admins would, and reads the URL from its first line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Served {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function serve(args: string[] = []): Promise<Served> {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'ndes-e2e-db-')), 'runs.db');
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin', 'ndes-doctor.cjs'), 'serve', '--no-open', '--db', db, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
