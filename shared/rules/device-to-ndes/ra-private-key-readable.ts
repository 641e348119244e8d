// NDES signs and decrypts with the RA certificates' private keys inside the SCEP pool; when the pool
// identity cannot read a key, NDES logs events 2 and 10 (0x80070057) and mscep answers HTTP 500
// (X-ASKDS, X-ADCSMGMT, SEED-D2N step 15). Only the newest RA certificate of each kind is judged.
import { defineRule } from '../../engine/define-rule';
import { sameAccount, scepSite, serviceAccount } from '../../engine/computed/host';
import { certEvidence, newestRa, RA_KIND_LABEL, RA_KINDS } from '../../engine/computed/ra-certs';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CertIndexEntry, CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The SCEP pool can read the RA private keys',
  failureTitle: 'The SCEP pool cannot read an RA private key',
  why: 'NDES uses the RA private keys in the SCEP application pool; without Read on a key it fails with events 2 and 10 (0x80070057) and HTTP 500.',
  fix: 'certlm.msc → Personal → RA cert → All Tasks → Manage Private Keys → add the service account with Read. Or run icacls "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<UniqueKeyContainerName>" /grant "CONTOSO\\svc-ndes:R". Then run iisreset.',
  noStores:
    'The certificate stores or certs/index.json were not collected, so the RA key permissions are unknown.',
  noRa: 'No RA certificate with a private key was found in LocalMachine\\My (see ra-certificates-present).',
  noAcl:
    'The private key permissions of the {kind} certificate {thumbprint} could not be read on the host.',
  noSite:
    'The {kind} certificate {thumbprint} grants no read access to IIS_IUSRS, and the SCEP pool identity is unknown (no /CertSrv/mscep application in applicationHost.config).',
  denied:
    'The private key of the {kind} certificate {thumbprint} grants Read to none of {principals}.',
  ok: 'The private keys of the newest RA certificates grant Read to the SCEP pool identity or IIS_IUSRS.',
  tableCaption: 'Private key permissions of the newest RA certificates',
  role: 'Newest {kind} RA certificate',
};

const IIS_IUSRS = 'S-1-5-32-568';
const READ_RIGHTS = /^(read|readandexecute|readdata|genericread|modify|fullcontrol|genericall)$/i;

type Ace = NonNullable<CertIndexEntry['privateKeyAcl']>[number];

function grantsRead(ace: Ace): boolean {
  return ace.rights.split(/[,\s]+/).some((r) => READ_RIGHTS.test(r));
}

export default defineRule({
  meta: {
    id: 'ra-private-key-readable',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['certs', 'iisConfig'],
    optionalEvidence: ['serviceAccount'],
    fixWizard: 'grant-ra-key-read',
  },
  strings,
  check: ({ certs, iisConfig, serviceAccount: saEv }): CheckOutcome => {
    if (!isOk(certs) || certs.value.indexState !== 'ok')
      return { status: 'unknown', summary: strings.noStores };
    const newest = newestRa(certs.value);
    const judged = RA_KINDS.flatMap((k) => {
      const cert = newest[k];
      return cert ? [{ kind: RA_KIND_LABEL[k], cert }] : [];
    });
    if (judged.length === 0) return { status: 'unknown', summary: strings.noRa };
    const site = scepSite({ iisConfig });
    const sa = serviceAccount({ iisConfig, serviceAccount: saEv });
    const pool = site?.pool?.name ?? site?.app.applicationPool ?? null;
    const poolAccount = pool ? `IIS APPPOOL\\${pool}` : null;
    const matches = (ace: Ace): boolean => {
      const sid = ace.sid?.toUpperCase() ?? null;
      const id = ace.identity ?? '';
      if (sid === IIS_IUSRS || (!sid && /(^|\\)IIS_IUSRS$/i.test(id))) return true;
      if (sa && (sa.sid && sid ? sid === sa.sid : id !== '' && sameAccount(id, sa.userName)))
        return true;
      if (poolAccount && id !== '') return sameAccount(id, poolAccount);
      return poolAccount !== null && !!sid?.startsWith('S-1-5-82-');
    };
    const principals = [sa?.userName, IIS_IUSRS, poolAccount]
      .filter((p): p is string => !!p)
      .join(', ');

    const evidence: EvidenceItem[] = judged.map((j) =>
      certEvidence(j.cert, fill(strings.role, { kind: j.kind })),
    );
    evidence.push({
      kind: 'table',
      caption: strings.tableCaption,
      headers: ['Certificate', 'Thumbprint', 'Identity', 'SID', 'Rights'],
      rows: judged.flatMap((j) =>
        (j.cert.index?.privateKeyAcl ?? []).map((a) => [
          j.kind,
          j.cert.thumbprint,
          a.identity ?? '',
          a.sid ?? '',
          a.rights,
        ]),
      ),
    });
    // A definite denial on either certificate outweighs an unreadable ACL on the other.
    let unknown: CheckOutcome | null = null;
    for (const { kind, cert } of judged) {
      const values = { kind, thumbprint: cert.thumbprint, principals };
      const acl = cert.index?.privateKeyAcl;
      if (!acl) {
        unknown ??= { status: 'unknown', summary: fill(strings.noAcl, values), evidence };
      } else if (!acl.some((a) => grantsRead(a) && matches(a))) {
        if (site) return { status: 'fail', summary: fill(strings.denied, values), evidence };
        unknown ??= { status: 'unknown', summary: fill(strings.noSite, values), evidence };
      }
    }
    if (unknown) return unknown;
    return { status: 'pass', summary: strings.ok, evidence };
  },
});
