// The long-URL probe: PKIOperation GETs of growing size, the way devices without POSTPKIOperation
// send their request. HTTP.sys (MaxFieldLength / MaxRequestBytes), IIS request filtering (maxUrl,
// maxQueryString: 404.14 / 404.15) or a proxy (414) refuse them past their limit (T-URL, SEED-D2N).
import type { LongUrlAssessment } from '../../shared/probe/types';
import { bodyText, decodeLongUrl } from '../../shared/probe/interpret';
import { httpRequest } from './http';
import type { HttpResult } from './http';

export const LONG_URL_SIZES_KB = [4, 16, 32, 60] as const;

/**
 * Valid base64 whose first byte is no ASN.1 SEQUENCE, so NDES answers after decoding it and logs
 * event 17 with 0x8009310b, which ndes-event-errors knows as the probe's own trace (T-URL Readme).
 */
const FILLER = 'NDESDoctorLongUrlProbe';

/** The URL whose request target (path and query) is at most `bytes` long, message length % 4 = 0. */
export function longUrl(url: string, bytes: number): string {
  const u = new URL(url);
  const prefix = `${u.pathname}?operation=PKIOperation&message=`;
  const room = Math.max(4, Math.floor((bytes - prefix.length) / 4) * 4);
  const message = FILLER.repeat(Math.ceil(room / FILLER.length)).slice(0, room);
  return `${u.origin}${prefix}${message}`;
}

export interface LongUrlRun {
  assessment: LongUrlAssessment;
  /** The exchanges of the growing series, in order (the short reference not included). */
  results: HttpResult[];
}

function target(url: string): number {
  const u = new URL(url);
  return u.pathname.length + u.search.length;
}

/** Sends a short reference, then each size in order; every answer is kept. */
export async function probeLongUrls(
  url: string,
  opts: { sizesKb?: readonly number[]; timeoutMs?: number } = {},
): Promise<LongUrlRun> {
  const reference = await httpRequest({ url: longUrl(url, 256), timeoutMs: opts.timeoutMs });
  const results: HttpResult[] = [];
  const assessment: LongUrlAssessment = {
    referenceStatus: reference.status,
    attempts: [],
    largestAccepted: null,
    smallestRejected: null,
  };
  for (const kb of opts.sizesKb ?? LONG_URL_SIZES_KB) {
    const r = await httpRequest({ url: longUrl(url, kb * 1024), timeoutMs: opts.timeoutMs });
    results.push(r);
    const rejection =
      r.status === null ? null : decodeLongUrl(r.status, bodyText(r.body), reference.status);
    const bytes = target(r.url);
    const accepted = r.status !== null && rejection === null;
    assessment.attempts.push({
      bytes,
      status: r.status,
      elapsedMs: r.elapsedMs,
      error: r.error,
      rejection,
      accepted,
    });
    if (accepted) assessment.largestAccepted = Math.max(assessment.largestAccepted ?? 0, bytes);
    else if (r.status !== null && assessment.smallestRejected === null)
      assessment.smallestRejected = bytes;
  }
  return { assessment, results };
}
