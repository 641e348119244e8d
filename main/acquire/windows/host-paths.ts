// Windows paths as the host spells them (applicationHost.config says %SystemDrive%\inetpub\…, HTTP.sys
// accepts \SystemRoot\…) turned into paths this process can open. On Windows that is environment
// expansion only; tests map drive letters onto a folder so the same code runs on Linux.
import path from 'node:path';

export interface HostPaths {
  /** Expands %VAR% (case-insensitively, unknown ones left as they are) and `\SystemRoot`. */
  expand(winPath: string): string;
  /** The local path to open for an expanded Windows path. */
  local(winPath: string): string;
  /** Joins Windows path segments with backslashes. */
  join(...parts: string[]): string;
}

/** The environment variables the collector expands. */
export interface HostEnv {
  SystemRoot: string;
  SystemDrive: string;
  ProgramFiles: string;
  ProgramData: string;
  [name: string]: string;
}

export function hostEnvFromProcess(env: NodeJS.ProcessEnv = process.env): HostEnv {
  const pick = (k: string): string | undefined => {
    const key = Object.keys(env).find((e) => e.toLowerCase() === k.toLowerCase());
    return key === undefined ? undefined : env[key];
  };
  const systemRoot = pick('SystemRoot') ?? pick('windir') ?? 'C:\\Windows';
  const systemDrive = pick('SystemDrive') ?? systemRoot.slice(0, 2);
  const out: HostEnv = {
    SystemRoot: systemRoot,
    windir: pick('windir') ?? systemRoot,
    SystemDrive: systemDrive,
    ProgramFiles: pick('ProgramW6432') ?? pick('ProgramFiles') ?? `${systemDrive}\\Program Files`,
    ProgramData: pick('ProgramData') ?? `${systemDrive}\\ProgramData`,
  };
  return out;
}

function expandWith(env: HostEnv, winPath: string): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  const expanded = winPath.replace(/%([^%\\/]+)%/g, (m, name: string) => {
    return lower.get(name.toLowerCase()) ?? m;
  });
  // HTTP.sys's ErrorLoggingDir may start with \SystemRoot (the kernel's name for %SystemRoot%).
  return expanded.replace(/^\\systemroot(?=\\|$)/i, env.SystemRoot);
}

/** Paths of the Windows host this process runs on. */
export function windowsHostPaths(env: HostEnv = hostEnvFromProcess()): HostPaths {
  return {
    expand: (p) => expandWith(env, p),
    local: (p) => expandWith(env, p),
    join: (...parts) => path.win32.join(...parts),
  };
}

/**
 * A Windows host laid out under `root` on a POSIX file system: `C:\Windows\System32` is
 * `<root>/c/windows/system32`. Lower-cased, because Windows paths are case-insensitive and
 * applicationHost.config mixes `System32` and `system32`.
 */
export function mappedHostPaths(root: string, env: HostEnv): HostPaths {
  return {
    expand: (p) => expandWith(env, p),
    local: (p) => {
      const w = expandWith(env, p);
      const m = /^([A-Za-z]):(.*)$/.exec(w);
      if (!m) throw new Error(`not an absolute Windows path: ${w}`);
      const rest = (m[2] ?? '')
        .split(/[\\/]+/)
        .filter((s) => s !== '')
        .map((s) => s.toLowerCase());
      return path.join(root, (m[1] ?? 'c').toLowerCase(), ...rest);
    },
    join: (...parts) => path.win32.join(...parts),
  };
}
