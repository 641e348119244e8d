// How a planned command reads in the preview: the Windows command line CreateProcess would get for
// a tool (quoted by the CommandLineToArgvW rules), or the script call with PowerShell literals.
// Display only: the executor passes argument arrays and -EncodedCommand, never these strings.
import type { FixArg, FixCommand, FixScriptParam } from '../model/fix-plan';

/** What references resolve to in a preview made before the backup folder exists. */
export interface ArgContext {
  /** Absolute backup folder; default `<backup folder>`. */
  backupDir?: string;
  /** Name of this fix's IIS configuration backup; default `ndes-doctor-fix-<id>`. */
  iisBackupName?: string;
  /** Path separator of the host (Windows: `\`). */
  sep?: string;
}

/** An argument quoted for a Windows command line (CommandLineToArgvW / MSVCRT rules). */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    // Backslashes before a quote are doubled, and the quote escaped; elsewhere they are literal.
    out += ch === '"' ? '\\'.repeat(slashes * 2 + 1) + '"' : '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

/** A reference or literal argument as text. */
export function argText(arg: FixArg | FixScriptParam, ctx: ArgContext = {}): string {
  if (typeof arg === 'object' && !Array.isArray(arg)) {
    if ('backupFile' in arg) {
      return `${ctx.backupDir ?? '<backup folder>'}${ctx.sep ?? '\\'}${arg.backupFile}`;
    }
    return ctx.iisBackupName ?? 'ndes-doctor-fix-<id>';
  }
  return Array.isArray(arg) ? arg.join(',') : String(arg);
}

/** A PowerShell literal for display (single quotes, `'` doubled). */
function psText(v: FixScriptParam, ctx: ArgContext): string {
  if (typeof v === 'boolean') return v ? '$true' : '$false';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `@(${v.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')})`;
  return `'${argText(v, ctx).replace(/'/g, "''")}'`;
}

/** The command as one line an admin can read and copy. */
export function commandText(cmd: FixCommand, ctx: ArgContext = {}): string {
  if ('tool' in cmd) {
    return [cmd.tool, ...cmd.args.map((a) => windowsQuote(argText(a, ctx)))].join(' ');
  }
  const params = Object.entries(cmd.params).map(([k, v]) => `-${k} ${psText(v, ctx)}`);
  return [`& ${cmd.powershell}.ps1`, ...params].join(' ');
}
