import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-client-cert-valid';
import type { CertStores, Ev, StoreCert } from '../../../../shared/model';
import { judge, ok, reg, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';

const CA = 'CN=Contoso Issuing CA 1, DC=corp, DC=contoso, DC=com';
const caKeys = await rsaKeys();
const keys = await rsaKeys();
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const cert = async (o: { eku?: string[]; notAfter?: string; serial: string }) =>
  storeCert(
    await makeCert({
      subject: 'CN=ndes01.corp.contoso.com',
      keys,
      issuer: { name: CA, keys: caKeys },
      eku: o.eku,
      sanDns: ['ndes01.corp.contoso.com'],
      notAfter: o.notAfter ? new Date(o.notAfter) : undefined,
      serialNumber: o.serial,
    }),
  );
// collectedAt is 2026-11-20T09:14:03Z.
const C = {
  good: await cert({ eku: [CLIENT_AUTH], serial: '01' }),
  noEku: await cert({ serial: '02' }),
  serverOnly: await cert({ eku: [SERVER_AUTH], serial: '03' }),
  expired: await cert({ eku: [CLIENT_AUTH], notAfter: '2026-11-01T00:00:00Z', serial: '04' }),
  expiring: await cert({ eku: [CLIENT_AUTH], notAfter: '2026-12-10T00:00:00Z', serial: '05' }),
};
const stores = (...certs: StoreCert[]): Ev<CertStores> => ok({ certs, indexState: 'ok' }, 'certs/');
const spaced = (t: string) => (t.match(/../g) ?? []).join(' ').toLowerCase();
const legacyRef = (t: string) =>
  reg(
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy]\r\n"NDESCertThumbprint"="${spaced(t)}"\r\n`,
    'registry/mscep.reg',
  );
const currentRef = (t: string) =>
  reg(
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector]\r\n"EncryptionCertThumbprint"="${t}"\r\n`,
    'registry/microsoft-intune.reg',
  );
const noMscepRef = reg(
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]\r\n"SignatureTemplate"="IPSECIntermediateOffline"\r\n',
  'registry/mscep.reg',
);
const noIntune = { state: 'absent' as const, path: 'registry/microsoft-intune.reg' };
const all = stores(...Object.values(C));

describe('connector-client-cert-valid', () => {
  it.each([
    ['a valid legacy client-auth cert passes', legacyRef(C.good.thumbprint), noIntune, all, 'pass'],
    [
      'a legacy cert without any EKU extension passes',
      legacyRef(C.noEku.thumbprint),
      noIntune,
      all,
      'pass',
    ],
    [
      'a valid current connector cert passes',
      noMscepRef,
      currentRef(C.good.thumbprint),
      all,
      'pass',
    ],
    [
      'a current cert without Client Authentication is not judged on EKU',
      noMscepRef,
      currentRef(C.serverOnly.thumbprint),
      all,
      'pass',
    ],
    [
      'a legacy cert without Client Authentication fails',
      legacyRef(C.serverOnly.thumbprint),
      noIntune,
      all,
      'fail',
    ],
    ['an expired cert fails', noMscepRef, currentRef(C.expired.thumbprint), all, 'fail'],
    ['a cert that is not in My fails', legacyRef('AB'.repeat(20)), noIntune, all, 'fail'],
    [
      'a cert expiring within 30 days warns',
      legacyRef(C.expiring.thumbprint),
      noIntune,
      all,
      'warn',
    ],
    [
      'one bad reference of two fails',
      legacyRef(C.good.thumbprint),
      currentRef(C.expired.thumbprint),
      all,
      'fail',
    ],
    ['no referenced thumbprint is not applicable', noMscepRef, noIntune, all, 'not-applicable'],
    [
      'a reference without collected stores is unknown',
      legacyRef(C.good.thumbprint),
      noIntune,
      state<CertStores>('error', 'certs/'),
      'unknown',
    ],
  ])('%s', (_name, regMscep, regIntune, certs, expected) => {
    expect(judge(rule, { regMscep, regIntune, certs }).status).toBe(expected);
  });

  it('normalizes the spaced lower-case thumbprint and shows the certificate', () => {
    const f = judge(rule, {
      regMscep: legacyRef(C.good.thumbprint),
      regIntune: noIntune,
      certs: all,
    });
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      valueName: 'NDESCertThumbprint',
      value: spaced(C.good.thumbprint),
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'certificate',
      thumbprint: C.good.thumbprint,
      eku: [CLIENT_AUTH],
      role: 'Connector client certificate (NDESCertThumbprint)',
    });
  });

  it('says why a legacy cert without Client Authentication fails', () => {
    const f = judge(rule, {
      regMscep: legacyRef(C.serverOnly.thumbprint),
      regIntune: noIntune,
      certs: all,
    });
    expect(f.summary).toBe(
      `The NDESCertThumbprint certificate ${C.serverOnly.thumbprint} has an EKU extension without Client Authentication (1.3.6.1.5.5.7.3.2), so the registration point rejects it with 403.`,
    );
  });

  it('gives the days left of an expiring cert', () => {
    const f = judge(rule, {
      regMscep: legacyRef(C.expiring.thumbprint),
      regIntune: noIntune,
      certs: all,
    });
    expect(f.summary).toBe(
      `The NDESCertThumbprint certificate ${C.expiring.thumbprint} expires in 19 days, on 2026-12-10T00:00:00.000Z.`,
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when mscep.reg is %s',
    (st) => {
      expect(
        judge(rule, {
          regMscep: state(st, 'registry/mscep.reg'),
          regIntune: currentRef(C.good.thumbprint),
          certs: all,
        }).status,
      ).toBe('unknown');
    },
  );
});
