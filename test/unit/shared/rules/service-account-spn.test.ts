import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/service-account-spn';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseSetspn } from '../../../../shared/parse/setspn';
import type { Snapshot } from '../../../../shared/model';
import { judge, manifest, ok, psJson, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const SA = 'commands/service-account.json';
const SETSPN = 'commands/setspn-L.txt';
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const SPECIFIC = NDES.replace(
  '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />',
  '<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" password="[enc:IISCngProvider:b0ZbXmk=:enc]" idleTimeout="00:00:00" />',
);
const iis = (text: string) => ok(parseIisConfig({ file: AH, text }).config, AH);
const account = (spns: string[] | string) =>
  psJson(
    {
      sAMAccountName: 'svc-ndes',
      objectSid: 'S-1-5-21-1004336348-1177238915-682003330-1107',
      servicePrincipalName: spns,
    },
    SA,
  );
/** `setspn -L` output in the layout of the real samples (header, tab-indented SPNs). */
const setspn = (...spns: string[]) =>
  ok(
    parseSetspn(
      `c:\\Tools>setspn -L CORP\\svc-ndes\r\nRegistered ServicePrincipalNames for CN=svc-ndes,OU=Service Accounts,DC=corp,DC=contoso,DC=com:\r\n${spns.map((s) => `\t${s}\r\n`).join('')}`,
    ),
    SETSPN,
  );
const parts = (extra: Partial<Snapshot>): Partial<Snapshot> => ({
  iisConfig: iis(SPECIFIC),
  ...extra,
});

describe('service-account-spn', () => {
  it.each([
    [
      'HTTP/<FQDN> in servicePrincipalName passes',
      parts({ serviceAccount: account(['HTTP/ndes01.corp.contoso.com', 'HTTP/ndes01']) }),
      'pass',
    ],
    [
      'a single SPN written as a bare string passes',
      parts({ serviceAccount: account('http/NDES01.corp.contoso.com') }),
      'pass',
    ],
    [
      'HTTP/<FQDN> in setspn -L passes',
      parts({ setspn: setspn('HTTP/ndes01.corp.contoso.com', 'HTTP/ndes01') }),
      'pass',
    ],
    [
      'only the short name warns',
      parts({ serviceAccount: account(['HTTP/ndes01']), setspn: setspn('HTTP/ndes01') }),
      'warn',
    ],
    [
      'only a load-balancer name warns',
      parts({ serviceAccount: account(['HTTP/scep.contoso.com']) }),
      'warn',
    ],
    ['no SPN at all warns', parts({ serviceAccount: account([]) }), 'warn'],
    [
      'a port-qualified SPN is not HTTP/<FQDN>',
      parts({ setspn: setspn('HTTP/ndes01.corp.contoso.com:443') }),
      'warn',
    ],
    [
      'ApplicationPoolIdentity is not applicable',
      { iisConfig: iis(NDES), serviceAccount: { state: 'absent' as const, path: SA } },
      'not-applicable',
    ],
    [
      'no SPN source available is unknown',
      parts({ serviceAccount: state('error', SA), setspn: state('skipped', SETSPN) }),
      'unknown',
    ],
    [
      'an unknown FQDN is unknown',
      parts({
        serviceAccount: account(['HTTP/ndes01']),
        manifest: manifest({ host: { computerName: 'NDES01' } }),
      }),
      'unknown',
    ],
  ])('%s', (_name, p, expected) => {
    expect(judge(rule, p).status).toBe(expected);
  });

  it('lists the other HTTP/ SPNs in the details', () => {
    const f = judge(
      rule,
      parts({
        serviceAccount: account(['HTTP/scep.contoso.com', 'HOST/ndes01']),
        setspn: setspn('HTTP/scep.contoso.com', 'HOST/ndes01'),
      }),
    );
    expect(f.summary).toBe(
      'The service account CORP\\svc-ndes has no SPN HTTP/ndes01.corp.contoso.com.',
    );
    expect(f.evidence).toEqual([
      {
        kind: 'table',
        caption: 'SPNs of the service account',
        headers: ['SPN', 'Source'],
        rows: [
          ['HTTP/scep.contoso.com', SA],
          ['HOST/ndes01', SA],
          ['HTTP/scep.contoso.com', SETSPN],
          ['HOST/ndes01', SETSPN],
        ],
      },
      {
        kind: 'table',
        caption: 'Other HTTP/ SPNs of the service account (custom or load-balancer names)',
        headers: ['SPN'],
        rows: [['HTTP/scep.contoso.com']],
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the IIS config is %s',
    (st) => {
      expect(
        judge(rule, {
          iisConfig: state(st, AH),
          serviceAccount: account(['HTTP/ndes01.corp.contoso.com']),
        }).status,
      ).toBe('unknown');
    },
  );
});
