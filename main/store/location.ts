// Where the run history lives by default: the per-user, per-machine application data folder, so
// history survives app updates and is not roamed to other machines (it can be large).
import os from 'node:os';
import path from 'node:path';

/** File name of the run history database. */
export const DB_FILE_NAME = 'runs.db';

/**
 * Default database path: `$NDES_DOCTOR_DB` when set (tests, portable installs), else on Windows
 * `%LOCALAPPDATA%\NDES Doctor\runs.db`, else `$XDG_DATA_HOME/ndes-doctor/runs.db` or
 * `~/.local/share/ndes-doctor/runs.db` (XDG Base Directory specification).
 */
export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env['NDES_DOCTOR_DB'];
  if (override) return path.resolve(override);
  const home = os.homedir();
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'] || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'NDES Doctor', DB_FILE_NAME);
  }
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share');
  return path.join(base, 'ndes-doctor', DB_FILE_NAME);
}
