import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ra-certificates-present';
import { Extension } from '../../../../shared/parse/x509-lib';
import { OID } from '../../../../shared/parse/certificates';
import type { CertIndexEntry, CertStores, Ev, Snapshot, StoreCert } from '../../../../shared/model';
import { DAY, judge, NOW_MS, ok, psJson, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';
import type { KeyUsageName } from '../../../helpers/certs';
import { templateInfoExt } from '../../../fixtures/lib/der';

const caKeys = await rsaKeys();
const raKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com';
const CEP_OID = '1.3.6.1.4.1.311.21.8.8234517.10947520.14239427.3094873.1356620.214.9183354.1';
const EA_OID = '1.3.6.1.4.1.311.21.8.8234517.10947520.14239427.3094873.1356620.214.9183354.2';

let serial = 0;
async function cert(o: {
  cn: string;
  ku: KeyUsageName[];
  v1?: string;
  v2?: string;
  eku?: string[];
  store?: 'My' | 'Root' | 'CA';
  index?: Partial<CertIndexEntry>;
}): Promise<StoreCert> {
  const der = await makeCert({
    subject: `CN=${o.cn}, O=Contoso`,
    keys: raKeys,
    issuer: { name: CA, keys: caKeys },
    notBefore: new Date(NOW_MS - 100 * DAY),
    notAfter: new Date(NOW_MS + 600 * DAY),
    eku: o.eku ?? [OID.certificateRequestAgent],
    keyUsage: o.ku,
    templateName: o.v1,
    extensions: o.v2
      ? [
          new Extension(
            '1.3.6.1.4.1.311.21.7',
            false,
            new Uint8Array(templateInfoExt(o.v2, 100, 3)),
          ),
        ]
      : [],
    serialNumber: (++serial).toString(16).padStart(2, '0'),
  });
  return storeCert(der, o.store ?? 'My', { hasPrivateKey: true, ...o.index });
}

const cep = (index: Partial<CertIndexEntry> = {}) =>
  cert({ cn: 'NDES01-MSCEP-RA', ku: ['keyEncipherment'], v1: 'CEPEncryption', index });
const ea = (index: Partial<CertIndexEntry> = {}) =>
  cert({ cn: 'NDES01-MSCEP-RA', ku: ['digitalSignature'], v1: 'EnrollmentAgentOffline', index });
// v2 copies ("NDES CEP Encryption") often carry both key usages; only their OID names them.
const v2 = (oid: string) =>
  cert({ cn: 'NDES01-MSCEP-RA', ku: ['digitalSignature', 'keyEncipherment'], v2: oid });
const tls = () =>
  cert({
    cn: 'ndes01.corp.contoso.com',
    ku: ['digitalSignature', 'keyEncipherment'],
    eku: [OID.serverAuth],
  });

const stores = (certs: StoreCert[], indexState = 'ok'): Ev<CertStores> =>
  ok({ certs, indexState }, 'certs/');
const templateOids = psJson(
  [
    { Name: 'NDESCEPEncryption', DisplayName: 'NDES CEP Encryption', Oid: CEP_OID },
    {
      Name: 'NDESEnrollmentAgentOffline',
      DisplayName: 'NDES Enrollment Agent (Offline request)',
      Oid: EA_OID,
    },
  ],
  'commands/template-oids.json',
);

type Make = () => Promise<Partial<Snapshot>>;

describe('ra-certificates-present', () => {
  it.each<[string, Make, string]>([
    [
      'both kinds present passes',
      async () => ({ certs: stores([await cep(), await ea(), await tls()]) }),
      'pass',
    ],
    [
      'no Enrollment Agent fails',
      async () => ({ certs: stores([await cep(), await tls()]) }),
      'fail',
    ],
    ['no CEP Encryption fails', async () => ({ certs: stores([await ea()]) }), 'fail'],
    ['no RA certificate at all fails', async () => ({ certs: stores([await tls()]) }), 'fail'],
    [
      'an Enrollment Agent without its private key does not count',
      async () => ({ certs: stores([await cep(), await ea({ hasPrivateKey: false })]) }),
      'fail',
    ],
    [
      'request-agent certificates in the CA store do not count',
      async () => ({
        certs: stores([
          await cep(),
          await cert({ cn: 'EA', ku: ['digitalSignature'], store: 'CA' }),
        ]),
      }),
      'fail',
    ],
    [
      'v2 copies are told apart by the template names of template-oids.json',
      async () => ({ certs: stores([await v2(CEP_OID), await v2(EA_OID)]), templateOids }),
      'pass',
    ],
    [
      'v2 copies without template-oids.json look like two CEP Encryption certificates',
      async () => ({
        certs: stores([await v2(CEP_OID), await v2(EA_OID)]),
        templateOids: state('error'),
      }),
      'fail',
    ],
    [
      'an unreadable certs/index.json is unknown',
      async () => ({ certs: stores([await cep(), await ea()], 'error') }),
      'unknown',
    ],
  ])('%s', async (_name, make, expected) => {
    expect(judge(rule, await make()).status).toBe(expected);
  });

  it('lists the RA certificates and counts them', async () => {
    const [c, e] = [await cep(), await ea()];
    const f = judge(rule, { certs: stores([c, e]) });
    expect(f.summary).toBe(
      'LocalMachine\\My holds 1 CEP Encryption and 1 Enrollment Agent RA certificates with private keys.',
    );
    expect(f.evidence).toEqual([
      expect.objectContaining({
        kind: 'certificate',
        thumbprint: c.thumbprint,
        role: 'CEP Encryption RA certificate',
        template: 'CEPEncryption',
      }),
      expect.objectContaining({
        thumbprint: e.thumbprint,
        role: 'Enrollment Agent (Offline request) RA certificate',
        template: 'EnrollmentAgentOffline',
      }),
    ]);
  });

  it('names the missing kind and shows a request-agent certificate without a key', async () => {
    const e = await ea({ hasPrivateKey: false });
    const f = judge(rule, { certs: stores([await cep(), e]) });
    expect(f.summary).toBe(
      'LocalMachine\\My holds no Enrollment Agent (Offline request) RA certificate with a private key.',
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        thumbprint: e.thumbprint,
        hasPrivateKey: false,
        role: 'Certificate Request Agent certificate without a private key (not usable by NDES)',
      }),
    );
    expect(f.fixes[0]?.wizard).toBe('renew-ra-certificates');
  });

  it('resolves v2 template names for the details', async () => {
    const f = judge(rule, { certs: stores([await v2(CEP_OID), await v2(EA_OID)]), templateOids });
    expect(f.evidence.map((e) => (e.kind === 'certificate' ? e.template : null))).toEqual([
      'NDESCEPEncryption',
      'NDESEnrollmentAgentOffline',
    ]);
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the certificates are %s',
    (st) => {
      expect(judge(rule, { certs: state(st, 'certs/') }).status).toBe('unknown');
    },
  );
});
