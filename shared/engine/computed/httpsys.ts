// HTTP.sys request limits (HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters); both
// MaxFieldLength and MaxRequestBytes default to 16384 and must be >= 65534 for NDES.
import type { CheckOutcome, Ev } from '../../model';
import type { RegFile } from '../../parse/reg-file';
import { regLookup, regNumber } from './registry';
import { fill } from './text';

export const HTTP_PARAMETERS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
export const NDES_HTTPSYS_MINIMUM = 65534;

/** Judges one HTTP.sys limit value: missing or < 65534 fails. */
export function httpSysLimit(
  ev: Ev<RegFile>,
  valueName: string,
  strings: { missing: string; low: string; ok: string },
): CheckOutcome {
  const found = regLookup(ev, HTTP_PARAMETERS_KEY, valueName);
  const n = regNumber(found.value?.data);
  if (n === null) return { status: 'fail', summary: strings.missing, evidence: [found.evidence] };
  const status = n >= NDES_HTTPSYS_MINIMUM ? 'pass' : 'fail';
  return {
    status,
    summary: fill(status === 'pass' ? strings.ok : strings.low, { value: n }),
    evidence: [found.evidence],
  };
}
