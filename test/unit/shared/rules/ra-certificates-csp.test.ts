import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ra-certificates-csp';
import { OID } from '../../../../shared/parse/certificates';
import type { CertStores, Ev, Snapshot, StoreCert } from '../../../../shared/model';
import type { EventRecord } from '../../../../shared/parse/event-xml';
import { DAY, judge, NOW_MS, ok, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';
import { eventLog } from '../../../helpers/windows-events';

const caKeys = await rsaKeys();
const raKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com';
const STRONG = 'Microsoft Strong Cryptographic Provider';
const KSP = 'Microsoft Software Key Storage Provider';
const DEP = 'events/Microsoft-Windows-CertificateServices-Deployment%4Operational.xml';

let serial = 0;
async function ra(
  kind: 'cep' | 'ea',
  keyProvider: string | null,
  toDays = 500,
): Promise<StoreCert> {
  const der = await makeCert({
    subject: 'CN=NDES01-MSCEP-RA, O=Contoso',
    keys: raKeys,
    issuer: { name: CA, keys: caKeys },
    notBefore: new Date(NOW_MS - 100 * DAY),
    notAfter: new Date(NOW_MS + toDays * DAY),
    eku: [OID.certificateRequestAgent],
    keyUsage: kind === 'cep' ? ['keyEncipherment'] : ['digitalSignature'],
    templateName: kind === 'cep' ? 'CEPEncryption' : 'EnrollmentAgentOffline',
    serialNumber: (++serial).toString(16).padStart(2, '0'),
  });
  return storeCert(der, 'My', { hasPrivateKey: true, keyProvider, keySpec: 1 });
}
const stores = (certs: StoreCert[], indexState = 'ok'): Ev<CertStores> =>
  ok({ certs, indexState }, 'certs/');

// The install command line as CertificateServices-Deployment event 105 records it.
const command = (signing: string, encryption: string) =>
  'Install-AdcsNetworkDeviceEnrollmentService -ServiceAccountName "CORP\\svc-ndes" -CAConfig "CA01.corp.contoso.com\\Contoso Issuing CA" ' +
  `-RAName "NDES01-MSCEP-RA" -SigningProviderName "${signing}" -SigningKeyLength 2048 ` +
  `-EncryptionProviderName "${encryption}" -EncryptionKeyLength 2048`;
const installed = (
  signing: string,
  encryption: string,
  where: 'data' | 'message' = 'data',
): Ev<EventRecord[]> =>
  eventLog(
    [
      {
        provider: 'Microsoft-Windows-CertificateServices-Deployment',
        id: 105,
        level: 4,
        agoMs: 400 * DAY,
        recordId: 3,
        channel: 'Microsoft-Windows-CertificateServices-Deployment/Operational',
        data: where === 'data' ? [{ name: 'Command', value: command(signing, encryption) }] : [],
        // fr-FR host: the words around the command are localized, the cmdlet parameters are not.
        message: `L'installation du service d'inscription de périphériques réseau est terminée. Commande : ${command(signing, encryption)}`,
      },
    ],
    DEP,
  );

type Make = () => Promise<Partial<Snapshot>>;
const both =
  (cep: string | null, ea: string | null): Make =>
  async () => ({
    certs: stores([await ra('cep', cep), await ra('ea', ea)]),
  });

describe('ra-certificates-csp', () => {
  it.each<[string, Make, string]>([
    ['both keys in the Strong CSP pass', both(STRONG, STRONG), 'pass'],
    [
      'the RSA SChannel CSP passes',
      both('Microsoft RSA SChannel Cryptographic Provider', STRONG),
      'pass',
    ],
    ['an Enrollment Agent key in the software KSP fails', both(STRONG, KSP), 'fail'],
    [
      'a key in the TPM KSP (Platform Crypto Provider) fails',
      both('Microsoft Platform Crypto Provider', STRONG),
      'fail',
    ],
    ['an unrecognized provider name is unknown', both(STRONG, 'Contoso HSM Provider'), 'unknown'],
    [
      'a renewed pair in the CSP passes although an older key is in a KSP',
      async () => ({
        certs: stores([await ra('cep', KSP, 30), await ra('cep', STRONG), await ra('ea', STRONG)]),
      }),
      'pass',
    ],
    [
      'the newest key in a KSP fails although an older one is in the CSP',
      async () => ({
        certs: stores([await ra('cep', STRONG, 30), await ra('cep', KSP), await ra('ea', STRONG)]),
      }),
      'fail',
    ],
    [
      'providers not recorded: event 105 with CSPs passes',
      async () => ({ ...(await both(null, null)()), eventsDeployment: installed(STRONG, STRONG) }),
      'pass',
    ],
    [
      'providers not recorded: event 105 with a KSP for signing fails',
      async () => ({ ...(await both(null, null)()), eventsDeployment: installed(KSP, STRONG) }),
      'fail',
    ],
    [
      'event 105 is read from the message when EventData is empty (fr-FR)',
      async () => ({
        ...(await both(null, null)()),
        eventsDeployment: installed(STRONG, KSP, 'message'),
      }),
      'fail',
    ],
    [
      'providers not recorded and no event 105 is unknown',
      async () => ({
        ...(await both(null, null)()),
        eventsDeployment: { state: 'absent', path: DEP },
      }),
      'unknown',
    ],
    [
      'providers not recorded and an unreadable Deployment log is unknown',
      async () => ({ ...(await both(null, null)()), eventsDeployment: state('error', DEP) }),
      'unknown',
    ],
    ['a KSP fails even when the other provider is unknown', both(KSP, null), 'fail'],
    ['one provider unknown and the other a CSP is unknown', both(STRONG, null), 'unknown'],
    [
      'no RA certificate: the install event decides',
      async () => ({ certs: stores([]), eventsDeployment: installed(STRONG, STRONG) }),
      'pass',
    ],
    [
      'no RA certificate and no install event is unknown',
      async () => ({ certs: stores([]) }),
      'unknown',
    ],
  ])('%s', async (_name, make, expected) => {
    expect(judge(rule, await make()).status).toBe(expected);
  });

  it('names the certificate and the KSP', async () => {
    const e = await ra('ea', KSP);
    const f = judge(rule, { certs: stores([await ra('cep', STRONG), e]) });
    expect(f.summary).toBe(
      `The Enrollment Agent (Offline request) RA key (certificate ${e.thumbprint}) is held by "${KSP}", a CNG Key Storage Provider; NDES only supports CryptoAPI CSPs.`,
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([
        ['Enrollment Agent (Offline request)', e.thumbprint, KSP, 'judged (newest)'],
      ]),
    });
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it('names event 105 and its parameter when it decides', async () => {
    const f = judge(rule, {
      ...(await both(null, null)()),
      eventsDeployment: installed(KSP, STRONG),
    });
    expect(f.summary).toBe(
      `The Enrollment Agent (Offline request) RA key (event 105, -SigningProviderName) is held by "${KSP}", a CNG Key Storage Provider; NDES only supports CryptoAPI CSPs.`,
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'event', file: DEP, eventId: 105, recordId: 3, count: 1 }),
    );
  });

  it('lists the providers when it passes', async () => {
    const f = judge(rule, await both(STRONG, 'Microsoft Enhanced Cryptographic Provider v1.0')());
    expect(f.summary).toBe(
      `The RA keys are held by CryptoAPI CSPs: CEP Encryption: ${STRONG}; Enrollment Agent (Offline request): Microsoft Enhanced Cryptographic Provider v1.0.`,
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the certificates are %s',
    (st) => {
      expect(
        judge(rule, { certs: state(st, 'certs/'), eventsDeployment: installed(STRONG, STRONG) })
          .status,
      ).toBe('unknown');
    },
  );
});
