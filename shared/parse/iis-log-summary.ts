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
import { FileTracker, windowOf } from './log-file-info';
import { UaCache } from './ua-cache';
import type { LogFileInfo } from './log-file-info';
import { RequestGroups } from './request-groups';
import type { GroupState, RequestGroup } from './request-groups';
import { columnsOf } from './iis-columns';
import type { Columns } from './iis-columns';
import { IIS_DEFAULT_FIELDS, W3cLineParser } from './w3c-log';
import { MSCEP_PREFIX, ndesPath, operationOf } from './ndes-request';
import type { NdesPath } from './ndes-request';
import { ColumnCursor } from './column-cursor';
import {
  isW3cEmpty,
  queryParamSpan,
  startsWithAt,
  textAt,
  textEquals,
  w3cTimeAt,
  w3cUintAt,
} from './w3c-values';
import type { Span, W3cText } from './w3c-values';

export type { LineRef, LogFileInfo } from './log-file-info';
export { ndesPath } from './ndes-request';
export type { NdesPath } from './ndes-request';
export type { RequestGroup } from './request-groups';
export { HttpErrAccumulator } from './httperr-log';
export type { HttpErrGroup, HttpErrSummary } from './httperr-log';

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

/** Operation names `operationOf` returns as sent: most rows carry one of these. */
const USUAL_OPERATIONS = ['PKIOperation', 'GetCACert', 'GetCACaps'] as const;
/** Time of rows without a `time` column (IIS 6 layouts without it place rows at midnight). */
const MIDNIGHT = '00:00:00';

const utf8 = new TextEncoder();

/**
 * Fed by the bundle reader file by file, line by line; keeps counts and samples only. Lines come as
 * the bytes read from the file (`lineBytes`, decoding only the few short columns it needs) or as
 * text (`line`).
 */
export class IisLogAccumulator {
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly probeFromMs: number;
  private readonly files: LogFileInfo[] = [];
  private readonly groups = new RequestGroups();
  private readonly uaCache = new UaCache();
  private readonly cursor = new ColumnCursor();
  private current: FileTracker | null = null;
  private fileNo = 0;
  private touched: GroupState[] = [];
  /** Groups whose pending row points into the current chunk. */
  private inChunk: GroupState[] = [];
  private readonly date: Span = { start: 0, end: 0 };
  private readonly time: Span = { start: 0, end: 0 };
  private readonly value: Span = { start: 0, end: 0 };
  private readonly query: Span = { start: 0, end: 0 };
  private readonly ua: Span = { start: 0, end: 0 };
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

  /** Feeds one line of text (no terminator). */
  line(text: string, lineNo: number): void {
    // Bytes of its own that nothing changes: no `endChunk` needed.
    const bytes = utf8.encode(text);
    this.lineBytes(bytes, 0, bytes.length, lineNo);
  }

  /**
   * Feeds one line as UTF-8 bytes (`start` to `end`, no terminator). The bytes must stay unchanged
   * until `endChunk` or `endFile`: the latest row of a group is only decoded then.
   */
  lineBytes(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    const f = this.current;
    if (f === null) throw new Error('IisLogAccumulator.line() called before startFile()');
    f.lines++;
    const parser = f.parser;
    if (!parser.pushAt(buf, start, end, lineNo)) return;
    const rowStart = parser.rowStart;
    const rowEnd = parser.rowEnd;
    if (parser.fieldsVersion !== this.cols.version) this.cols = columnsOf(parser);
    const c = this.cols;
    const cur = this.cursor;
    cur.reset(buf, rowStart, rowEnd);
    const t = this.timeOf(parser, buf);
    if (t === null) {
      f.noTime(lineNo);
      return;
    }
    if (!f.record(t, this.fromMs, this.toMs)) {
      this.outsideWindow++;
      return;
    }
    // Most rows: the usual spelling at the stem's offset, found without decoding the stem.
    const at = cur.startOf(c.stem);
    const path =
      at >= 0 && startsWithAt(buf, at, rowEnd, MSCEP_PREFIX) ? 'mscep' : ndesPath(cur.get(c.stem));
    if (path === null) {
      this.otherRecords++;
      return;
    }
    this.group(f, buf, rowStart, rowEnd, lineNo, t, path);
  }

  /** The bytes fed so far may change after this call: copies the rows still pointing into them. */
  endChunk(): void {
    this.current?.parser.forget();
    this.cursor.forget();
    for (const g of this.inChunk) g.samples.endChunk();
    this.inChunk = [];
  }

  endFile(): void {
    const f = this.current;
    if (f === null) return;
    for (const g of this.touched) g.samples.endFile(f.path);
    this.endChunk();
    this.touched = [];
    this.files.push(f.info());
    this.current = null;
  }

