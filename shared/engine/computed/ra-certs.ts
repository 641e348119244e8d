// RA certificates per CHECKS.md §3.0: LocalMachine\My certs with the Certificate Request Agent EKU
// and a private key; CEP Encryption (keyEncipherment) vs Enrollment Agent (digitalSignature).
import type { CertificateEvidence, CertStores, StoreCert } from '../../model';
import { OID } from '../../parse/certificates';

/** The two kinds of NDES RA certificate. */
export type RaKind = 'cep-encryption' | 'enrollment-agent';

export const RA_KINDS: readonly RaKind[] = ['cep-encryption', 'enrollment-agent'];

export const RA_KIND_LABEL: Record<RaKind, string> = {
  'cep-encryption': 'CEP Encryption',
  'enrollment-agent': 'Enrollment Agent (Offline request)',
};

/** Kind of an RA certificate by key usage, the template name breaking ties; null if not RA. */
export function raKind(cert: StoreCert): RaKind | null {
  if (!cert.eku?.includes(OID.certificateRequestAgent)) return null;
  const ku = cert.keyUsage ?? [];
  const enc = ku.includes('keyEncipherment');
  const sig = ku.includes('digitalSignature');
  if (enc && !sig) return 'cep-encryption';
  if (sig && !enc) return 'enrollment-agent';
  const t = (cert.template ?? '').toLowerCase();
  if (t.includes('cepencryption')) return 'cep-encryption';
  if (t.includes('enrollmentagent')) return 'enrollment-agent';
  return enc ? 'cep-encryption' : sig ? 'enrollment-agent' : null;
}

/** RA certs of each kind in My with a private key, newest (latest NotAfter) first. */
export function raCertificates(stores: CertStores): Record<RaKind, StoreCert[]> {
  const out: Record<RaKind, StoreCert[]> = { 'cep-encryption': [], 'enrollment-agent': [] };
  for (const c of stores.certs) {
    if (c.store.toLowerCase() !== 'my' || c.index?.hasPrivateKey !== true) continue;
    const kind = raKind(c);
    if (kind) out[kind].push(c);
  }
  for (const k of RA_KINDS) out[k].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter));
  return out;
}

/** The newest RA cert of each kind (or undefined). */
export function newestRa(stores: CertStores): Record<RaKind, StoreCert | undefined> {
  const all = raCertificates(stores);
  return {
    'cep-encryption': all['cep-encryption'][0],
    'enrollment-agent': all['enrollment-agent'][0],
  };
}

/** Finds a certificate by thumbprint in a store (thumbprints normalized). */
export function certByThumbprint(
  stores: CertStores,
  thumbprint: string,
  store = 'My',
): StoreCert | undefined {
  const t = thumbprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return stores.certs.find(
    (c) => c.thumbprint === t && c.store.toLowerCase() === store.toLowerCase(),
  );
}

/** Evidence item for a certificate. */
export function certEvidence(c: StoreCert, role?: string): CertificateEvidence {
  return {
    kind: 'certificate',
    file: c.file,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    role,
    template: c.template,
    eku: c.eku,
    hasPrivateKey: c.index?.hasPrivateKey ?? null,
  };
}

/** Whole days from `nowMs` to the certificate's NotAfter (negative when expired). */
export function daysLeft(c: { notAfter: string }, nowMs: number): number {
  return Math.floor((Date.parse(c.notAfter) - nowMs) / 86_400_000);
}
