import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/service-account-logon-rights';
import type { Snapshot } from '../../../../shared/model';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseSeceditInf } from '../../../../shared/parse/secedit-inf';
import { decodeText } from '../../../../shared/parse/text-decode';
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

const SVC = 'S-1-5-21-1004336348-1177238915-682003330-1107';
const adAccount = psJson(
  { sAMAccountName: 'svc-ndes', objectSid: SVC },
  'commands/service-account.json',
);
const member = (name: string, sid: string) => ({
  Name: name,
  SID: sid,
  ObjectClass: 'User',
  PrincipalSource: 'ActiveDirectory',
});
const groups = (inIisIusrs: boolean) =>
  psJson(
    { 'S-1-5-32-568': inIisIusrs ? [member('CORP\\svc-ndes', SVC)] : [], 'S-1-5-32-544': [] },
    'commands/local-groups.json',
  );

/**
 * A genuine `secedit /export` (UTF-16LE, STIG-hardened Windows: SeBatchLogonRight without IIS_IUSRS,
 * SeServiceLogonRight = *S-1-5-80-0, Guest denied network and interactive logon) with lines replaced.
 */
const STIG = decodeText(
  sample('secedit-inf/Tsumihara-STIG-secpol.cfg-secedit-export-utf16le.inf'),
).text;
function rights(set: Record<string, string> = {}) {
  let text = STIG;
  for (const [right, holders] of Object.entries(set)) {
    const line = `${right} = ${holders}`;
    const re = new RegExp(`^${right} = .*$`, 'm');
    text = re.test(text)
      ? text.replace(re, line)
      : text.replace('[Privilege Rights]\r\n', `[Privilege Rights]\r\n${line}\r\n`);
  }
  return ok(parseSeceditInf(text), 'commands/secedit-user-rights.inf');
}

const BATCH_IIS = { SeBatchLogonRight: '*S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559,*S-1-5-32-568' };
const SERVICE_SVC = { SeServiceLogonRight: `*S-1-5-80-0,*${SVC}` };
const parts = (set: Record<string, string>, inIisIusrs = true): Partial<Snapshot> => ({
  userRights: rights(set),
  localGroups: groups(inIisIusrs),
  iisConfig: iis(),
  serviceAccount: adAccount,
});

describe('service-account-logon-rights', () => {
  it.each([
    ['the STIG export as is (no batch right for the account) fails', parts({}), 'fail'],
    [
      'batch through IIS_IUSRS and service by own SID passes',
      parts({ ...BATCH_IIS, ...SERVICE_SVC }),
      'pass',
    ],
    [
      'batch through IIS_IUSRS does not count when not a member',
      parts({ ...BATCH_IIS, ...SERVICE_SVC }, false),
      'fail',
    ],
    [
      'batch by own SID without the service right warns',
      parts({ SeBatchLogonRight: `*S-1-5-32-544,*${SVC}` }),
      'warn',
    ],
    [
      'a bare name equal to the pool userName counts',
      parts({ ...BATCH_IIS, SeServiceLogonRight: '*S-1-5-80-0,CORP\\svc-ndes' }),
      'pass',
    ],
    [
      'denied batch logon by own SID fails',
      parts({ ...BATCH_IIS, ...SERVICE_SVC, SeDenyBatchLogonRight: `*${SVC}` }),
      'fail',
    ],
    [
      'IIS_IUSRS in a deny right fails for a member',
      parts({ ...BATCH_IIS, ...SERVICE_SVC, SeDenyNetworkLogonRight: 'Guest,*S-1-5-32-568' }),
      'fail',
    ],
    [
      'IIS_IUSRS in a deny right does not touch a non-member',
      parts(
        {
          SeBatchLogonRight: `*${SVC}`,
          ...SERVICE_SVC,
          SeDenyNetworkLogonRight: 'Guest,*S-1-5-32-568',
        },
        false,
      ),
      'pass',
    ],
    [
      'an empty SeBatchLogonRight line means nobody holds it',
      parts({ SeBatchLogonRight: '' }),
      'fail',
    ],
  ])('%s', (_name, p, expected) => {
    expect(judge(rule, p).status).toBe(expected);
  });

  it('names the deny right and how the account holds it', () => {
    const f = judge(
      rule,
      parts({ ...BATCH_IIS, ...SERVICE_SVC, SeDenyServiceLogonRight: '*S-1-5-32-568' }),
    );
    expect(f.summary).toBe(
      'The service account CORP\\svc-ndes is denied SeDenyServiceLogonRight (held by IIS_IUSRS (S-1-5-32-568)).',
    );
  });

  it('shows the rights table, SeInteractiveLogonRight included, and unexpanded deny-right groups', () => {
    const domainGroup = '*S-1-5-21-1004336348-1177238915-682003330-3107';
    const f = judge(
      rule,
      parts({
        ...BATCH_IIS,
        ...SERVICE_SVC,
        SeDenyRemoteInteractiveLogonRight: `Guest,${domainGroup}`,
      }),
    );
    expect(f.status).toBe('pass');
    expect(f.evidence[1]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([
        [
          'SeBatchLogonRight',
          '*S-1-5-32-544, *S-1-5-32-551, *S-1-5-32-559, *S-1-5-32-568',
          'IIS_IUSRS (S-1-5-32-568)',
        ],
        ['SeServiceLogonRight', `*S-1-5-80-0, *${SVC}`, 'its own entry'],
        [
          'SeInteractiveLogonRight',
          '__vmware__, Guest, *S-1-5-32-544, *S-1-5-32-545, *S-1-5-32-551',
          '—',
        ],
        ['SeDenyNetworkLogonRight', 'Guest', '—'],
      ]),
    });
    expect(f.evidence[2]).toMatchObject({
      kind: 'table',
      rows: [
        ['SeDenyNetworkLogonRight', 'Guest'],
        ['SeDenyInteractiveLogonRight', 'Guest'],
        ['SeDenyRemoteInteractiveLogonRight', 'Guest'],
        ['SeDenyRemoteInteractiveLogonRight', domainGroup],
      ],
    });
  });

  it('is not applicable with ApplicationPoolIdentity', () => {
    const p = {
      ...parts({}),
      iisConfig: iis(SCEP_PM),
      serviceAccount: state('absent', 'commands/service-account.json'),
    };
    expect(judge(rule, p as Partial<Snapshot>).status).toBe('not-applicable');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when an input is %s',
    (st) => {
      expect(
        judge(rule, { ...parts({}), userRights: state(st, 'commands/secedit-user-rights.inf') })
          .status,
      ).toBe('unknown');
      expect(
        judge(rule, { ...parts({}), localGroups: state(st, 'commands/local-groups.json') }).status,
      ).toBe('unknown');
      expect(
        judge(rule, { ...parts({}), iisConfig: state(st, 'iis/applicationHost.config') }).status,
      ).toBe('unknown');
    },
  );
});
