// Pure helpers for the certificate views: names of EKU OIDs, days left, chain building.
import type { CertificateView } from '../../../shared/ipc/channels';

export const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'Server Authentication',
  '1.3.6.1.5.5.7.3.2': 'Client Authentication',
  '1.3.6.1.4.1.311.20.2.1': 'Certificate Request Agent',
  '1.3.6.1.5.5.7.3.4': 'Secure Email',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.4.1.311.20.2.2': 'Smart Card Logon',
  '1.3.6.1.5.5.8.2.2': 'IP security IKE intermediate',
};

export function daysLeft(c: { notAfter: string }, nowMs: number): number {
  return Math.floor((Date.parse(c.notAfter) - nowMs) / 86_400_000);
}

export type Expiry = 'expired' | 'soon' | 'ok' | 'not-yet';

export function expiry(c: { notBefore: string; notAfter: string }, nowMs: number): Expiry {
  if (Date.parse(c.notBefore) > nowMs) return 'not-yet';
  const d = daysLeft(c, nowMs);
  return d < 0 ? 'expired' : d <= 30 ? 'soon' : 'ok';
}

/** Issuer chain of a certificate among the collected ones (AKI → SKI, then issuer CN). */
export function chainOf(c: CertificateView, all: readonly CertificateView[]): CertificateView[] {
  const chain: CertificateView[] = [c];
  let cur = c;
  for (let i = 0; i < 8 && !cur.selfIssued; i++) {
    const next =
      all.find((x) => cur.aki !== null && x.ski === cur.aki && x.thumbprint !== cur.thumbprint) ??
      all.find((x) => x.subject === cur.issuer && x.thumbprint !== cur.thumbprint);
    if (!next || chain.includes(next)) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}
