import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-getcacert-ok';
import type { CertStores, ProbeExchange, StoreCert } from '../../../../shared/model';
import type { CertSummary } from '../../../../shared/parse/certificates';
import { parseCertificate } from '../../../../shared/parse/certificates';
import { judge, ok, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';
import { EXTERNAL, LOCAL, exchange } from '../../../helpers/probe';

const RA_EKU = '1.3.6.1.4.1.311.20.2.1';
const CA_NAME = 'CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com';
type Name = 'ca' | 'cep' | 'ea' | 'oldCep' | 'oldEa' | 'foreignEa';
const der = {} as Record<Name, Uint8Array>;
const summary = {} as Record<Name, CertSummary>;

beforeAll(async () => {
  const caKeys = await rsaKeys();
  const raKeys = await rsaKeys();
  const issuer = { name: CA_NAME, keys: caKeys };
  const ra = (serial: string, kind: 'cep' | 'ea', notAfter: string) =>
    makeCert({
      subject: kind === 'cep' ? 'CN=NDES01-MSCEP-RA, C=US' : 'CN=NDES01-MSCEP-RA, O=Contoso, C=US',
      keys: raKeys,
      issuer,
      serialNumber: serial,
      notBefore: new Date(Date.parse(notAfter) - 2 * 365 * 86_400_000),
      notAfter: new Date(notAfter),
      eku: [RA_EKU],
      keyUsage: kind === 'cep' ? ['keyEncipherment'] : ['digitalSignature'],
      templateName: kind === 'cep' ? 'CEPEncryption' : 'EnrollmentAgentOffline',
    });
  der.ca = await makeCert({
    subject: CA_NAME,
    keys: caKeys,
    ca: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  der.cep = await ra('1a01', 'cep', '2027-10-01T00:00:00Z');
  der.ea = await ra('1a02', 'ea', '2027-10-01T00:00:00Z');
  // The pair before the renewal: expired on 2026-10-01, still in My, still served until iisreset.
  der.oldCep = await ra('0f01', 'cep', '2026-10-01T00:00:00Z');
  der.oldEa = await ra('0f02', 'ea', '2026-10-01T00:00:00Z');
  der.foreignEa = await ra('0e02', 'ea', '2027-12-01T00:00:00Z');
  for (const k of Object.keys(der) as Name[]) summary[k] = await parseCertificate(der[k]);
});

async function stores(
  over: Partial<Record<Name, Parameters<typeof storeCert>[2]>> = {},
): Promise<CertStores> {
  const my: StoreCert[] = [];
  for (const k of ['cep', 'ea', 'oldCep', 'oldEa'] as const)
    my.push(await storeCert(der[k], 'My', over[k] ?? {}));
  my.push(await storeCert(der.ca, 'CA', null));
  return { certs: my, indexState: 'ok' };
}

const getcacert = (url: string, certs: Name[] | null, extra: Partial<ProbeExchange> = {}) =>
  exchange('getcacert', `${url}?operation=GetCACert&message=ca`, 200, {
    headers: { 'content-type': 'application/x-x509-ca-ra-cert' },
    p7bCerts: certs && certs.map((k) => summary[k]),
    p7bFile: certs && 'probe/getcacert-1.p7b',
    ...extra,
  });

describe('mscep-getcacert-ok', () => {
  it.each([
    ['the CA and the current pair pass', () => [getcacert(LOCAL, ['ca', 'cep', 'ea'])], 'pass'],
    ['the pre-renewal pair fails', () => [getcacert(LOCAL, ['ca', 'oldCep', 'oldEa'])], 'fail'],
    ['a missing Enrollment Agent fails', () => [getcacert(LOCAL, ['ca', 'cep'])], 'fail'],
    [
      'an RA cert that is not in My fails',
      () => [getcacert(LOCAL, ['ca', 'cep', 'foreignEa'])],
      'fail',
    ],
    ['HTTP 500 fails', () => [getcacert(LOCAL, null, { status: 500 })], 'fail'],
    [
      'a transport error fails',
      () => [
        getcacert(LOCAL, null, { status: null, error: 'The underlying connection was closed' }),
      ],
      'fail',
    ],
    ['200 without the .p7b is unknown', () => [getcacert(LOCAL, null)], 'unknown'],
    [
      '200 with an unreadable .p7b is unknown',
      () => [getcacert(LOCAL, null, { p7bFile: 'probe/getcacert-1.p7b' })],
      'unknown',
    ],
    [
      'worst of several URLs: a stale external URL fails',
      () => [getcacert(LOCAL, ['ca', 'cep', 'ea']), getcacert(EXTERNAL, ['ca', 'oldCep', 'oldEa'])],
      'fail',
    ],
    [
      'worst of several URLs: an unknown one is unknown',
      () => [getcacert(LOCAL, ['ca', 'cep', 'ea']), getcacert(EXTERNAL, null)],
      'unknown',
    ],
    ['no getcacert entry is unknown', () => [exchange('base', LOCAL, 403)], 'unknown'],
  ] as const)('%s', async (_name, xs, expected) => {
    expect(
      judge(rule, { probe: ok(xs(), 'probe/mscep.json'), certs: ok(await stores(), 'certs/') })
        .status,
    ).toBe(expected);
  });

  it('fails when the served RA cert has no private key in My', async () => {
    const certs = ok(await stores({ ea: { hasPrivateKey: false } }), 'certs/');
    const f = judge(rule, {
      probe: ok([getcacert(LOCAL, ['ca', 'cep', 'ea'])], 'probe/mscep.json'),
      certs,
    });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain(summary.ea.thumbprint);
    expect(f.summary).toContain('Enrollment Agent');
  });

  it('names the stale certificates and shows the current ones', async () => {
    const f = judge(rule, {
      probe: ok([getcacert(LOCAL, ['ca', 'oldCep', 'oldEa'])], 'probe/mscep.json'),
      certs: ok(await stores(), 'certs/'),
    });
    expect(f.summary).toBe(
      `GetCACert on ${LOCAL}?operation=GetCACert&message=ca returns the CEP Encryption RA certificate ${summary.oldCep.thumbprint}, which is not a currently valid RA certificate of that kind in LocalMachine\\My.`,
    );
    expect(f.evidence).toContainEqual({
      kind: 'text',
      text: expect.stringContaining(summary.oldEa.thumbprint),
    });
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'certificate',
        file: 'probe/getcacert-1.p7b',
        thumbprint: summary.oldCep.thumbprint,
      }),
    );
    const current = f.evidence.filter(
      (e) => e.kind === 'certificate' && e.file.startsWith('certs/'),
    );
    expect(current.map((e) => (e.kind === 'certificate' ? e.thumbprint : ''))).toEqual([
      summary.cep.thumbprint,
      summary.ea.thumbprint,
    ]);
  });

  it('is unknown without certs/index.json (private keys unknown)', async () => {
    const certs = ok({ ...(await stores()), indexState: 'error' }, 'certs/');
    expect(
      judge(rule, { probe: ok([getcacert(LOCAL, ['ca', 'cep', 'ea'])], 'probe/mscep.json'), certs })
        .status,
    ).toBe('unknown');
  });

  it('is unknown when the probe did not run', async () => {
    const f = judge(rule, {
      probe: state('absent', 'probe/mscep.json'),
      certs: ok(await stores(), 'certs/'),
    });
    expect(f.status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the probe or the stores are %s',
    async (st) => {
      const certs = ok(await stores(), 'certs/');
      const probe = ok([getcacert(LOCAL, ['ca', 'cep', 'ea'])], 'probe/mscep.json');
      expect(judge(rule, { probe: state(st, 'probe/mscep.json'), certs }).status).toBe('unknown');
      expect(judge(rule, { probe, certs: state(st, 'certs/') }).status).toBe('unknown');
    },
  );
});
