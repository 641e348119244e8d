// Summarises IIS W3C logs for the traffic checks (mscep-traffic-errors, mscep-impersonation-500,
// mscep-long-url-rejected, mscep-no-device-traffic, connector-notify-failures): counts per
// status × operation × platform instead of lines, so a gigabyte of logs fits in a few megabytes.

import { classifyUserAgent, PROBE_WINDOW_MS } from '../decode/user-agent';
import type { Platform } from '../decode/user-agent';
import { detach, FileTracker, SampleSet, windowOf } from './log-file-info';
import type { LineRef, LogFileInfo } from './log-file-info';
import { IIS_DEFAULT_FIELDS, W3cLineParser } from './w3c-log';
import { leadingValues, queryParam, w3cTime, w3cUint, w3cValue } from './w3c-values';

export type { LineRef, LogFileInfo } from './log-file-info';
export { HttpErrAccumulator } from './httperr-log';
export type { HttpErrGroup, HttpErrSummary } from './httperr-log';

export type NdesPath = 'mscep' | 'crp-verify' | 'crp-notify' | 'crp-other';

/** Identical requests, counted. Numbers are -1 when the row has no usable value. */
export interface RequestGroup {
  path: NdesPath;
  method: string;
  /** `GetCACert`, `GetCACaps`, `PKIOperation`, … as sent (known names in canonical case); '' for none. */
  operation: string;
  status: number;
  substatus: number;
  /** Unsigned 32-bit, may exceed 2^31 (2148204809 = 0x800B0109). */
  win32: number;
  platform: Platform;
  count: number;
  /** UTC ISO of the earliest / latest row. */
  first: string;
  last: string;
  /** First three rows and the latest one. */
  samples: LineRef[];
}

export interface IisLogSummary {
  window: { from: string; to: string };
  files: LogFileInfo[];
  /** Largest count first. */
  groups: RequestGroup[];
  /** Collector probe rows (CHECKS.md §3.0), not grouped. */
  probeExcluded: number;
  /** Rows dated before the window or after `collectedAt`. */
  outsideWindow: number;
  /** In-window rows on paths other than mscep / CertificateRegistrationSvc. */
  otherRecords: number;
}

const MSCEP_PREFIX = '/certsrv/mscep/';
const CRP_PREFIX = '/certificateregistrationsvc/';
const OPERATIONS = new Map(
  ['GetCACert', 'GetCACaps', 'PKIOperation', 'GetNextCACert'].map((o) => [o.toLowerCase(), o]),
);

interface GroupState {
  group: Omit<RequestGroup, 'first' | 'last' | 'samples'>;
  firstMs: number;
  lastMs: number;
  samples: SampleSet;
}

interface Columns {
  version: number;
  date: number;
  time: number;
  stem: number;
  lead: number;
  method: number;
  query: number;
  ua: number;
  status: number;
  substatus: number;
  win32: number;
}

export function ndesPath(stem: string | undefined): NdesPath | null {
  if (stem === undefined || stem.length < MSCEP_PREFIX.length || stem.charCodeAt(0) !== 47) {
    return null;
  }
  if (stem.slice(0, MSCEP_PREFIX.length).toLowerCase() === MSCEP_PREFIX) return 'mscep';
  if (stem.length < CRP_PREFIX.length) return null;
  if (stem.slice(0, CRP_PREFIX.length).toLowerCase() !== CRP_PREFIX) return null;
  const rest = stem.slice(CRP_PREFIX.length).toLowerCase();
  if (rest === 'certificate/verifyrequest') return 'crp-verify';
  if (rest === 'certificate/notify') return 'crp-notify';
  return 'crp-other';
}

function operationOf(query: string | null): string {
  const op = queryParam(query, 'operation');
  if (op === null) return '';
  return OPERATIONS.get(op.toLowerCase()) ?? op.slice(0, 64);
}

/** Fed by the bundle reader file by file, line by line; keeps counts and samples only. */
export class IisLogAccumulator {
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly probeFromMs: number;
  private readonly files: LogFileInfo[] = [];
  private readonly groups = new Map<string, GroupState>();
  private readonly scratch: string[] = [];
  private current: FileTracker | null = null;
  private touched = new Set<GroupState>();
  private cols: Columns = columnsOf(new W3cLineParser());
  private probeExcluded = 0;
  private outsideWindow = 0;
  private otherRecords = 0;

  constructor(opts: { collectedAt: string; windowDays?: number }) {
    const w = windowOf(opts.collectedAt, opts.windowDays);
    this.fromMs = w.fromMs;
    this.toMs = w.toMs;
    this.probeFromMs = w.toMs - PROBE_WINDOW_MS;
  }

