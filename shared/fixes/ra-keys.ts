// What the RA-certificate wizards need to know about the pool identity and the certificates: who
// must read the RA private keys (service account by SID, else its name, else the pool's virtual
// account IIS APPPOOL\<pool>), and the subject, template and CryptoAPI provider of a new RA request.
import type { Snapshot, StoreCert } from '../model';
import { scepSite, serviceAccount } from '../engine/computed/host';
import type { RaKind } from '../engine/computed/ra-certs';
import { matches, valid } from './validate';

/** The principal the SCEP pool runs as, validated, with the name shown to the admin. */
export interface KeyReader {
  /** A SID, `DOMAIN\name` or `IIS APPPOOL\<pool>`. */
  principal: string;
  label: string;
}

export function keyReader(snapshot: Snapshot): KeyReader | null {
  const sa = serviceAccount(snapshot);
  if (sa) {
    const label = valid('account', 'service account', sa.userName);
    return { principal: sa.sid ? valid('sid', 'service account SID', sa.sid) : label, label };
  }
  const pool = scepSite(snapshot)?.pool?.name;
  if (!pool) return null;
  const account = valid('poolAccount', 'pool identity', `IIS APPPOOL\\${pool}`);
  return { principal: account, label: account };
}

/** Per kind: the v1 template NDES setup uses, the key spec and the key usage certreq asks for. */
export const RA_REQUEST: Record<
  RaKind,
  { template: string; keySpec: number; keyUsage: string; file: string }
> = {
  // AT_KEYEXCHANGE + keyEncipherment: devices encrypt their requests to this certificate.
  'cep-encryption': {
    template: 'CEPEncryption',
    keySpec: 1,
    keyUsage: '0x20',
    file: 'new-cep-encryption.txt',
  },
  // AT_SIGNATURE + digitalSignature: NDES signs the requests it forwards to the CA.
  'enrollment-agent': {
    template: 'EnrollmentAgentOffline',
    keySpec: 2,
    keyUsage: '0x80',
    file: 'new-enrollment-agent.txt',
  },
};

export const DEFAULT_CSP = 'Microsoft Strong Cryptographic Provider';

/**
 * certreq's INF Subject lists RDNs most specific first (CN=…, O=…, C=…), the reverse of the DER
 * order in which the parser prints them. Null when a value does not fit the strict pattern.
 */
export function requestSubject(derOrder: string): string | null {
  const rdns = derOrder.split(/,\s*(?=[A-Za-z]{1,12}=)/).map((r) => r.trim());
  const subject = rdns.reverse().join(', ');
  return matches('subjectDn', subject) ? subject : null;
}

/** The subject for a new RA certificate: the old one's, else `CN=<computer>-MSCEP-RA`. */
export function raSubject(old: StoreCert | undefined, computerName: string): string {
  const fromOld = old ? requestSubject(old.subject) : null;
  return fromOld ?? valid('subjectDn', 'subject', `CN=${computerName}-MSCEP-RA`);
}

/** The old certificate's template when it is a valid name, else the setup default for the kind. */
export function raTemplate(old: StoreCert | undefined, kind: RaKind): string {
  const t = old?.template;
  return t && matches('templateName', t) ? t : RA_REQUEST[kind].template;
}

/** The old key's CryptoAPI provider when NDES supports it; a CNG KSP is replaced (W-NDESACCT). */
export function raProvider(old: StoreCert | undefined): string {
  const p = old?.index?.keyProvider;
  return p && matches('cspName', p) ? p : DEFAULT_CSP;
}
