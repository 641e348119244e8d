import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/service-account-enabled';
import { parsePsJson } from '../../../../shared/parse/ps-json';
import { judge, ok, state } from '../../../helpers/snapshot';

/**
 * service-account.json as Windows PowerShell 5.1 ConvertTo-Json writes it; Int64 values stay
 * verbatim in the text (9223372036854775807 exceeds 2^53). collectedAt is 2026-11-20T09:14:03Z.
 */
function account(
  over: { uac?: string; computed?: string | null; expires?: string; lockout?: string } = {},
) {
  const computed =
    over.computed === null
      ? ''
      : `\n    "msDS-User-Account-Control-Computed":  ${over.computed ?? '0'},`;
  const text = `{
    "sAMAccountName":  "svc-ndes",
    "userPrincipalName":  "svc-ndes@corp.contoso.com",
    "objectSid":  "S-1-5-21-1004336348-1177238915-682003330-1107",
    "userAccountControl":  ${over.uac ?? '66048'},${computed}
    "pwdLastSet":  133497810000000000,
    "accountExpires":  ${over.expires ?? '9223372036854775807'},
    "lockoutTime":  ${over.lockout ?? '0'},
    "servicePrincipalName":  [
                                 "HTTP/ndes01.corp.contoso.com",
                                 "HTTP/ndes01"
                             ]
}`;
  return ok(parsePsJson(text), 'commands/service-account.json');
}

describe('service-account-enabled', () => {
  it.each([
    ['an enabled account that never expires passes', account(), 'pass'],
    ['accountExpires 0 means never', account({ expires: '0' }), 'pass'],
    ['an expiry after now passes', account({ expires: '134587872000000000' }), 'pass'],
    ['ACCOUNTDISABLE (0x202) fails', account({ uac: '514' }), 'fail'],
    [
      'LOCKOUT in the computed flags fails',
      account({ computed: '16', lockout: '134395998000000000' }),
      'fail',
    ],
    ['PASSWORD_EXPIRED in the computed flags fails', account({ computed: '8388608' }), 'fail'],
    ['an accountExpires before now fails', account({ expires: '134379648000000000' }), 'fail'],
    [
      'no computed flags is unknown (lockout cannot be judged)',
      account({ computed: null }),
      'unknown',
    ],
    [
      'a disabled account fails even without computed flags',
      account({ uac: '514', computed: null }),
      'fail',
    ],
  ])('%s', (_name, ev, expected) => {
    expect(judge(rule, { serviceAccount: ev }).status).toBe(expected);
  });

  it('explains every cause it found and shows dates from FILETIME', () => {
    const f = judge(rule, {
      serviceAccount: account({
        uac: '514',
        computed: '16',
        expires: '134379648000000000',
        lockout: '134395998000000000',
      }),
    });
    expect(f.summary).toBe('The service account svc-ndes is disabled (ACCOUNTDISABLE).');
    expect(f.decoded).toEqual([
      {
        raw: 'userAccountControl 0x202',
        meaning: 'The service account svc-ndes is disabled (ACCOUNTDISABLE).',
      },
      {
        raw: 'msDS-User-Account-Control-Computed 0x10',
        meaning: 'The service account svc-ndes is locked out (LOCKOUT).',
      },
      {
        raw: 'accountExpires 134379648000000000',
        meaning:
          'The service account svc-ndes expired on 2026-11-01T00:00:00.000Z (accountExpires).',
      },
    ]);
    expect(f.evidence[0]).toMatchObject({
      kind: 'keyValue',
      caption: 'commands/service-account.json',
      items: expect.arrayContaining([
        { key: 'accountExpires', value: '2026-11-01T00:00:00.000Z' },
        { key: 'pwdLastSet', value: '2024-01-15T08:30:00.000Z' },
        { key: 'lockoutTime', value: '2026-11-19T22:10:00.000Z' },
      ]),
    });
  });

  it('reads raw [adsisearcher] properties (lower-case names, one-element collections)', () => {
    const text = `{
    "samaccountname":  ["svc-ndes"],
    "useraccountcontrol":  [66050],
    "msds-user-account-control-computed":  [0],
    "accountexpires":  [9223372036854775807]
}`;
    const f = judge(rule, {
      serviceAccount: ok(parsePsJson(text), 'commands/service-account.json'),
    });
    expect(f.status).toBe('fail');
    expect(f.summary).toBe('The service account svc-ndes is disabled (ACCOUNTDISABLE).');
  });

  it('shows "never" for an account that does not expire', () => {
    const f = judge(rule, { serviceAccount: account() });
    expect(f.summary).toContain('svc-ndes is enabled');
    expect(f.evidence[0]).toMatchObject({
      items: expect.arrayContaining([{ key: 'accountExpires', value: 'never' }]),
    });
  });

  it('is not applicable when service-account.json is absent (ApplicationPoolIdentity)', () => {
    expect(
      judge(rule, { serviceAccount: state('absent', 'commands/service-account.json') }).status,
    ).toBe('not-applicable');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when service-account.json is %s',
    (st) => {
      expect(
        judge(rule, { serviceAccount: state(st, 'commands/service-account.json') }).status,
      ).toBe('unknown');
    },
  );
});
