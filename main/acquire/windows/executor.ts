// The one place that starts processes for live collection: argument arrays (never a shell string),
// stdin closed so nothing can prompt, a timeout, an output cap and cancellation that kill the whole
// process tree (taskkill /T on Windows: a killed powershell.exe would otherwise leave its children).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

/** The Windows programs the collector runs; anything else is not startable through a ToolMap. */
export const TOOL_NAMES = [
  'reg.exe',
  'wevtutil.exe',
  'powershell.exe',
  'netsh.exe',
  'certutil.exe',
  'secedit.exe',
  'setspn.exe',
  'appcmd.exe',
  'taskkill.exe',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Absolute path of each tool. Tests map them to stand-in scripts. */
export type ToolMap = Record<ToolName, string>;

/**
 * The real tools under %SystemRoot%. A 32-bit process on 64-bit Windows must go through Sysnative,
 * or WOW64 file-system redirection hands it the 32-bit tools, which see the 32-bit registry view.
 */
export function defaultToolMap(env: NodeJS.ProcessEnv = process.env): ToolMap {
  const root = env['SystemRoot'] ?? env['windir'] ?? 'C:\\Windows';
  const wow64 = process.arch === 'ia32' && env['PROCESSOR_ARCHITEW6432'] !== undefined;
  const sys = path.win32.join(root, wow64 ? 'Sysnative' : 'System32');
  return {
    'reg.exe': path.win32.join(sys, 'reg.exe'),
    'wevtutil.exe': path.win32.join(sys, 'wevtutil.exe'),
    'powershell.exe': path.win32.join(sys, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    'netsh.exe': path.win32.join(sys, 'netsh.exe'),
    'certutil.exe': path.win32.join(sys, 'certutil.exe'),
    'secedit.exe': path.win32.join(sys, 'secedit.exe'),
    'setspn.exe': path.win32.join(sys, 'setspn.exe'),
    'appcmd.exe': path.win32.join(sys, 'inetsrv', 'appcmd.exe'),
    'taskkill.exe': path.win32.join(sys, 'taskkill.exe'),
  };
}

export interface RunSpec {
  tool: ToolName | { path: string };
  args: string[];
  timeoutMs: number;
  /** Stdout beyond this is not kept: the process is killed and `truncated` set. */
  maxOutputBytes: number;
  /** Stream stdout into this file (memory stays bounded) instead of returning it. */
  stdoutTo?: string;
  cwd?: string;
}

export interface RunResult {
  /** Exit code as Windows reports it (signed 32-bit, like %ERRORLEVEL%); null when killed. */
  exitCode: number | null;
  /** Stdout bytes (empty when `stdoutTo` was given). */
  stdout: Uint8Array;
  /** Stdout bytes kept (in memory or in the file). */
  stdoutBytes: number;
  /** The first 64 KiB of stderr. */
  stderr: Uint8Array;
  timedOut: boolean;
  truncated: boolean;
  cancelled: boolean;
  /** Why the run did not complete normally (not started, timed out, cancelled, capped). */
  error: string | null;
  durationMs: number;
}

const STDERR_CAP = 64 * 1024;
/** After a kill, how long to wait for the pipes to close before giving up on them. */
const KILL_GRACE_MS = 3000;

export class Executor {
  constructor(
    readonly tools: ToolMap,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /**
   * Whether an exit code is the given Win32 error. Windows keeps all 32 bits; POSIX keeps the low
   * 8, which is what a stand-in tool on the Linux test host can return.
   */
  exitIs(code: number | null, win32: number): boolean {
    if (code === null) return false;
    return this.platform === 'win32' ? code === win32 : (code & 0xff) === (win32 & 0xff);
  }

  /** Display name of a tool for messages and manifests. */
  label(tool: RunSpec['tool']): string {
    return typeof tool === 'string' ? tool : path.basename(tool.path);
  }

  run(spec: RunSpec, signal?: AbortSignal): Promise<RunResult> {
    const file = typeof spec.tool === 'string' ? this.tools[spec.tool] : spec.tool.path;
    const label = this.label(spec.tool);
    const started = Date.now();
    const result: RunResult = {
      exitCode: null,
      stdout: new Uint8Array(0),
      stdoutBytes: 0,
      stderr: new Uint8Array(0),
      timedOut: false,
      truncated: false,
      cancelled: false,
      error: null,
      durationMs: 0,
    };
    if (signal?.aborted) {
      result.cancelled = true;
      result.error = 'cancelled';
      return Promise.resolve(result);
    }
    return new Promise<RunResult>((resolve) => {
      const child = spawn(file, spec.args, {
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: spec.cwd,
        // A POSIX process group lets a stand-in's whole tree be killed at once.
        detached: this.platform !== 'win32',
      });
      const out = spec.stdoutTo ? createWriteStream(spec.stdoutTo) : null;
      const chunks: Buffer[] = [];
      const errChunks: Buffer[] = [];
      let errBytes = 0;
      let killed = false;
      let finished = false;
      let graceTimer: NodeJS.Timeout | undefined;

      const kill = (why: string): void => {
        if (killed) return;
        killed = true;
        result.error ??= why;
        this.killTree(child.pid);
        graceTimer = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish(null);
        }, KILL_GRACE_MS);
      };
      const timer = setTimeout(() => {
        result.timedOut = true;
        kill(`${label} timed out after ${Math.round(spec.timeoutMs / 1000)} s`);
      }, spec.timeoutMs);
      const onAbort = (): void => {
        result.cancelled = true;
        kill('cancelled');
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const finish = (code: number | null): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        result.exitCode = killed || code === null ? null : code | 0;
        result.stderr = new Uint8Array(Buffer.concat(errChunks));
        result.durationMs = Date.now() - started;
        if (!out) {
          result.stdout = new Uint8Array(Buffer.concat(chunks));
          resolve(result);
          return;
        }
        out.end(() => resolve(result));
      };

      child.stdout.on('data', (chunk: Buffer) => {
        if (result.truncated) return;
        const room = spec.maxOutputBytes - result.stdoutBytes;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        result.stdoutBytes += part.length;
        if (out) {
          if (!out.write(part)) {
            child.stdout.pause();
            out.once('drain', () => child.stdout.resume());
          }
        } else chunks.push(part);
        if (chunk.length > room) {
          result.truncated = true;
          kill(`${label} printed more than ${spec.maxOutputBytes} bytes: output capped`);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (errBytes >= STDERR_CAP) return;
        const part = chunk.subarray(0, STDERR_CAP - errBytes);
        errBytes += part.length;
        errChunks.push(part);
      });
      out?.on('error', (err) => {
        result.error ??= `cannot write ${spec.stdoutTo}: ${err.message}`;
        kill(result.error);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        result.error ??=
          err.code === 'ENOENT'
            ? `${label} not found (${file})`
            : `${label} could not be started (${file}): ${err.code ?? err.message}`;
        finish(null);
      });
      child.on('close', (code) => finish(code));
    });
  }

  /** Kills a process and everything it started. Failures are ignored: the process may be gone. */
  private killTree(pid: number | undefined): void {
    if (pid === undefined) return;
    if (this.platform === 'win32') {
      const k = spawn(this.tools['taskkill.exe'], ['/T', '/F', '/PID', String(pid)], {
        shell: false,
        windowsHide: true,
        stdio: 'ignore',
      });
      k.on('error', () => {});
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