  startFile(path: string): void {
    this.endFile();
    const parser = new W3cLineParser(IIS_DEFAULT_FIELDS);
    this.current = new FileTracker(path, parser);
    this.cols = columnsOf(parser);
  }

  line(text: string, lineNo: number): void {
    const f = this.current;
    if (f === null) throw new Error('IisLogAccumulator.line() called before startFile()');
    f.lines++;
    const row = f.parser.pushRaw(text, lineNo);
    if (row === null) return;
    if (f.parser.fieldsVersion !== this.cols.version) this.cols = columnsOf(f.parser);
    const c = this.cols;
    const lead = this.scratch;
    const n = leadingValues(row, c.lead, lead);
    const date = c.date >= 0 ? (c.date < n ? lead[c.date] : undefined) : f.parser.directiveDay;
    const time = c.time >= 0 ? (c.time < n ? lead[c.time] : undefined) : '00:00:00';
    const t = w3cTime(date ?? undefined, time);
    if (t === null) return f.noTime(lineNo);
    if (!f.record(t, this.fromMs, this.toMs)) {
      this.outsideWindow++;
      return;
    }
    const path = c.stem >= 0 && c.stem < n ? ndesPath(lead[c.stem]) : null;
    if (path === null) {
      this.otherRecords++;
      return;
    }
    this.group(f, row, lineNo, t, path);
  }

  endFile(): void {
    const f = this.current;
    if (f === null) return;
    for (const g of this.touched) g.samples.settle();
    this.touched.clear();
    this.files.push(f.info());
    this.current = null;
  }

  /** Ends an open file, then returns the summary. */
  result(): IisLogSummary {
    this.endFile();
    const groups = [...this.groups.values()]
      .sort((a, b) => b.group.count - a.group.count)
      .map((g): RequestGroup => ({
        ...g.group,
        first: new Date(g.firstMs).toISOString(),
        last: new Date(g.lastMs).toISOString(),
        samples: g.samples.list(),
      }));
    return {
      window: { from: new Date(this.fromMs).toISOString(), to: new Date(this.toMs).toISOString() },
      files: [...this.files],
      groups,
      probeExcluded: this.probeExcluded,
      outsideWindow: this.outsideWindow,
      otherRecords: this.otherRecords,
    };
  }

  private group(f: FileTracker, row: string, lineNo: number, t: number, path: NdesPath): void {
    const v = f.parser.splitRow(row);
    const c = this.cols;
    const query = c.query >= 0 ? w3cValue(v[c.query]) : null;
    const ua = c.ua >= 0 ? w3cValue(v[c.ua]) : null;
    const platform = classifyUserAgent(ua, query, t >= this.probeFromMs);
    if (platform === 'probe') {
      this.probeExcluded++;
      return;
    }
    const method = (c.method >= 0 ? v[c.method] : undefined) ?? '-';
    const operation = path === 'mscep' ? operationOf(query) : '';
    const status = c.status >= 0 ? w3cUint(v[c.status]) : -1;
    const substatus = c.substatus >= 0 ? w3cUint(v[c.substatus]) : -1;
    const win32 = c.win32 >= 0 ? w3cUint(v[c.win32]) : -1;
    const key = `${path} ${method} ${operation} ${status} ${substatus} ${win32} ${platform}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      // Copies: method/operation are views into the row, which must not stay alive.
      const group = { path, method: detach(method), operation: detach(operation) };
      const counts = { status, substatus, win32, platform, count: 0 };
      g = { group: { ...group, ...counts }, firstMs: t, lastMs: t, samples: new SampleSet() };
      this.groups.set(key, g);
    }
    g.group.count++;
    if (t < g.firstMs) g.firstMs = t;
    if (t > g.lastMs) g.lastMs = t;
    g.samples.add(f.path, lineNo, row);
    this.touched.add(g);
  }
}

function columnsOf(parser: W3cLineParser): Columns {
  const idx = parser.fields.index;
  const at = (name: string): number => idx.get(name) ?? -1;
  const date = at('date');
  const time = at('time');
  const stem = at('cs-uri-stem');
  return {
    version: parser.fieldsVersion,
    date,
    time,
    stem,
    lead: Math.max(date, time, stem) + 1,
    method: at('cs-method'),
    query: at('cs-uri-query'),
    ua: at('cs(user-agent)'),
    status: at('sc-status'),
    substatus: at('sc-substatus'),
    win32: at('sc-win32-status'),
  };
}
