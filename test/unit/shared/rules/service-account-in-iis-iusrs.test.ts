import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/service-account-in-iis-iusrs';
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

/** A Get-LocalGroupMember row as PowerShell 5.1 serializes it (SID as a SecurityIdentifier object). */
const member = (name: string, sid: string, objectClass = 'User', source = 2) => ({
  Name: name,
  SID: { BinaryLength: 28, AccountDomainSid: null, Value: sid },
  ObjectClass: objectClass,
  PrincipalSource: source,
});
const groups = (iisIusrs: unknown) =>
  psJson(
    {
      'S-1-5-32-568': iisIusrs,
      'S-1-5-32-544': [member('NDES01\\Administrator', 'S-1-5-21-1-2-3-500', 'User', 1)],
    },
    'commands/local-groups.json',
  );

const base = (localGroups = groups([member('CORP\\svc-ndes', SVC_SID)])): Partial<Snapshot> => ({
  localGroups,
  iisConfig: iis(),
  serviceAccount: adAccount,
});

describe('service-account-in-iis-iusrs', () => {
  it.each([
    ['a direct member by SID passes', base(), 'pass'],
    [
      'a single member not wrapped in an array passes',
      base(groups(member('CORP\\svc-ndes', SVC_SID))),
      'pass',
    ],
    [
      'the SID decides, not the name (renamed account)',
      base(groups([member('CORP\\svc-scep-renamed', SVC_SID)])),
      'pass',
    ],
    [
      'same name, other SID fails',
      base(groups([member('CORP\\svc-ndes', 'S-1-5-21-9-9-9-1107')])),
      'fail',
    ],
    ['an empty IIS_IUSRS fails', base(groups([])), 'fail'],
    [
      'membership through a domain group only fails',
      base(
        groups([
          member('CORP\\NDES Servers', 'S-1-5-21-1004336348-1177238915-682003330-3101', 'Group'),
        ]),
      ),
      'fail',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('falls back to the name when no SID is available', () => {
    const f = judge(rule, {
      ...base(),
      serviceAccount: state('error', 'commands/service-account.json'),
    });
    expect(f.status).toBe('pass');
    expect(f.evidence[0]).toMatchObject({
      kind: 'keyValue',
      items: expect.arrayContaining([{ key: 'objectSid', value: '(unknown: compared by name)' }]),
    });
  });

  it('lists member groups whose nested members cannot be resolved', () => {
    const f = judge(
      rule,
      base(
        groups([
          member('CORP\\NDES Servers', 'S-1-5-21-1004336348-1177238915-682003330-3101', 'Group'),
        ]),
      ),
    );
    expect(f.summary).toBe(
      'The service account CORP\\svc-ndes is not a direct member of IIS_IUSRS (S-1-5-32-568); the member groups CORP\\NDES Servers may contain it, but nested membership cannot be resolved offline.',
    );
    expect(f.evidence[1]).toMatchObject({
      kind: 'table',
      rows: [
        [
          'CORP\\NDES Servers',
          'S-1-5-21-1004336348-1177238915-682003330-3101',
          'Group',
          'ActiveDirectory',
        ],
      ],
    });
    expect(f.fixes[0]?.wizard).toBe('add-iis-iusrs-member');
  });

  it.each([
    [
      'ApplicationPoolIdentity',
      { ...base(), iisConfig: iis(SCEP_PM), serviceAccount: state('absent') },
    ],
    [
      'no applicationHost.config',
      { ...base(), iisConfig: state('absent', 'iis/applicationHost.config') },
    ],
  ] as [string, Partial<Snapshot>][])('is not applicable with %s', (_name, parts) => {
    expect(judge(rule, parts).status).toBe('not-applicable');
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
