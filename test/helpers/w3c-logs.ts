// IIS and HTTPERR log evidence for rule tests, built by feeding W3C lines through the real
// accumulators (as the bundle reader does), plus the snapshot's list of unreadable files.
import type { Ev, LogAvailability } from '../../shared/model';
import { HttpErrAccumulator, IisLogAccumulator } from '../../shared/parse/iis-log-summary';
import type { HttpErrSummary, IisLogSummary } from '../../shared/parse/iis-log-summary';
import { COLLECTED_AT, NOW_MS, ok } from './snapshot';

export type Unavailable = LogAvailability['unavailable'];

export const IIS_HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2026-11-19 00:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
];

export const HTTPERR_HEADER = [
  '#Software: Microsoft HTTP API 2.0',
  '#Version: 1.0',
  '#Date: 2026-11-19 00:00:00',
  '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code',
];

export const UA = {
  ios: 'profiled/1.0+CFNetwork/811.5.4+Darwin/16.6.0',
  android: 'Dalvik/2.1.0+(Linux;+U;+Android+5.0;+P01M+Build/LRX21V)',
  windows: 'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
  probe: 'NDES-Doctor-Probe/1',
  browser: 'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)',
} as const;

/** `date time` of a moment `agoMs` before collection, as W3C logs write it (UTC). */
export function w3cWhen(agoMs: number): string {
  const iso = new Date(NOW_MS - agoMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** One IIS row in the default layout; `result` is `sc-status sc-substatus sc-win32-status`. */
export function iisRow(
  agoMs: number,
  query: string,
  ua: string,
  result: string,
  stem = '/certsrv/mscep/mscep.dll',
): string {
  return `${w3cWhen(agoMs)} 10.0.0.5 GET ${stem} ${query} 443 - 10.0.0.9 ${ua} - ${result} 31`;
}

/** One HTTPERR row (Windows Server 2016+ layout). */
export function httpErrRow(agoMs: number, uri: string, status: number, reason: string): string {
  return `${w3cWhen(agoMs)} 10.0.0.9 50123 10.0.0.5 443 HTTP/1.1 GET ${uri} - - ${status} - ${reason} - TCP - -`;
}

/** IIS logs as the snapshot holds them: files (path → lines) through IisLogAccumulator. */
export function iisLogs(
  files: Record<string, readonly string[]>,
  unavailable: Unavailable = [],
): Ev<IisLogSummary & LogAvailability> {
  const acc = new IisLogAccumulator({ collectedAt: COLLECTED_AT });
  for (const [path, lines] of Object.entries(files)) {
    acc.startFile(path);
    lines.forEach((l, i) => acc.line(l, i + 1));
    acc.endFile();
  }
  return ok({ ...acc.result(), unavailable }, 'iis/logs/');
}

/** HTTPERR logs as the snapshot holds them, through HttpErrAccumulator. */
export function httpErrLogs(
  files: Record<string, readonly string[]>,
  unavailable: Unavailable = [],
): Ev<HttpErrSummary & LogAvailability> {
  const acc = new HttpErrAccumulator({ collectedAt: COLLECTED_AT });
  for (const [path, lines] of Object.entries(files)) {
    acc.startFile(path);
    lines.forEach((l, i) => acc.line(l, i + 1));
    acc.endFile();
  }
  return ok({ ...acc.result(), unavailable }, 'iis/httperr/');
}
