// Debian's `scepserver` (micromdm/scep) as a real SCEP server for the probe tests: a fresh CA depot
// in a temp dir, listening on a free port, answering GetCACaps before the tests start.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const HAVE_SCEP =
  spawnSync('sh', ['-c', 'command -v scepserver && command -v scepclient'], { stdio: 'ignore' })
    .status === 0;

export const SKIP_MESSAGE =
  'scepserver/scepclient not installed (Debian package "scep"): SCEP server tests skipped';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ScepServer {
  /** `http://127.0.0.1:<port>/scep` */
  url: string;
  depot: string;
  /** DER of the CA certificate the server issues with. */
  caDer: Uint8Array;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`scepserver exited: ${log()}`);
    try {
      const r = await fetch(`${url}?operation=GetCACaps&message=up`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`scepserver did not come up: ${log()}`);
}

/** Starts scepserver with its own CA; `challenge` makes it enforce that password. */
export async function startScepServer(challenge: string | null = 'secret'): Promise<ScepServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ndes-scep-'));
  const depot = path.join(dir, 'depot');
  const init = spawnSync(
    'scepserver',
    ['ca', '-init', '-depot', depot, '-keySize', '2048', '-organization', 'NDES Doctor Test CA'],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`scepserver ca -init failed: ${init.stderr}`);
  const port = await freePort();
  const args = ['-depot', depot, '-port', String(port)];
  if (challenge !== null) args.push('-challenge', challenge);
  const child = spawn('scepserver', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}/scep`;
  try {
    await waitUntilUp(url, child, () => out);
  } catch (e) {
    child.kill();
    throw e;
  }
  const pem = readFileSync(path.join(depot, 'ca.pem'), 'utf8');
  const caDer = new Uint8Array(
    Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'),
  );
  return {
    url,
    depot,
    caDer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve(rmSync(dir, { recursive: true, force: true }));
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill();
      }),
  };
}
