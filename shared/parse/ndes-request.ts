// Classifies the request part of an IIS row for the NDES traffic checks: which NDES endpoint
// (mscep.dll or the legacy CertificateRegistrationSvc), which SCEP operation (RFC 8894 names),
// and a numeric hash of the group key so a line is counted without building a key string.

import type { Platform } from '../decode/user-agent';
import { queryParam } from './w3c-values';

export type NdesPath = 'mscep' | 'crp-verify' | 'crp-notify' | 'crp-other';

export const MSCEP_PREFIX = '/certsrv/mscep/';
const CRP_PREFIX = '/certificateregistrationsvc/';
const OPERATIONS = new Map(
  ['GetCACert', 'GetCACaps', 'PKIOperation', 'GetNextCACert'].map((o) => [o.toLowerCase(), o]),
);

const PATHS: readonly NdesPath[] = ['mscep', 'crp-verify', 'crp-notify', 'crp-other'];
const PLATFORMS: readonly Platform[] = [
  'probe',
  'policy-module',
  'windows',
  'ios',
  'android',
  'tool',
  'other',
];

/** Whether `s` starts with `lowerPrefix`, trying the usual spelling before lower-casing. */
function startsWithCi(s: string, lowerPrefix: string, usual: string): boolean {
  if (s.startsWith(lowerPrefix) || s.startsWith(usual)) return true;
  return (
    s.length >= lowerPrefix.length && s.slice(0, lowerPrefix.length).toLowerCase() === lowerPrefix
  );
}

export function ndesPath(stem: string | undefined): NdesPath | null {
  // Both prefixes start with "/c" in any case: reject everything else without allocating.
  if (stem === undefined || stem.length < MSCEP_PREFIX.length || stem.charCodeAt(0) !== 47) {
    return null;
  }
  if ((stem.charCodeAt(1) | 0x20) !== 99) return null;
  if (startsWithCi(stem, MSCEP_PREFIX, '/CertSrv/mscep/')) return 'mscep';
  if (!startsWithCi(stem, CRP_PREFIX, '/CertificateRegistrationSvc/')) return null;
  const rest = stem.slice(CRP_PREFIX.length).toLowerCase();
  if (rest === 'certificate/verifyrequest') return 'crp-verify';
  if (rest === 'certificate/notify') return 'crp-notify';
  return 'crp-other';
}

export function operationOf(query: string | null): string {
  const op = queryParam(query, 'operation');
  if (op === null) return '';
  if (op === 'PKIOperation' || op === 'GetCACert' || op === 'GetCACaps') return op;
  return OPERATIONS.get(op.toLowerCase()) ?? op.slice(0, 64);
}

/** Numeric hash of a group key (collisions possible: callers compare the fields too). */
export function groupHash(
  path: NdesPath,
  platform: Platform,
  status: number,
  substatus: number,
  win32: number,
): number {
  const code = ((status + 1) & 1023) * 1024 + ((substatus + 1) & 1023);
  return (code * 32 + (win32 & 31)) * 32 + PATHS.indexOf(path) * 8 + PLATFORMS.indexOf(platform);
}
