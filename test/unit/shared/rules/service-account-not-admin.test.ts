import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/service-account-not-admin';
import type { Snapshot } from '../../../../shared/model';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { judge, ok, psJson, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const SCEP_PM = '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />';
const iis = (
  pm = '<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" password="[enc:IISCngProvider:eHl6:enc]" />',
) =>
  ok(
    parseIisConfig({ file: 'iis/applicationHost.config', text: NDES.replace(SCEP_PM, pm) }).config,
    'iis/applicationHost.config',
  );

const SVC_SID = 'S-1-5-21-1004336348-1177238915-682003330-1107';
const adAccount = psJson(
  { sAMAccountName: 'svc-ndes', objectSid: SVC_SID },
  'commands/service-account.json',
);
const member = (name: string, sid: string, objectClass = 'User', source = 'ActiveDirectory') => ({
  Name: name,
  SID: { BinaryLength: 28, AccountDomainSid: null, Value: sid },
  ObjectClass: objectClass,
  PrincipalSource: source,
});
const ADMIN = member('NDES01\\Administrator', 'S-1-5-21-1-2-3-500', 'User', 'Local');
const DOMAIN_ADMINS = member(
  'CORP\\Domain Admins',
  'S-1-5-21-1004336348-1177238915-682003330-512',
  'Group',
);
const groups = (admins: unknown[]) =>
  psJson(
    { 'S-1-5-32-568': [member('CORP\\svc-ndes', SVC_SID)], 'S-1-5-32-544': admins },
    'commands/local-groups.json',
  );
const base = (localGroups = groups([ADMIN, DOMAIN_ADMINS])): Partial<Snapshot> => ({
  localGroups,
  iisConfig: iis(),
  serviceAccount: adAccount,
});

describe('service-account-not-admin', () => {
  it.each([
    ['not in Administrators passes (IIS_IUSRS membership does not count)', base(), 'pass'],
    [
      'a direct member of Administrators warns',
      base(groups([ADMIN, member('CORP\\svc-ndes', SVC_SID)])),
      'warn',
    ],
    [
      'the SID decides: another account with the same name passes',
      base(groups([member('CORP\\svc-ndes', 'S-1-5-21-7-7-7-1107')])),
      'pass',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('names the group by SID and shows the members', () => {
    const f = judge(rule, base(groups([ADMIN, member('CORP\\svc-ndes', SVC_SID)])));
    expect(f.summary).toBe(
      'The service account CORP\\svc-ndes is a direct member of the local Administrators group (S-1-5-32-544).',
    );
    expect(f.evidence[1]).toMatchObject({
      kind: 'table',
      caption: 'Administrators (S-1-5-32-544) members',
      rows: [
        ['NDES01\\Administrator', 'S-1-5-21-1-2-3-500', 'User', 'Local'],
        ['CORP\\svc-ndes', SVC_SID, 'User', 'ActiveDirectory'],
      ],
    });
  });

  it('matches by name when the SID is unknown', () => {
    const parts: Partial<Snapshot> = {
      ...base(groups([member('corp\\SVC-NDES', SVC_SID)])),
      serviceAccount: state('skipped', 'commands/service-account.json'),
    };
    expect(judge(rule, parts).status).toBe('warn');
  });

  it('is not applicable with ApplicationPoolIdentity', () => {
    const parts = {
      ...base(),
      iisConfig: iis(SCEP_PM),
      serviceAccount: state('absent', 'commands/service-account.json'),
    };
    expect(judge(rule, parts as Partial<Snapshot>).status).toBe('not-applicable');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when an input is %s',
    (st) => {
      expect(
        judge(rule, { ...base(), localGroups: state(st, 'commands/local-groups.json') }).status,
      ).toBe('unknown');
      expect(
        judge(rule, { ...base(), iisConfig: state(st, 'iis/applicationHost.config') }).status,
      ).toBe('unknown');
    },
  );
});
