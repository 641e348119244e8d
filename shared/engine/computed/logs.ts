// Log-scan helpers for the IIS / HTTPERR traffic rules (CHECKS.md §3.0 "log-scan rule"): a finding
// decides, but "no finding" is a pass only when every file overlapping the window could be read, so
// the rules need to know which files cover the window and which were error/skipped/unparseable.
import type {
  ArtifactEvidence,
  CheckOutcome,
  Decoded,
  Ev,
  LogAvailability,
  LogLinesEvidence,
  TableEvidence,
} from '../../model';
import type {
  HttpErrGroup,
  HttpErrSummary,
  IisLogSummary,
  LineRef,
  LogFileInfo,
  RequestGroup,
} from '../../parse/iis-log-summary';
import { decodeIisStatus } from '../../decode/iis-status';
import type { IisContext } from '../../decode/iis-status';
import { decodeHttpErrReason } from '../../decode/httperr-reason';
import { fill } from './text';

export type UnavailableLog = LogAvailability['unavailable'][number];

/** What a log set lets a rule conclude when it holds no finding. */
export interface LogCoverage {
  /** Readable files that overlap the window. */
  covering: string[];
  /** Files overlapping the window that could not be read; the whole set when it is unusable. */
  unavailable: UnavailableLog[];
}

const DAY_MS = 86_400_000;

/**
 * UTC span named by an IIS log file (`u_exYYMMDD`, hourly `u_exYYMMDDHH`, monthly `u_exYYMM`;
 * IIS rolls W3C logs over on UTC by default); null when the name carries no date. Weekly names
 * (`u_exYYMMWW`) read as a day.
 */
export function iisFileSpan(path: string): { fromMs: number; toMs: number } | null {
  const m = /(?:^|[\\/])u?_?ex(\d{4}|\d{6}|\d{8})\.log$/i.exec(path);
  const d = m?.[1];
  if (!d) return null;
  const y = 2000 + Number(d.slice(0, 2));
  const mo = Number(d.slice(2, 4)) - 1;
  if (d.length === 4) return { fromMs: Date.UTC(y, mo, 1), toMs: Date.UTC(y, mo + 1, 1) };
  const day = Date.UTC(y, mo, Number(d.slice(4, 6)));
  if (d.length === 6) return { fromMs: day, toMs: day + DAY_MS };
  const hour = day + Number(d.slice(6, 8)) * 3_600_000;
  return { fromMs: hour, toMs: hour + 3_600_000 };
}

function nameOverlaps(path: string, fromMs: number, toMs: number): boolean | null {
  const span = iisFileSpan(path);
  return span ? span.fromMs <= toMs && span.toMs > fromMs : null;
}

function unusable(ev: Ev<unknown>): LogCoverage {
  return {
    covering: [],
    unavailable: [{ path: ev.path, state: ev.state, error: ev.error ?? null }],
  };
}

/**
 * Coverage of the IIS logs: a readable file covers the window when it holds in-window rows (or,
 * with no rows, when its name dates it inside); an unreadable one counts unless its name dates
 * it outside the window. `absent` (no log folder) covers nothing.
 */
export function iisCoverage(
  ev: Ev<IisLogSummary & LogAvailability>,
  fromMs: number,
  toMs: number,
): LogCoverage {
  if (ev.state === 'absent') return { covering: [], unavailable: [] };
  if (ev.state !== 'ok' || !ev.value) return unusable(ev);
  const bad = new Set(ev.value.unavailable.map((u) => u.path));
  const covers = (f: LogFileInfo) =>
    f.inWindow > 0 || (f.records === 0 && nameOverlaps(f.path, fromMs, toMs) === true);
  return {
    covering: ev.value.files.filter((f) => !bad.has(f.path) && covers(f)).map((f) => f.path),
    unavailable: ev.value.unavailable.filter((u) => nameOverlaps(u.path, fromMs, toMs) !== false),
  };
}

/** Coverage of the HTTPERR logs: their names carry no date, so every collected file counts. */
export function httpErrCoverage(ev: Ev<HttpErrSummary & LogAvailability>): LogCoverage {
  if (ev.state === 'absent') return { covering: [], unavailable: [] };
  if (ev.state !== 'ok' || !ev.value) return unusable(ev);
  const bad = new Set(ev.value.unavailable.map((u) => u.path));
  return {
    covering: ev.value.files.filter((f) => !bad.has(f.path)).map((f) => f.path),
    unavailable: ev.value.unavailable,
  };
}

