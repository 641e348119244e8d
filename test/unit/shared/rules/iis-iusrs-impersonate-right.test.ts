import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/iis-iusrs-impersonate-right';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseSeceditInf } from '../../../../shared/parse/secedit-inf';
import type { Snapshot } from '../../../../shared/model';
import { judge, ok, psJson, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const INF = 'commands/secedit-user-rights.inf';
const SVC_SID = 'S-1-5-21-1004336348-1177238915-682003330-1107';
// A real STIG-hardened `secedit /export` (UTF-16LE): SeImpersonatePrivilege lacks IIS_IUSRS.
const STIG = new TextDecoder('utf-16le').decode(
  sample('secedit-inf/Tsumihara-STIG-secpol.cfg-secedit-export-utf16le.inf'),
);
const STIG_LINE = 'SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-6';
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

/** The STIG export with its SeImpersonatePrivilege line replaced ('' removes it). */
const rights = (line: string) =>
  ok(parseSeceditInf(STIG.replace(`${STIG_LINE}\r\n`, line === '' ? '' : `${line}\r\n`)), INF);
const parts = (line: string, extra: Partial<Snapshot> = {}): Partial<Snapshot> => ({
  userRights: rights(line),
  iisConfig: iis(SPECIFIC),
  serviceAccount: svcJson,
  ...extra,
});

describe('iis-iusrs-impersonate-right', () => {
  it.each([
    ['the STIG export without IIS_IUSRS fails', parts(STIG_LINE), 'fail'],
    ['IIS_IUSRS added passes', parts(`${STIG_LINE},*S-1-5-32-568`), 'pass'],
    ['the service account SID passes', parts(`${STIG_LINE},*${SVC_SID}`), 'pass'],
    ['a bare name equal to the pool userName passes', parts(`${STIG_LINE},corp\\SVC-NDES`), 'pass'],
    ['a missing line means nobody holds it', parts(''), 'fail'],
    [
      'the account SID does not count when the pool is ApplicationPoolIdentity',
      parts(`${STIG_LINE},*${SVC_SID}`, {
        iisConfig: iis(NDES),
        serviceAccount: { state: 'absent', path: 'commands/service-account.json' },
      }),
      'fail',
    ],
    [
      'without applicationHost.config other holders are unknown',
      parts(STIG_LINE, { iisConfig: state('error', AH) }),
      'unknown',
    ],
    [
      'without applicationHost.config IIS_IUSRS still passes',
      parts('SeImpersonatePrivilege = *S-1-5-32-568', { iisConfig: state('error', AH) }),
      'pass',
    ],
    [
      'a domain SID holder with the account SID unknown is unknown',
      parts(`${STIG_LINE},*S-1-5-21-1004336348-1177238915-682003330-3001`, {
        serviceAccount: state('error'),
      }),
      'unknown',
    ],
    [
      'an absent export is unknown',
      parts(STIG_LINE, { userRights: { state: 'absent', path: INF } }),
      'unknown',
    ],
  ])('%s', (_name, p, expected) => {
    expect(judge(rule, p).status).toBe(expected);
  });

  it('shows the holders of the right', () => {
    const f = judge(rule, parts(STIG_LINE));
    expect(f.summary).toBe(
      'SeImpersonatePrivilege is held by *S-1-5-19, *S-1-5-20, *S-1-5-32-544, *S-1-5-6, but neither IIS_IUSRS nor the service account.',
    );
    expect(f.evidence).toEqual([
      {
        kind: 'keyValue',
        caption: INF,
        items: [
          { key: 'SeImpersonatePrivilege', value: '*S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-6' },
        ],
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('grant-impersonate-right');
  });

  it('says when nobody holds the right', () => {
    expect(judge(rule, parts('')).summary).toBe(
      'No account holds SeImpersonatePrivilege (the line is missing from [Privilege Rights]).',
    );
  });

  it('names the service account when it holds the right itself', () => {
    expect(judge(rule, parts(`SeImpersonatePrivilege = *${SVC_SID}`)).summary).toBe(
      'SeImpersonatePrivilege is granted to the service account CORP\\svc-ndes.',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the export is %s',
    (st) => {
      expect(judge(rule, parts(STIG_LINE, { userRights: state(st, INF) })).status).toBe('unknown');
    },
  );
});
