import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ra-certificates-valid';
import { OID } from '../../../../shared/parse/certificates';
import type { CertStores, Ev, StoreCert } from '../../../../shared/model';
import { DAY, judge, NOW_MS, ok, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';

const caKeys = await rsaKeys();
const raKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com';

let serial = 0;
/** An RA certificate valid from `fromDays` to `toDays` around collection (negative = before). */
async function ra(kind: 'cep' | 'ea', toDays: number, fromDays = -700): Promise<StoreCert> {
  const der = await makeCert({
    subject: 'CN=NDES01-MSCEP-RA, O=Contoso',
    keys: raKeys,
    issuer: { name: CA, keys: caKeys },
    notBefore: new Date(NOW_MS + fromDays * DAY),
    notAfter: new Date(NOW_MS + toDays * DAY),
    eku: [OID.certificateRequestAgent],
    keyUsage: kind === 'cep' ? ['keyEncipherment'] : ['digitalSignature'],
    templateName: kind === 'cep' ? 'CEPEncryption' : 'EnrollmentAgentOffline',
    serialNumber: (++serial).toString(16).padStart(2, '0'),
  });
  return storeCert(der, 'My', { hasPrivateKey: true });
}

const stores = (certs: StoreCert[], indexState = 'ok'): Ev<CertStores> =>
  ok({ certs, indexState }, 'certs/');

type Make = () => Promise<StoreCert[]>;

describe('ra-certificates-valid', () => {
  it.each<[string, Make, string]>([
    [
      'both valid for a year passes',
      async () => [await ra('cep', 365), await ra('ea', 365)],
      'pass',
    ],
    ['31 days left passes', async () => [await ra('cep', 31), await ra('ea', 365)], 'pass'],
    ['exactly 30 days left warns', async () => [await ra('cep', 365), await ra('ea', 30)], 'warn'],
    ['20 days left warns', async () => [await ra('cep', 20), await ra('ea', 365)], 'warn'],
    [
      'an expired CEP Encryption fails',
      async () => [await ra('cep', -1), await ra('ea', 365)],
      'fail',
    ],
    [
      'a not yet valid Enrollment Agent fails',
      async () => [await ra('cep', 365), await ra('ea', 730, 2)],
      'fail',
    ],
    ['expired beats expiring', async () => [await ra('cep', 10), await ra('ea', -3)], 'fail'],
    [
      'an expired older pair does not matter when a renewed one exists',
      async () => [
        await ra('cep', -30),
        await ra('ea', -30),
        await ra('cep', 700),
        await ra('ea', 700),
      ],
      'pass',
    ],
    [
      'an older certificate expiring sooner is not judged',
      async () => [await ra('cep', 365), await ra('ea', 400), await ra('ea', 10)],
      'pass',
    ],
    [
      'one kind only, valid, passes (the other kind is not applicable)',
      async () => [await ra('cep', 365)],
      'pass',
    ],
    ['one kind only, expired, fails', async () => [await ra('ea', -5)], 'fail'],
    ['no RA certificate is not applicable', async () => [], 'not-applicable'],
  ])('%s', async (_name, make, expected) => {
    expect(judge(rule, { certs: stores(await make()) }).status).toBe(expected);
  });

  it('names the expired certificate and its date', async () => {
    const cep = await ra('cep', -1);
    const f = judge(rule, { certs: stores([cep, await ra('ea', 20)]) });
    expect(f.summary).toBe(
      `The newest CEP Encryption RA certificate ${cep.thumbprint} expired on ${cep.notAfter}.`,
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/expires on .*, in 20 days \(30 days or less\)\.$/),
    });
    expect(f.fixes[0]?.wizard).toBe('renew-ra-certificates');
  });

  it('judges the newest and lists older certificates', async () => {
    const old = await ra('ea', -30);
    const renewed = await ra('ea', 700);
    const cep = await ra('cep', 700);
    const f = judge(rule, { certs: stores([old, cep, renewed]) });
    expect(f.summary).toBe(
      `Both newest RA certificates are valid for more than 30 days: CEP Encryption until ${cep.notAfter}, Enrollment Agent until ${renewed.notAfter}.`,
    );
    expect(f.evidence).toEqual([
      expect.objectContaining({
        thumbprint: cep.thumbprint,
        role: 'Newest CEP Encryption RA certificate (judged)',
      }),
      expect.objectContaining({
        thumbprint: renewed.thumbprint,
        role: 'Newest Enrollment Agent (Offline request) RA certificate (judged)',
      }),
      expect.objectContaining({
        thumbprint: old.thumbprint,
        role: 'Older Enrollment Agent (Offline request) RA certificate (listed only)',
      }),
    ]);
  });

  it('says which kind it could not judge', async () => {
    const cep = await ra('cep', 365);
    const f = judge(rule, { certs: stores([cep]) });
    expect(f.summary).toMatch(
      /^The newest CEP Encryption RA certificate .* is valid until .* \(365 days left\)\.$/,
    );
    expect(f.evidence[0]).toEqual({
      kind: 'text',
      text: 'There is no Enrollment Agent (Offline request) RA certificate to judge (see ra-certificates-present).',
    });
  });

  it('is unknown without certs/index.json (private keys unknown)', async () => {
    const f = judge(rule, { certs: stores([await ra('cep', -1)], 'error') });
    expect(f.status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the certificates are %s',
    (st) => {
      expect(judge(rule, { certs: state(st, 'certs/') }).status).toBe('unknown');
    },
  );
});
