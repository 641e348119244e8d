// One HTTP answer as the probe interprets it, and what IIS writes into its error pages: the
// substatus (`HTTP Error 404.15`) and the Win32 code (`Error Code 0x80070542`) that tell apart
// causes sharing one status (CHECKS.md §4.1).
import type { Verdict } from './types';

/** One HTTP answer as the probe saw it. Header names in any case. */
export interface HttpAnswer {
  status: number | null;
  headers: Record<string, string>;
  body: Uint8Array;
  error: string | null;
  /** Node error code (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`…), when known. */
  errorCode?: string | null;
}

/** A step's judgement. */
export interface Interpretation {
  verdict: Verdict;
  meaning: string;
  notes: string[];
  checkId?: string;
}

/** A header value by case-insensitive name. */
export function header(headers: Record<string, string>, name: string): string | null {
  const n = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === n) return v;
  return null;
}

export function bodyText(body: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, 64 * 1024));
}

/** `HTTP Error 404.15` / `Error Code 0x80070542` of an IIS (detailed) error page. */
export function iisPageStatus(text: string): { substatus: number | null; win32: number | null } {
  const sub = /HTTP Error \d{3}\.(\d{1,3})|\b\d{3}\.(\d{1,3}) - /i.exec(text);
  const code = /Error Code[^0-9]{0,40}0x([0-9a-f]{8})/i.exec(text);
  let win32: number | null = null;
  if (code?.[1]) {
    const hr = parseInt(code[1], 16);
    win32 = hr >>> 16 === 0x8007 ? hr & 0xffff : hr;
  }
  const s = sub?.[1] ?? sub?.[2];
  return { substatus: s === undefined ? null : Number(s), win32 };
}
