// Elevation: what a non-elevated collection cannot read (so the UI can say what will be missing
// before it starts) and how to start NDES Doctor again elevated (Start-Process -Verb RunAs, which
// shows the UAC prompt). The check itself is host-info.ps1's IsInRole on the Administrators SID.
import type { Executor, RunSpec } from './executor';
import { readHostInfo } from './host-info';
import { composeScript, powershellArgs } from './powershell';
import { windowsQuote } from '../../../shared/fixes/command-line';

export interface ElevationNeed {
  /** Bundle path or folder. */
  artifact: string;
  why: string;
}

/** Artifacts whose sources only Administrators (or SYSTEM) can read. */
export const NEEDS_ELEVATION: ElevationNeed[] = [
  {
    artifact: 'iis/applicationHost.config',
    why: 'the IIS configuration folder is readable by Administrators only; without it the SCEP site, app pool and log folder are unknown',
  },
  { artifact: 'iis/web.config/', why: 'found through applicationHost.config' },
  { artifact: 'iis/logs/', why: 'the IIS log folders are readable by Administrators only' },
  {
    artifact: 'iis/httperr/',
    why: 'HTTP.sys error logs are readable by Administrators and SYSTEM only (KB 820729)',
  },
  {
    artifact: 'commands/appcmd-list-apppool.xml',
    why: 'appcmd reads applicationHost.config',
  },
  { artifact: 'commands/appcmd-list-site.xml', why: 'appcmd reads applicationHost.config' },
  {
    artifact: 'commands/secedit-user-rights.inf',
    why: 'secedit /export needs administrative rights',
  },
  {
    artifact: 'commands/service-account.json',
    why: 'the SCEP pool identity comes from applicationHost.config',
  },
  {
    artifact: 'commands/setspn-L.txt',
    why: 'the SCEP pool identity comes from applicationHost.config',
  },
  {
    artifact: 'certs/index.json',
    why: 'the RA private keys (provider, key file ACL) can be opened by Administrators only',
  },
];

/** True, false, or null when it cannot be told (PowerShell did not run). */
export async function detectElevation(
  exec: Executor,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<boolean | null> {
  const info = await readHostInfo(exec, {
    timeoutMs: opts.timeoutMs ?? 60_000,
    now: new Date(),
    signal: opts.signal,
  });
  return info.elevated;
}

/** One argument quoted for a Windows command line (the same rules the fix commands use). */
export const quoteWindowsArg = windowsQuote;

/** The executor spec that relaunches `exe args…` elevated. */
export function relaunchElevatedArgs(exe: string, args: string[], cwd: string): RunSpec {
  const script = composeScript('relaunch-elevated', {
    FilePath: exe,
    ArgumentList: args.map(quoteWindowsArg).join(' '),
    WorkingDirectory: cwd,
  });
  return {
    tool: 'powershell.exe',
    args: powershellArgs(script),
    timeoutMs: 120_000,
    maxOutputBytes: 64 * 1024,
  };
}

/** Asks Windows to start the app again elevated; false when the admin declined or it failed. */
export async function relaunchElevated(
  exec: Executor,
  exe: string,
  args: string[],
  cwd: string = process.cwd(),
): Promise<boolean> {
  const r = await exec.run(relaunchElevatedArgs(exe, args, cwd));
  return r.exitCode === 0;
}
