// Summarises IIS W3C logs for the traffic checks (mscep-traffic-errors, mscep-impersonation-500,
// mscep-long-url-rejected, mscep-no-device-traffic, connector-notify-failures): counts per
// status × operation × platform instead of lines, so a gigabyte of logs fits in a few megabytes.

import {
  classifyUserAgent,
  isValidationQuery,
  platformFromUserAgent,
  PROBE_USER_AGENT,
  PROBE_WINDOW_MS,
} from '../decode/user-agent';
import type { Platform } from '../decode/user-agent';
import { detach, FileTracker, SampleSet, windowOf } from './log-file-info';
import type { LineRef, LogFileInfo } from './log-file-info';
import { IIS_DEFAULT_FIELDS, W3cLineParser } from './w3c-log';
import { groupHash, MSCEP_PREFIX, ndesPath, operationOf } from './ndes-request';
import type { NdesPath } from './ndes-request';
import { ColumnCursor, w3cTime, w3cUint, w3cValue } from './w3c-values';

export type { LineRef, LogFileInfo } from './log-file-info';
export { ndesPath } from './ndes-request';
export type { NdesPath } from './ndes-request';
export { HttpErrAccumulator } from './httperr-log';
export type { HttpErrGroup, HttpErrSummary } from './httperr-log';

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

/** Distinct user agents remembered; the cache starts over when full. */
const UA_CACHE_MAX = 1024;

interface GroupState {
  group: Omit<RequestGroup, 'first' | 'last' | 'samples'>;
  firstMs: number;
  lastMs: number;
  samples: SampleSet;
  /** Number of the file that last added a sample (its last sample is settled when it ends). */
  file: number;
}

interface Columns {
  version: number;
  date: number;
  time: number;
  stem: number;
  /** Number of `#Fields` names. */
  width: number;
  method: number;
  query: number;
  ua: number;
  status: number;
  substatus: number;
  win32: number;
}

/** Fed by the bundle reader file by file, line by line; keeps counts and samples only. */
export class IisLogAccumulator {
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly probeFromMs: number;
  private readonly files: LogFileInfo[] = [];
  /** Groups by a numeric hash of their key; collisions are told apart by comparing fields. */
  private readonly buckets = new Map<number, GroupState[]>();
  private readonly all: GroupState[] = [];
  private readonly uaCache = new Map<string, Platform | null>();
  private readonly cursor = new ColumnCursor();
  private current: FileTracker | null = null;
  private fileNo = 0;
  private touched: GroupState[] = [];
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
    this.fileNo++;
  }

  line(text: string, lineNo: number): void {
    const f = this.current;
    if (f === null) throw new Error('IisLogAccumulator.line() called before startFile()');
    f.lines++;
    const row = f.parser.pushRaw(text, lineNo);
    if (row === null) return;
    if (f.parser.fieldsVersion !== this.cols.version) this.cols = columnsOf(f.parser);
    const c = this.cols;
    const cur = this.cursor;
    cur.reset(row);
    const date = c.date >= 0 ? cur.get(c.date) : f.parser.directiveDay;
    const t = w3cTime(date ?? undefined, c.time >= 0 ? cur.get(c.time) : '00:00:00');
    if (t === null) {
      f.noTime(lineNo);
      return;
    }
    if (!f.record(t, this.fromMs, this.toMs)) {
      this.outsideWindow++;
      return;
    }
    // Most rows: the usual spelling at the stem's offset, found without slicing the stem.
    const at = cur.startOf(c.stem);
    const path = at >= 0 && row.startsWith(MSCEP_PREFIX, at) ? 'mscep' : ndesPath(cur.get(c.stem));
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
    this.touched = [];
    this.files.push(f.info());
    this.current = null;
  }

  /** Ends an open file, then returns the summary. */
  result(): IisLogSummary {
    this.endFile();
    const groups = [...this.all]
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
    const c = this.cols;
    const cur = this.cursor;
    if (cur.count() !== c.width) {
      // Let the parser flag the row; use its repair (double spaces) when that makes it fit.
      const v = f.parser.splitRow(row);
      if (v.length === c.width) cur.reset(v.join(' '));
    }
    const query = w3cValue(cur.get(c.query));
    const ua = w3cValue(cur.get(c.ua));
    const platform = this.platformOf(ua, query, t >= this.probeFromMs);
    if (platform === 'probe') {
      this.probeExcluded++;
      return;
    }
    const method = cur.get(c.method) ?? '-';
    const operation = path === 'mscep' ? operationOf(query) : '';
    const status = w3cUint(cur.get(c.status));
    const substatus = w3cUint(cur.get(c.substatus));
    const win32 = w3cUint(cur.get(c.win32));
    const hash = groupHash(path, platform, status, substatus, win32);
    let bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, (bucket = []));
    let g = bucket.find(
      (x) =>
        x.group.win32 === win32 &&
        x.group.status === status &&
        x.group.substatus === substatus &&
        x.group.path === path &&
        x.group.platform === platform &&
        x.group.operation === operation &&
        x.group.method === method,
    );
    if (g === undefined) {
      // Copies: method/operation are views into the row, which must not stay alive.
      const group = { path, method: detach(method), operation: detach(operation) };
      const counts = { status, substatus, win32, platform, count: 0 };
      const samples = new SampleSet();
      g = { group: { ...group, ...counts }, firstMs: t, lastMs: t, samples, file: 0 };
      bucket.push(g);
      this.all.push(g);
    }
    g.group.count++;
    if (t < g.firstMs) g.firstMs = t;
    if (t > g.lastMs) g.lastMs = t;
    g.samples.add(f.path, lineNo, row, t);
    if (g.file !== this.fileNo) {
      g.file = this.fileNo;
      this.touched.push(g);
    }
  }

  /** §5 classification with the UA-only rules cached per distinct UA (fleets repeat a few UAs). */
  private platformOf(ua: string | null, query: string | null, probeWindow: boolean): Platform {
    if (ua === null) return classifyUserAgent(null, query, probeWindow);
    if (probeWindow && ua === PROBE_USER_AGENT) return 'probe';
    let p = this.uaCache.get(ua);
    if (p === undefined) {
      p = platformFromUserAgent(ua);
      if (this.uaCache.size >= UA_CACHE_MAX) this.uaCache.clear();
      this.uaCache.set(detach(ua), p);
    }
    return p ?? (isValidationQuery(query) ? 'tool' : 'other');
  }
}

function columnsOf(parser: W3cLineParser): Columns {
  const idx = parser.fields.index;
  const at = (name: string): number => idx.get(name) ?? -1;
  return {
    version: parser.fieldsVersion,
    date: at('date'),
    time: at('time'),
    stem: at('cs-uri-stem'),
    width: parser.fields.names.length,
    method: at('cs-method'),
    query: at('cs-uri-query'),
    ua: at('cs(user-agent)'),
    status: at('sc-status'),
    substatus: at('sc-substatus'),
    win32: at('sc-win32-status'),
  };
}
