import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ra-certificates-issuer';
import { OID, parseCertificate } from '../../../../shared/parse/certificates';
import type { CertStores, Ev, ProbeExchange, Snapshot, StoreCert } from '../../../../shared/model';
import { DAY, judge, NOW_MS, ok, reg, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';

const caKeys = await rsaKeys();
const rekeyedCaKeys = await rsaKeys();
const oldCaKeys = await rsaKeys();
const raKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com';
const OLD_CA = 'CN=Contoso Old Issuing CA, DC=corp, DC=contoso, DC=com';

let serial = 0;
async function ra(
  kind: 'cep' | 'ea',
  issuer = { name: CA, keys: caKeys },
  toDays = 500,
): Promise<StoreCert> {
  const der = await makeCert({
    subject: 'CN=NDES01-MSCEP-RA, O=Contoso',
    keys: raKeys,
    issuer,
    notBefore: new Date(NOW_MS - 100 * DAY),
    notAfter: new Date(NOW_MS + toDays * DAY),
    eku: [OID.certificateRequestAgent],
    keyUsage: kind === 'cep' ? ['keyEncipherment'] : ['digitalSignature'],
    templateName: kind === 'cep' ? 'CEPEncryption' : 'EnrollmentAgentOffline',
    keyIds: true,
    serialNumber: (++serial).toString(16).padStart(2, '0'),
  });
  return storeCert(der, 'My', { hasPrivateKey: true });
}
const old = { name: OLD_CA, keys: oldCaKeys };

const caCert = async (keys: CryptoKeyPair) =>
  parseCertificate(
    await makeCert({
      subject: CA,
      keys,
      ca: true,
      keyIds: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
    }),
  );
const getCaCert = (certs: Awaited<ReturnType<typeof caCert>>[]): Ev<ProbeExchange[]> =>
  ok(
    [
      {
        name: 'getcacert',
        url: 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACert&message=NDESDoctor',
        method: 'GET',
        status: 200,
        headers: { 'content-type': 'application/x-x509-ca-ra-cert' },
        bodyBase64: null,
        elapsedMs: 40,
        error: null,
        p7bCerts: certs,
        p7bFile: 'probe/getcacert-1.p7b',
      },
    ],
    'probe/mscep.json',
  );

const caInfo = (value: string) =>
  reg(
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]\r\n"Configuration"="${value}"\r\n`,
    'registry/mscep.reg',
  );
const CONFIG = caInfo('CA01.corp.contoso.com\\\\Contoso Issuing CA');
const stores = (certs: StoreCert[], indexState = 'ok'): Ev<CertStores> =>
  ok({ certs, indexState }, 'certs/');

type Make = () => Promise<Partial<Snapshot>>;

describe('ra-certificates-issuer', () => {
  it.each<[string, Make, string]>([
    [
      'both from the configured CA passes',
      async () => ({ certs: stores([await ra('cep'), await ra('ea')]), regMscep: CONFIG }),
      'pass',
    ],
    [
      'the CA name is compared without case and surrounding spaces',
      async () => ({
        certs: stores([await ra('cep'), await ra('ea')]),
        regMscep: caInfo('ca01\\\\ contoso issuing ca '),
      }),
      'pass',
    ],
    [
      'an Enrollment Agent from another CA fails',
      async () => ({ certs: stores([await ra('cep'), await ra('ea', old)]), regMscep: CONFIG }),
      'fail',
    ],
    [
      'a newest CEP Encryption from another CA fails even with an older one from the right CA',
      async () => ({
        certs: stores([await ra('cep', undefined, 200), await ra('cep', old, 600), await ra('ea')]),
        regMscep: CONFIG,
      }),
      'fail',
    ],
    [
      'an older pair from the old CA is not judged',
      async () => ({
        certs: stores([
          await ra('cep', old, 10),
          await ra('ea', old, 10),
          await ra('cep'),
          await ra('ea'),
        ]),
        regMscep: CONFIG,
      }),
      'pass',
    ],
    [
      'one kind only, from the right CA, passes',
      async () => ({ certs: stores([await ra('cep')]), regMscep: CONFIG }),
      'pass',
    ],
    [
      'no RA certificate is not applicable',
      async () => ({ certs: stores([]), regMscep: CONFIG }),
      'not-applicable',
    ],
    [
      'no MSCEP key is not applicable',
      async () => ({
        certs: stores([await ra('cep')]),
        regMscep: { state: 'absent', path: 'registry/mscep.reg' },
      }),
      'not-applicable',
    ],
    [
      'an empty CAInfo is not applicable',
      async () => ({ certs: stores([await ra('cep')]), regMscep: caInfo('') }),
      'not-applicable',
    ],
    [
      'a CAInfo without a CA name is not applicable',
      async () => ({ certs: stores([await ra('cep')]), regMscep: caInfo('CA01') }),
      'not-applicable',
    ],
    [
      'an unreadable certs/index.json is unknown',
      async () => ({ certs: stores([await ra('cep', old)], 'error'), regMscep: CONFIG }),
      'unknown',
    ],
  ])('%s', async (_name, make, expected) => {
    expect(judge(rule, await make()).status).toBe(expected);
  });

  it('names the certificate, its issuer and the configured CA', async () => {
    const e = await ra('ea', old);
    const f = judge(rule, { certs: stores([await ra('cep'), e]), regMscep: CONFIG });
    expect(f.summary).toBe(
      `The newest Enrollment Agent (Offline request) RA certificate ${e.thumbprint} was issued by "Contoso Old Issuing CA", not by the configured CA "Contoso Issuing CA".`,
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      valueName: 'Configuration',
      value: 'CA01.corp.contoso.com\\Contoso Issuing CA',
      line: 4,
    });
    expect(f.fixes[0]?.wizard).toBe('renew-ra-certificates');
  });

  it('compares each RA AKI with the SKI of the CA certificate GetCACert returned', async () => {
    const [c, e] = [await ra('cep'), await ra('ea')];
    const ca = await caCert(caKeys);
    const f = judge(rule, { certs: stores([c, e]), regMscep: CONFIG, probe: getCaCert([ca]) });
    expect(f.status).toBe('pass');
    expect(c.aki).toBe(ca.ski);
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'certificate',
        thumbprint: ca.thumbprint,
        file: 'probe/getcacert-1.p7b',
        role: 'CA certificate returned by GetCACert',
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'table',
        rows: [
          ['CEP Encryption', c.thumbprint, 'Contoso Issuing CA', c.aki, ca.ski, 'yes'],
          [
            'Enrollment Agent (Offline request)',
            e.thumbprint,
            'Contoso Issuing CA',
            e.aki,
            ca.ski,
            'yes',
          ],
        ],
      }),
    );
  });

  it('flags a CA re-keyed under the same name as a detail', async () => {
    const [c, e] = [await ra('cep'), await ra('ea')];
    const renewed = await caCert(rekeyedCaKeys);
    const f = judge(rule, { certs: stores([c, e]), regMscep: CONFIG, probe: getCaCert([renewed]) });
    expect(f.status).toBe('pass');
    expect(f.evidence[0]).toEqual({
      kind: 'text',
      text: `The CEP Encryption RA certificate ${c.thumbprint} names the right CA, but its authority key identifier ${c.aki} matches no certificate of "Contoso Issuing CA" that GetCACert returned: the CA may have been renewed with a new key.`,
    });
  });

  it('shows the AKI as not comparable without a probe', async () => {
    const f = judge(rule, {
      certs: stores([await ra('cep')]),
      regMscep: CONFIG,
      probe: state('error', 'probe/mscep.json'),
    });
    expect(f.status).toBe('pass');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'table', rows: [expect.arrayContaining(['not available'])] }),
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when certs or mscep.reg are %s',
    async (st) => {
      const certs = stores([await ra('cep')]);
      expect(judge(rule, { certs: state(st, 'certs/'), regMscep: CONFIG }).status).toBe('unknown');
      expect(judge(rule, { certs, regMscep: state(st, 'registry/mscep.reg') }).status).toBe(
        'unknown',
      );
    },
  );
});
