// Reads HTTP.sys error logs (httperr<N>.log, `#Software: Microsoft HTTP API 2.0`): requests HTTP.sys
// rejected before IIS saw them (URL_Length, FieldLength, AppOffline …), which IIS logs never show.
// Format: KB 820729 "Error logging in HTTP API"; reasons: learn.microsoft.com/windows/win32/http/types-of-errors-logged-by-the-http-server-api.

import { detach, FileTracker, isoOrNull, SampleSet, windowOf } from './log-file-info';
import type { LineRef, LogFileInfo } from './log-file-info';
import { W3cLineParser } from './w3c-log';
import { w3cUint, w3cValue } from './w3c-values';

/** Layout of Windows Server 2016 and later, used until a `#Fields` directive appears. */
export const HTTPERR_FIELDS: readonly string[] = [
  'date',
  'time',
  'c-ip',
  'c-port',
  's-ip',
  's-port',
  'cs-version',
  'cs-method',
  'cs-uri',
  'streamid',
  'streamid_ex',
  'sc-status',
  's-siteid',
  's-reason',
  's-queuename',
  'transport',
  'fault-code',
  'extended-fault-code',
];

/** `s-reason` values meaning an HTTP.sys length limit (mscep-long-url-rejected; both URL names). */
export const LONG_URL_REASONS: ReadonlySet<string> = new Set([
  'FieldLength',
  'RequestLength',
  'URL',
  'URL_Length',
]);

export type HttpErrUriClass = 'mscep' | 'other' | 'none';

/** One HTTPERR row, `-` as null. */
export interface HttpErrRow {
  /** UTC epoch ms, null when unparseable. */
  time: number | null;
  clientIp: string | null;
  clientPort: string | null;
  serverIp: string | null;
  serverPort: string | null;
  version: string | null;
  method: string | null;
  uri: string | null;
  status: number | null;
  siteId: string | null;
  reason: string | null;
  queueName: string | null;
  /** Absent from builds older than Windows Server 2016. */
  transport: string | null;
}

export function createHttpErrParser(): W3cLineParser {
  return new W3cLineParser(HTTPERR_FIELDS);
}

/** True for the `#Software` line HTTP.sys writes. */
export function isHttpErrSoftware(software: string | null): boolean {
  return software !== null && software.toLowerCase().startsWith('microsoft http api');
}

/** Maps a split row to named values, using the parser's current `#Fields` layout. */
export function httpErrRow(parser: W3cLineParser, values: readonly string[]): HttpErrRow {
  const get = (name: string): string | null => w3cValue(parser.value(values, name));
  const status = w3cUint(parser.value(values, 'sc-status'));
  return {
    time: parser.timeOf(values),
    clientIp: get('c-ip'),
    clientPort: get('c-port'),
    serverIp: get('s-ip'),
    serverPort: get('s-port'),
    version: get('cs-version'),
    method: get('cs-method'),
    uri: get('cs-uri'),
    status: status < 0 ? null : status,
    siteId: get('s-siteid'),
    reason: get('s-reason'),
    queueName: get('s-queuename'),
    transport: get('transport'),
  };
}

/** `mscep` when the URI contains /certsrv/mscep (any case), `none` when not logged. */
export function httpErrUriClass(uri: string | null): HttpErrUriClass {
  if (uri === null) return 'none';
  return uri.toLowerCase().includes('/certsrv/mscep') ? 'mscep' : 'other';
}

export interface HttpErrGroup {
  /** `s-reason` as written; '' when the row has none. */
  reason: string;
  status: number | null;
  uriClass: HttpErrUriClass;
  count: number;
  /** UTC ISO of the earliest / latest row. */
  first: string;
  last: string;
  samples: LineRef[];
}

export interface HttpErrSummary {
  window: { from: string; to: string };
  files: LogFileInfo[];
  /** Largest count first. */
  groups: HttpErrGroup[];
  outsideWindow: number;
}

interface GroupState {
  group: Omit<HttpErrGroup, 'first' | 'last' | 'samples'>;
  firstMs: number;
  lastMs: number;
  samples: SampleSet;
}

/**
 * Groups in-window HTTPERR rows by reason × status × URI class. HTTPERR has no User-Agent, so the
 * collector probe's rows are never excluded (CHECKS.md §3.0). File names carry no date; rows are
 * windowed by their own date.
 */
export class HttpErrAccumulator {
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly files: LogFileInfo[] = [];
  private readonly groups = new Map<string, GroupState>();
  private current: FileTracker | null = null;
  private outsideWindow = 0;

  constructor(opts: { collectedAt: string; windowDays?: number }) {
    const w = windowOf(opts.collectedAt, opts.windowDays);
    this.fromMs = w.fromMs;
    this.toMs = w.toMs;
  }

  startFile(path: string): void {
    this.endFile();
    this.current = new FileTracker(path, createHttpErrParser());
  }

  line(text: string, lineNo: number): void {
    const f = this.current;
    if (f === null) throw new Error('HttpErrAccumulator.line() called before startFile()');
    f.lines++;
    const raw = f.parser.pushRaw(text, lineNo);
    if (raw === null) return;
    const row = httpErrRow(f.parser, f.parser.splitRow(raw));
    if (row.time === null) {
      f.noTime(lineNo);
      return;
    }
    if (!f.record(row.time, this.fromMs, this.toMs)) {
      this.outsideWindow++;
      return;
    }
    const reason = row.reason ?? '';
    const uriClass = httpErrUriClass(row.uri);
    const key = `${reason} ${row.status ?? '-'} ${uriClass}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      const group = { reason: detach(reason), status: row.status, uriClass, count: 0 };
      g = { group, firstMs: row.time, lastMs: row.time, samples: new SampleSet() };
      this.groups.set(key, g);
    }
    g.group.count++;
    if (row.time < g.firstMs) g.firstMs = row.time;
    if (row.time > g.lastMs) g.lastMs = row.time;
    g.samples.add(f.path, lineNo, raw, row.time);
  }

  endFile(): void {
    const f = this.current;
    if (f === null) return;
    for (const g of this.groups.values()) g.samples.settle();
    this.files.push(f.info());
    this.current = null;
  }

  /** Ends an open file, then returns the summary. */
  result(): HttpErrSummary {
    this.endFile();
    const groups = [...this.groups.values()]
      .sort((a, b) => b.group.count - a.group.count)
      .map((g): HttpErrGroup => ({
        ...g.group,
        first: isoOrNull(g.firstMs) ?? '',
        last: isoOrNull(g.lastMs) ?? '',
        samples: g.samples.list(),
      }));
    return {
      window: { from: new Date(this.fromMs).toISOString(), to: new Date(this.toMs).toISOString() },
      files: [...this.files],
      groups,
      outsideWindow: this.outsideWindow,
    };
  }
}
