import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/ra-private-key-readable';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { OID } from '../../../../shared/parse/certificates';
import type { CertIndexEntry, CertStores, Ev, Snapshot, StoreCert } from '../../../../shared/model';
import { DAY, judge, NOW_MS, ok, psJson, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';
import type { KeyUsageName } from '../../../helpers/certs';

const AH = 'iis/applicationHost.config';
const SVC_SID = 'S-1-5-21-1004336348-1177238915-682003330-1107';
// Real NDES applicationHost.config: pool SCEP with ApplicationPoolIdentity (line 133).
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const SPECIFIC = NDES.replace(
  '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />',
  '<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" password="[enc:IISCngProvider:b0ZbXmk=:enc]" idleTimeout="00:00:00" />',
);
const iis = (text: string) => ok(parseIisConfig({ file: AH, text }).config, AH);
const svcJson = psJson(
  { sAMAccountName: 'svc-ndes', objectSid: SVC_SID },
  'commands/service-account.json',
);

type Acl = NonNullable<CertIndexEntry['privateKeyAcl']>;
const SYSTEM_ADMINS: Acl = [
  { identity: 'NT AUTHORITY\\SYSTEM', sid: 'S-1-5-18', rights: 'FullControl' },
  { identity: 'BUILTIN\\Administrators', sid: 'S-1-5-32-544', rights: 'FullControl' },
];
const SVC_READ: Acl = [
  ...SYSTEM_ADMINS,
  { identity: 'CORP\\svc-ndes', sid: SVC_SID, rights: 'Read' },
];
const IUSRS_READ: Acl = [
  ...SYSTEM_ADMINS,
  { identity: 'BUILTIN\\IIS_IUSRS', sid: 'S-1-5-32-568', rights: 'Read, Synchronize' },
];

const caKeys = await rsaKeys();
const raKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA 1, DC=corp, DC=contoso, DC=com';

async function ra(kind: 'cep' | 'ea', acl: Acl | null, notAfterDays = 500): Promise<StoreCert> {
  const ku: KeyUsageName[] = kind === 'cep' ? ['keyEncipherment'] : ['digitalSignature'];
  const der = await makeCert({
    subject: kind === 'cep' ? 'CN=NDES01-MSCEP-RA, O=Contoso' : 'CN=NDES01-MSCEP-RA-EA, O=Contoso',
    keys: raKeys,
    issuer: { name: CA, keys: caKeys },
    notBefore: new Date(NOW_MS - 100 * DAY),
    notAfter: new Date(NOW_MS + notAfterDays * DAY),
    eku: [OID.certificateRequestAgent],
    keyUsage: ku,
    templateName: kind === 'cep' ? 'CEPEncryption' : 'EnrollmentAgentOffline',
    serialNumber: `${kind === 'cep' ? '1' : '2'}${notAfterDays}`,
  });
  return storeCert(der, 'My', { hasPrivateKey: true, privateKeyAcl: acl });
}

const stores = (...certs: StoreCert[]): Ev<CertStores> => ok({ certs, indexState: 'ok' }, 'certs');
const both = async (cep: Acl | null, ea: Acl | null) =>
  stores(await ra('cep', cep), await ra('ea', ea));
const specific = (certs: Ev<CertStores>, extra: Partial<Snapshot> = {}): Partial<Snapshot> => ({
  certs,
  iisConfig: iis(SPECIFIC),
  serviceAccount: svcJson,
  ...extra,
});
const poolIdentity = (certs: Ev<CertStores>): Partial<Snapshot> => ({
  certs,
  iisConfig: iis(NDES),
});

const poolAcl = (pool: string, sid: string): Acl => [
  ...SYSTEM_ADMINS,
  { identity: `IIS APPPOOL\\${pool}`, sid, rights: 'Read' },
];
const POOL_SID = 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415';

describe('ra-private-key-readable', () => {
  type Make = () => Promise<Partial<Snapshot>>;
  const sp =
    (cep: Acl | null, ea: Acl | null, extra: Partial<Snapshot> = {}): Make =>
    async () =>
      specific(await both(cep, ea), extra);
  const svcAce = (
    rights: string,
    identity = 'CORP\\svc-ndes',
    sid: string | null = SVC_SID,
  ): Acl => [{ identity, sid, rights }];

  it.each<[string, Make, string]>([
    ['the service account reads both keys', sp(SVC_READ, SVC_READ), 'pass'],
    ['IIS_IUSRS reads both keys', sp(IUSRS_READ, IUSRS_READ), 'pass'],
    ['FullControl counts as read', sp(svcAce('FullControl'), SVC_READ), 'pass'],
    [
      'without a SID the account name is matched',
      sp(svcAce('Read', 'corp\\SVC-NDES', null), SVC_READ, { serviceAccount: state('error') }),
      'pass',
    ],
    ['only SYSTEM and Administrators fail', sp(SYSTEM_ADMINS, SYSTEM_ADMINS), 'fail'],
    ['one readable key is not enough', sp(SVC_READ, SYSTEM_ADMINS), 'fail'],
    [
      'ReadPermissions is not read access to the key',
      sp(svcAce('ReadPermissions'), SVC_READ),
      'fail',
    ],
    [
      'another domain account does not count',
      sp(
        svcAce('Read', 'CORP\\svc-other', 'S-1-5-21-1004336348-1177238915-682003330-2201'),
        SVC_READ,
      ),
      'fail',
    ],
    [
      'the pool virtual account counts (ApplicationPoolIdentity)',
      async () => poolIdentity(await both(poolAcl('SCEP', POOL_SID), IUSRS_READ)),
      'pass',
    ],
    [
      'another pool virtual account does not count',
      async () => poolIdentity(await both(poolAcl('DefaultAppPool', POOL_SID), IUSRS_READ)),
      'fail',
    ],
    ['an unreadable ACL is unknown', sp(null, SVC_READ), 'unknown'],
    ['a denial on one cert beats an unreadable ACL on the other', sp(null, SYSTEM_ADMINS), 'fail'],
    [
      'only the newest cert of a kind is judged (older one denied)',
      async () =>
        specific(
          stores(
            await ra('cep', SVC_READ),
            await ra('ea', SVC_READ, 600),
            await ra('ea', SYSTEM_ADMINS, 200),
          ),
        ),
      'pass',
    ],
    [
      'only the newest cert of a kind is judged (newest denied)',
      async () =>
        specific(
          stores(
            await ra('cep', SVC_READ),
            await ra('ea', SYSTEM_ADMINS, 600),
            await ra('ea', SVC_READ, 200),
          ),
        ),
      'fail',
    ],
    ['no RA certificate is unknown', async () => specific(stores()), 'unknown'],
    [
      'an unusable certs/index.json is unknown',
      async () =>
        specific(ok({ certs: [await ra('cep', SVC_READ)], indexState: 'error' }, 'certs')),
      'unknown',
    ],
  ])('%s', async (_name, make, expected) => {
    expect(judge(rule, await make()).status).toBe(expected);
  });

  it('names the certificate and the principals that should read it', async () => {
    const certs = await both(SVC_READ, SYSTEM_ADMINS);
    const ea = certs.value?.certs[1];
    const f = judge(rule, specific(certs));
    expect(f.summary).toBe(
      `The private key of the Enrollment Agent (Offline request) certificate ${ea?.thumbprint} grants Read to none of CORP\\svc-ndes, S-1-5-32-568, IIS APPPOOL\\SCEP.`,
    );
    expect(f.evidence[1]).toMatchObject({
      kind: 'certificate',
      thumbprint: ea?.thumbprint,
      template: 'EnrollmentAgentOffline',
    });
    expect(f.evidence[2]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([
        ['CEP Encryption', certs.value?.certs[0]?.thumbprint, 'CORP\\svc-ndes', SVC_SID, 'Read'],
      ]),
    });
    expect(f.fixes[0]?.wizard).toBe('grant-ra-key-read');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when certs or the IIS config are %s',
    async (st) => {
      const certs = await both(SVC_READ, SVC_READ);
      expect(judge(rule, specific(state(st, 'certs'))).status).toBe('unknown');
      expect(judge(rule, specific(certs, { iisConfig: state(st, AH) })).status).toBe('unknown');
    },
  );
});