/** The unreadable files as artifact evidence. */
export function unavailableEvidence(list: readonly UnavailableLog[]): ArtifactEvidence[] {
  return list.map((u) => ({
    kind: 'artifact',
    file: u.path,
    state: u.state,
    ...(u.error ? { error: u.error } : {}),
  }));
}

/**
 * The log-scan rule's answer when a rule found nothing: null (= pass) when every overlapping file
 * was read and `main` has at least one file covering the window; otherwise an `unknown` outcome
 * (`unavailable` is filled with `{files}`).
 */
export function scanGap(
  main: LogCoverage,
  strings: { unavailable: string; noLogs: string },
  others: readonly LogCoverage[] = [],
): CheckOutcome | null {
  const missing = [main, ...others].flatMap((c) => c.unavailable);
  if (missing.length > 0) {
    return {
      status: 'unknown',
      summary: fill(strings.unavailable, { files: fileNames(missing) }),
      evidence: unavailableEvidence(missing),
    };
  }
  if (main.covering.length === 0) return { status: 'unknown', summary: strings.noLogs };
  return null;
}

/** File names for a summary sentence. */
export function fileNames(list: readonly { path: string }[]): string {
  return list.map((u) => u.path).join(', ');
}

/** Request groups on `/certsrv/mscep/` (the accumulator already left the collector probe out). */
export function mscepGroups(ev: Ev<IisLogSummary & LogAvailability>): RequestGroup[] {
  return ev.state === 'ok' && ev.value ? ev.value.groups.filter((g) => g.path === 'mscep') : [];
}

/** `status.substatus.win32` as IIS writes it, `-` for a missing value. */
export function iisCode(g: Pick<RequestGroup, 'status' | 'substatus' | 'win32'>): string {
  return [g.status, g.substatus, g.win32].map((n) => (n < 0 ? '-' : String(n))).join('.');
}

/** Sample lines of a group, one logLines item per file; `total` = rows in the group. */
export function sampleEvidence(
  samples: readonly LineRef[],
  total: number,
  caption: string,
): LogLinesEvidence[] {
  const byFile = new Map<string, { line: number; text: string }[]>();
  for (const s of samples) {
    const lines = byFile.get(s.file) ?? [];
    if (!lines.some((l) => l.line === s.line)) lines.push({ line: s.line, text: s.text });
    byFile.set(s.file, lines);
  }
  return [...byFile].map(([file, lines]) => ({ kind: 'logLines', file, lines, total, caption }));
}

/** Request groups as a table: result × method × operation × platform, with counts. */
export function requestTable(caption: string, groups: readonly RequestGroup[]): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Status', 'Method', 'Operation', 'Platform', 'Count', 'First', 'Last'],
    rows: groups.map((g) => [
      iisCode(g),
      g.method,
      g.operation || '-',
      g.platform,
      String(g.count),
      g.first,
      g.last,
    ]),
  };
}

/** HTTPERR groups as a table. */
export function httpErrTable(caption: string, groups: readonly HttpErrGroup[]): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Reason', 'Status', 'URI', 'Count', 'First', 'Last'],
    rows: groups.map((g) => [
      g.reason || '-',
      g.status === null ? '-' : String(g.status),
      g.uriClass,
      String(g.count),
      g.first,
      g.last,
    ]),
  };
}

/** §4.1 meanings of the distinct results of the groups (unlisted results are left out). */
export function iisDecoded(
  groups: readonly RequestGroup[],
  context: IisContext = 'mscep',
): Decoded[] {
  const out = new Map<string, Decoded>();
  for (const g of groups) {
    const d = decodeIisStatus(g.status, g.substatus, g.win32, context);
    if (!d || out.has(d.raw)) continue;
    out.set(d.raw, {
      raw: d.raw,
      meaning: d.meaning,
      ...(d.checkId ? { checkId: d.checkId } : {}),
    });
  }
  return [...out.values()];
}

/** §4.2 meanings of the distinct HTTPERR reasons of the groups. */
export function httpErrDecoded(groups: readonly HttpErrGroup[]): Decoded[] {
  const out = new Map<string, Decoded>();
  for (const g of groups) {
    const d = g.reason ? decodeHttpErrReason(g.reason) : null;
    if (!d || out.has(d.reason.toLowerCase())) continue;
    out.set(d.reason.toLowerCase(), {
      raw: d.reason,
      meaning: d.meaning,
      ...(d.checkId ? { checkId: d.checkId } : {}),
    });
  }
  return [...out.values()];
}
