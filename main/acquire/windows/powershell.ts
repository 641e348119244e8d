// Runs the collector's PowerShell scripts (scripts/*.ps1, Windows PowerShell 5.1) as
// `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <base64 of
// UTF-16LE>`: no quoting through cmd, no profile, no prompt. Parameters are prepended as
// single-quoted literals, so no value is ever parsed as code.
import type { RunSpec } from './executor';
import common from './scripts/common.ps1?raw';
import certificates from './scripts/certificates.ps1?raw';
import computer from './scripts/computer.ps1?raw';
import hostInfo from './scripts/host-info.ps1?raw';
import installedProducts from './scripts/installed-products.ps1?raw';
import localGroups from './scripts/local-groups.ps1?raw';
import os from './scripts/os.ps1?raw';
import registryKeys from './scripts/registry-keys.ps1?raw';
import relaunchElevated from './scripts/relaunch-elevated.ps1?raw';
import serviceAccount from './scripts/service-account.ps1?raw';
import services from './scripts/services.ps1?raw';
import templateOids from './scripts/template-oids.ps1?raw';
import windowsFeatures from './scripts/windows-features.ps1?raw';

/** The script texts by name (file name without .ps1), as embedded at build time. */
export const SCRIPTS = {
  common,
  certificates,
  computer,
  'host-info': hostInfo,
  'installed-products': installedProducts,
  'local-groups': localGroups,
  os,
  'registry-keys': registryKeys,
  'relaunch-elevated': relaunchElevated,
  'service-account': serviceAccount,
  services,
  'template-oids': templateOids,
  'windows-features': windowsFeatures,
} as const;
export type ScriptName = Exclude<keyof typeof SCRIPTS, 'common'>;

export type PsParam = string | number | boolean | string[];

/** CreateProcess refuses command lines longer than 32767 characters. */
export const MAX_COMMAND_LINE = 32_767;

/** A PowerShell literal for a parameter value: single quotes, where only `'` needs doubling. */
export function psLiteral(v: PsParam): string {
  if (typeof v === 'boolean') return v ? '$true' : '$false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  const quote = (s: string): string => {
    // Newlines would not break out of the quotes, but no collector value has one.
    if (/[\0\r\n]/.test(s)) throw new Error('parameter value contains a control character');
    return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
  };
  return Array.isArray(v) ? `@(${v.map(quote).join(', ')})` : quote(v);
}

/**
 * Drops comment-only lines, blank lines and indentation: the encoded command must fit the
 * 32767-character command line, and base64 of UTF-16LE takes 8/3 characters per character.
 * The scripts use no here-strings or block comments, so this changes no statement.
 */
export function compactScript(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && (!l.startsWith('#') || l.startsWith('# ndes-doctor-script:')))
    .join('\r\n');
}

/** Parameters, then the common prelude, then the script. */
export function composeScript(name: ScriptName, params: Record<string, PsParam> = {}): string {
  const lines = Object.entries(params).map(([k, v]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new Error(`bad parameter name ${k}`);
    return `$${k} = ${psLiteral(v)}`;
  });
  return [...lines, compactScript(SCRIPTS.common), compactScript(SCRIPTS[name])].join('\r\n');
}

/** `-EncodedCommand` takes base64 of the UTF-16LE script text. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function decodeCommand(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

/** The argument array for one script (after the powershell.exe path). */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    encodeCommand(script),
  ];
}

/** An executor spec that runs a named script. */
export function psSpec(
  name: ScriptName,
  params: Record<string, PsParam>,
  limits: { timeoutMs: number; maxOutputBytes: number; stdoutTo?: string },
): RunSpec {
  return { tool: 'powershell.exe', args: powershellArgs(composeScript(name, params)), ...limits };
}

const XML_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Stderr of `powershell.exe -EncodedCommand` with redirected output is a CLIXML document
 * (`#< CLIXML <Objs…><S S="Error">…</S>`) with `_x000D__x000A_` escapes; this returns its error
 * text, or the input unchanged when it is plain text.
 */
export function psErrorText(stderr: string): string {
  const start = stderr.indexOf('#< CLIXML');
  if (start < 0) return stderr.trim();
  const parts: string[] = [];
  for (const m of stderr.slice(start).matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)) {
    parts.push(
      (m[1] ?? '')
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_x, hex: string) =>
          String.fromCharCode(parseInt(hex, 16)),
        )
        .replace(/&(lt|gt|amp|quot|apos);/g, (_e, n: string) => XML_ENTITIES[n] ?? ''),
    );
  }
  const before = stderr.slice(0, start).trim();
  return [before, parts.join('').trim()].filter((s) => s !== '').join('\n');
}
