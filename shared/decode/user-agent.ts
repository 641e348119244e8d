// Maps the `cs(User-Agent)` of IIS lines on /certsrv/mscep/ to the enrolling platform (CHECKS.md §5):
// tells device traffic (iOS profiled/Darwin, Android Dalvik/jscep, Windows "NDES client") from the
// legacy policy module, Microsoft's validation scripts and this app's own collector probe.

import { queryParam } from '../parse/w3c-values';

export type Platform = 'probe' | 'policy-module' | 'windows' | 'ios' | 'android' | 'tool' | 'other';

/** User-Agent of every collector probe request (BUNDLE-FORMAT.md `probe/`). */
export const PROBE_USER_AGENT = 'NDES-Doctor-Probe/1';

/** Probe lines are only recognised this long before `collectedAt` (CHECKS.md §3.0). */
export const PROBE_WINDOW_MS = 15 * 60 * 1000;

const LONG_URL_VALIDATOR = 'ndeslongurlvalidatorstep1of3';

/** Platforms that are real enrolling devices (mscep-no-device-traffic). */
export const DEVICE_PLATFORMS: ReadonlySet<Platform> = new Set<Platform>([
  'windows',
  'ios',
  'android',
]);

/**
 * Classifies a request, first matching rule wins (CHECKS.md §5). `ua` may be W3C-encoded (`+` for
 * spaces) or decoded; `query` is the raw `cs-uri-query`. `isProbeWindow`: the row lies in the 15
 * minutes before `collectedAt`.
 */
export function classifyUserAgent(
  ua: string | null,
  query: string | null,
  isProbeWindow: boolean,
): Platform {
  if (isProbeWindow && ua === PROBE_USER_AGENT) return 'probe';
  return platformFromUserAgent(ua) ?? (isValidationQuery(query) ? 'tool' : 'other');
}

/**
 * Rules 1–5 of §5 (and the validator marker in the UA): the part that depends on the UA alone, so
 * callers may cache it per distinct UA. Null when the UA decides nothing.
 */
export function platformFromUserAgent(ua: string | null): Platform | null {
  if (ua === null || ua === '-') return null;
  const u = ua.toLowerCase();
  if (u.includes('ndes_plugin')) return 'policy-module';
  if (u.includes('ndes+client') || u.includes('ndes client')) return 'windows';
  if (u.includes('profiled') || u.includes('darwin')) return 'ios';
  if (u.includes('dalvik') || u.includes('jscep')) return 'android';
  if (u.includes(LONG_URL_VALIDATOR)) return 'tool';
  return null;
}

/**
 * Validate-NDESConfiguration.ps1 sends `message=test`, Validate-NDESUrl.ps1
 * `message=NDESLongUrlValidatorStep1of3` (reference/ndes-checks.md §3). Only the `message` value is
 * compared, so a long base64 PKIOperation message is never lower-cased.
 */
export function isValidationQuery(query: string | null): boolean {
  const message = queryParam(query, 'message');
  if (message === null) return false;
  if (message.length === 4) return message.toLowerCase() === 'test';
  return (
    message.length === LONG_URL_VALIDATOR.length && message.toLowerCase() === LONG_URL_VALIDATOR
  );
}
