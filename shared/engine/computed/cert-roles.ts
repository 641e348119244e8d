// Why a certificate matters to NDES, for the certificate views: RA pair, TLS binding, connector
// client certificate, trust anchors.
import type { Snapshot, StoreCert } from '../../model';
import { isOk } from '../../model';
import { raKind } from './ra-certs';
import { regLookup, regString } from './registry';

export function roleOf(
  s: Pick<Snapshot, 'sslBindings' | 'regIntune' | 'regMscep'>,
  c: StoreCert,
): string | null {
  const store = c.store.toLowerCase();
  if (store === 'my') {
    const kind = c.index?.hasPrivateKey ? raKind(c) : null;
    if (kind) return `ra-${kind}`;
    if (isOk(s.sslBindings) && s.sslBindings.value.some((b) => b.certificateHash === c.thumbprint))
      return 'tls';
    const current = regString(
      regLookup(
        s.regIntune,
        'HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector',
        'EncryptionCertThumbprint',
      ).value?.data,
    );
    const legacy = regString(
      regLookup(
        s.regMscep,
        'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy',
        'NDESCertThumbprint',
      ).value?.data,
    );
    const norm = (t: string | null) => (t ?? '').replace(/[^0-9a-f]/gi, '').toUpperCase();
    if (norm(current) === c.thumbprint || norm(legacy) === c.thumbprint) return 'connector';
    return null;
  }
  if (store === 'root') return 'root';
  if (store === 'ca') return 'ca';
  return null;
}
