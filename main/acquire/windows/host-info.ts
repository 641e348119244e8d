// The host facts manifest.json carries (names, elevation, UI culture, time zone) from
// host-info.ps1, with Node's own view as a fallback so a broken PowerShell still yields a bundle.
import os from 'node:os';
import type { FallbackEncoding } from '../../../shared/parse/text-decode';
import type { Executor } from './executor';
import { psSpec } from './powershell';
import { parseJson } from './collectors-system';

export interface HostInfo {
  computerName: string;
  dnsHostName?: string;
  domain?: string;
  /** null when it could not be determined. */
  elevated: boolean | null;
  culture?: string;
  timeZone?: string;
  utcOffsetMinutes?: number;
  oemCodePage?: number | null;
  /** Why host-info.ps1 gave nothing, when it did not. */
  error?: string;
}

interface PsHostInfo {
  ComputerName?: string;
  DnsHostName?: string;
  Domain?: string;
  Elevated?: boolean;
  Culture?: string;
  TimeZone?: string;
  UtcOffsetMinutes?: number;
  OemCodePage?: number | null;
}

function fallback(now: Date, error: string): HostInfo {
  return {
    computerName: os.hostname().split('.')[0]?.toUpperCase() ?? 'UNKNOWN',
    elevated: null,
    culture: Intl.DateTimeFormat().resolvedOptions().locale,
    utcOffsetMinutes: -now.getTimezoneOffset(),
    error,
  };
}

export async function readHostInfo(
  exec: Executor,
  opts: { timeoutMs: number; now: Date; signal?: AbortSignal },
): Promise<HostInfo> {
  const r = await exec.run(
    psSpec('host-info', {}, { timeoutMs: opts.timeoutMs, maxOutputBytes: 1024 * 1024 }),
    opts.signal,
  );
  const v = r.exitCode === 0 ? parseJson<PsHostInfo>(r.stdout) : null;
  if (!v || typeof v.ComputerName !== 'string') {
    return fallback(opts.now, r.error ?? `host-info.ps1 exited with ${r.exitCode}`);
  }
  return {
    computerName: v.ComputerName,
    ...(v.DnsHostName ? { dnsHostName: v.DnsHostName } : {}),
    ...(v.Domain ? { domain: v.Domain } : {}),
    elevated: typeof v.Elevated === 'boolean' ? v.Elevated : null,
    ...(v.Culture ? { culture: v.Culture } : {}),
    ...(v.TimeZone ? { timeZone: v.TimeZone } : {}),
    ...(typeof v.UtcOffsetMinutes === 'number' ? { utcOffsetMinutes: v.UtcOffsetMinutes } : {}),
    oemCodePage: v.OemCodePage ?? null,
  };
}

/** The decoder for console tools' messages (cmd's OEM code page). */
export function oemEncoding(codePage: number | null | undefined): FallbackEncoding {
  if (codePage === 850) return 'cp850';
  if (codePage === 437 || codePage === null || codePage === undefined) return 'cp437';
  return 'windows-1252';
}
