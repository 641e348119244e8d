// The long-URL probe's answers: which limit refused a PKIOperation GET (HTTP.sys 400 for
// MaxFieldLength / MaxRequestBytes, IIS request filtering 404.14 maxUrl / 404.15 maxQueryString,
// 414 from any layer; CHECKS.md §4.1, X-IISREQ) and how far real device requests can grow (T-URL).
import { fill } from '../engine/computed/text';
import { iisPageStatus } from './http-answer';
import type { Interpretation } from './http-answer';
import type { LongUrlAttempt, LongUrlRejection } from './types';

const strings = {
  longOk: 'Every long PKIOperation URL got through; the largest was {largest} bytes.',
  longSome:
    'URLs up to {largest} bytes got through; {smallest} bytes was refused ({how}). Devices whose requests are longer fail at PKIOperation.',
  longNone: 'Even the shortest long URL ({smallest} bytes) was refused ({how}).',
  longNoAnswer: 'The long-URL requests got no HTTP answer, so the length limits cannot be judged.',
} as const;

const REJECTION_TEXT: Record<LongUrlRejection, string> = {
  'httpsys-400':
    'HTTP.sys 400: the URL exceeds MaxFieldLength / MaxRequestBytes (HTTP\\Parameters, set 65534)',
  'iis-404.14': 'IIS 404.14: the URL exceeds request filtering maxUrl (set 65534)',
  'iis-404.15': 'IIS 404.15: the query string exceeds request filtering maxQueryString (set 65534)',
  'uri-too-long-414': '414 Request-URI Too Long from HTTP.sys, IIS or a proxy',
  'other-400': 'HTTP 400',
  'other-404': 'HTTP 404',
};

/**
 * Why a long PKIOperation GET was refused; null when it was not. A 400 or 404 whose body names no
 * length limit counts only when a shorter URL got a different answer (`baseline`), because a
 * non-NDES server may answer 400 to the synthetic message itself.
 */
export function decodeLongUrl(
  status: number | null,
  body: string,
  baseline: number | null,
): LongUrlRejection | null {
  if (status === 414) return 'uri-too-long-414';
  if (status === 404) {
    const sub = iisPageStatus(body).substatus;
    if (sub === 14) return 'iis-404.14';
    if (sub === 15) return 'iis-404.15';
    return baseline !== 404 ? 'other-404' : null;
  }
  if (status === 400) {
    if (/Request Too Long|Request URL Too Long|request headers is too long|Invalid URL/i.test(body))
      return 'httpsys-400';
    return baseline !== 400 ? 'other-400' : null;
  }
  return null;
}

/** The long-URL series: largest accepted and how larger ones fail (mscep-long-url-ok). */
export function assessLongUrl(attempts: readonly LongUrlAttempt[]): Interpretation {
  const checkId = 'mscep-long-url-ok';
  const answered = attempts.filter((x) => x.status !== null);
  if (answered.length === 0)
    return { verdict: 'warn', meaning: strings.longNoAnswer, notes: [], checkId };
  const accepted = answered.filter((x) => x.accepted).map((x) => x.bytes);
  const rejected = answered.filter((x) => !x.accepted);
  const notes = rejected.map(
    (x) => `${x.bytes} bytes: ${x.rejection ? REJECTION_TEXT[x.rejection] : `HTTP ${x.status}`}.`,
  );
  const first = rejected.reduce<LongUrlAttempt | null>(
    (m, x) => (m === null || x.bytes < m.bytes ? x : m),
    null,
  );
  const largest = accepted.length ? Math.max(...accepted) : null;
  if (!first)
    return {
      verdict: 'ok',
      meaning: fill(strings.longOk, { largest: largest ?? 0 }),
      notes,
      checkId,
    };
  const how = first.rejection ? REJECTION_TEXT[first.rejection] : `HTTP ${first.status}`;
  if (largest === null)
    return {
      verdict: 'fail',
      meaning: fill(strings.longNone, { smallest: first.bytes, how }),
      notes,
      checkId,
    };
  return {
    // T-URL's guidance is 30 KB: a server that takes that much serves real devices.
    verdict: largest >= 30 * 1024 ? 'warn' : 'fail',
    meaning: fill(strings.longSome, { largest, smallest: first.bytes, how }),
    notes,
    checkId,
  };
}