  /** Ends an open file, then returns the summary. */
  result(): IisLogSummary {
    this.endFile();
    return {
      window: { from: new Date(this.fromMs).toISOString(), to: new Date(this.toMs).toISOString() },
      files: [...this.files],
      groups: this.groups.list(),
      probeExcluded: this.probeExcluded,
      outsideWindow: this.outsideWindow,
      otherRecords: this.otherRecords,
    };
  }

  /** UTC epoch ms of the row in the cursor, or null. */
  private timeOf(parser: W3cLineParser, buf: Uint8Array): number | null {
    const c = this.cols;
    const cur = this.cursor;
    const d = this.date;
    const t = this.time;
    let day: W3cText = buf;
    if (c.date >= 0) {
      if (!cur.span(c.date, d)) return null;
    } else {
      const directive = parser.directiveDay;
      if (directive === null) return null;
      day = directive;
      d.start = 0;
      d.end = directive.length;
    }
    if (c.time >= 0)
      return cur.span(c.time, t) ? w3cTimeAt(day, d.start, d.end, buf, t.start, t.end) : null;
    return w3cTimeAt(day, d.start, d.end, MIDNIGHT, 0, MIDNIGHT.length);
  }

  private group(
    f: FileTracker,
    buf: Uint8Array,
    rowStart: number,
    rowEnd: number,
    lineNo: number,
    t: number,
    path: NdesPath,
  ): void {
    const c = this.cols;
    const cur = this.cursor;
    let src = buf;
    if (cur.count() !== c.width) {
      // Let the parser flag the row; use its repair (double spaces) when that makes it fit.
      const v = f.parser.splitRow(textAt(buf, rowStart, rowEnd));
      if (v.length === c.width) {
        src = utf8.encode(v.join(' '));
        cur.reset(src);
      }
    }
    const q = this.query;
    const u = this.ua;
    const hasQuery = cur.span(c.query, q) && !isW3cEmpty(src, q.start, q.end);
    const hasUa = cur.span(c.ua, u) && !isW3cEmpty(src, u.start, u.end);
    const platform = this.platformOf(src, hasUa, hasQuery, t >= this.probeFromMs);
    if (platform === 'probe') {
      this.probeExcluded++;
      return;
    }
    const method = cur.get(c.method) ?? '-';
    const operation = path === 'mscep' ? this.operationOf(src, hasQuery) : '';
    const status = this.uint(src, c.status);
    const substatus = this.uint(src, c.substatus);
    const win32 = this.uint(src, c.win32);
    const g = this.groups.find(path, method, operation, status, substatus, win32, platform, t);
    g.group.count++;
    const latest = t >= g.lastMs;
    if (t < g.firstMs) g.firstMs = t;
    if (t > g.lastMs) g.lastMs = t;
    if (g.samples.offer(f.path, buf, rowStart, rowEnd, lineNo, t, latest)) this.inChunk.push(g);
    if (g.file !== this.fileNo) {
      g.file = this.fileNo;
      this.touched.push(g);
    }
  }

  private uint(src: Uint8Array, col: number): number {
    const v = this.value;
    return this.cursor.span(col, v) ? w3cUintAt(src, v.start, v.end) : -1;
  }

  /** `operationOf` the row's query, without decoding the query for the usual names. */
  private operationOf(src: Uint8Array, hasQuery: boolean): string {
    if (!hasQuery) return operationOf(null);
    const q = this.query;
    const op = this.value;
    if (queryParamSpan(src, q.start, q.end, 'operation', op)) {
      for (const name of USUAL_OPERATIONS) if (textEquals(src, op.start, op.end, name)) return name;
    }
    return operationOf(textAt(src, q.start, q.end));
  }

  /** §5 classification with the UA-only rules cached per distinct UA (fleets repeat a few UAs). */
  private platformOf(
    src: Uint8Array,
    hasUa: boolean,
    hasQuery: boolean,
    probeWindow: boolean,
  ): Platform {
    if (!hasUa) return classifyUserAgent(null, this.queryText(src, hasQuery), probeWindow);
    const u = this.ua;
    if (probeWindow && textEquals(src, u.start, u.end, PROBE_USER_AGENT)) return 'probe';
    let p = this.uaCache.get(src, u.start, u.end);
    if (p === undefined) {
      p = platformFromUserAgent(textAt(src, u.start, u.end));
      this.uaCache.set(src, u.start, u.end, p);
    }
    return p ?? (isValidationQuery(this.queryText(src, hasQuery)) ? 'tool' : 'other');
  }

  private queryText(src: Uint8Array, hasQuery: boolean): string | null {
    return hasQuery ? textAt(src, this.query.start, this.query.end) : null;
  }
}
