// Measuring helpers: wall time and peak RSS of a child process (GNU time), and a pipeline of
// processes connected without a shell.
import { spawn, spawnSync } from 'node:child_process';

export interface Measured {
  wallS: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
}

/** Runs a command under /usr/bin/time -f to read its peak RSS; stdout optionally discarded. */
export function timed(
  cmd: string,
  args: string[],
  opts: { keepStdout?: boolean; cwd?: string } = {},
): Measured {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS_KB=%M', cmd, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return {
    wallS,
    maxRssMb: m ? Number(m[1]) / 1024 : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
  };
}

/** `cat files… | wc -l`, wired with pipes (no shell). */
export async function catWc(files: string[]): Promise<{ wallS: number; lines: number }> {
  const t0 = process.hrtime.bigint();
  const cat = spawn('cat', files, { stdio: ['ignore', 'pipe', 'inherit'] });
  // cat's pipe is handed to wc directly, as a shell pipeline would: no bytes pass through Node.
  const wc = spawn('wc', ['-l'], { stdio: [cat.stdout, 'pipe', 'inherit'] });
  let out = '';
  wc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((res) => wc.on('close', () => res()));
  return { wallS: Number(process.hrtime.bigint() - t0) / 1e9, lines: Number(out.trim()) };
}

export function has(cmd: string): boolean {
  return spawnSync('which', [cmd], { stdio: 'ignore' }).status === 0;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
