import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-endpoint-403';
import type { ProbeExchange } from '../../../../shared/model';
import { judge, ok, state } from '../../../helpers/snapshot';
import { EXTERNAL, LOCAL, exchange } from '../../../helpers/probe';

const FORBIDDEN =
  '<h1>Server Error in Application "DEFAULT WEB SITE/CERTSRV/MSCEP"</h1><h2>HTTP Error 403.0 - Forbidden</h2>';
const NDES_PAGE =
  '<HTML><Head><Meta HTTP-Equiv="Content-Type" Content="text/html; charset=UTF-8"><Title>Network Device Enrollment Service</Title></Head>' +
  '<Body BgColor=#FFFFFF><Font ID=locPageFont Face="Arial"><Table Border=0 CellSpacing=0 CellPadding=4 Width=100% BgColor=#008080>' +
  '<TR><TD><Font Color=#FFFFFF><LocID ID=locMSCertSrv><Font Face="Arial" Size=-1><B><I>Microsoft</I></B> Active Directory Certificate Services</Font></LocID></Font></TD></TR></Table>' +
  '<P> Network Device Enrollment Service allows you to obtain certificates for routers or other network devices using the Simple Certificate Enrollment Protocol (SCEP). </P></Body></HTML>';
const base = (
  url: string,
  status: number | null,
  extra: Partial<ProbeExchange> & { body?: string } = {},
) => exchange('base', url, status, extra);
const probe = (...xs: ProbeExchange[]) => ok(xs, 'probe/mscep.json');

describe('mscep-endpoint-403', () => {
  it.each([
    ['403 passes', [base(LOCAL, 403, { body: FORBIDDEN })], 'pass'],
    ['403 locally and through App Proxy passes', [base(LOCAL, 403), base(EXTERNAL, 403)], 'pass'],
    ['200 with the NDES page fails', [base(LOCAL, 200, { body: NDES_PAGE })], 'fail'],
    ['500 fails', [base(LOCAL, 500)], 'fail'],
    ['503 fails', [base(LOCAL, 503)], 'fail'],
    [
      'a transport error fails',
      [
        base(LOCAL, null, {
          error: 'No connection could be made because the target machine actively refused it.',
        }),
      ],
      'fail',
    ],
    [
      'each URL is judged: a broken external URL fails',
      [base(LOCAL, 403), base(EXTERNAL, 504)],
      'fail',
    ],
    [
      'getcacaps alone is not the base URL: unknown',
      [exchange('getcacaps', `${LOCAL}?operation=GetCACaps`, 200)],
      'unknown',
    ],
  ] as const)('%s', (_name, xs, expected) => {
    expect(judge(rule, { probe: probe(...xs) }).status).toBe(expected);
  });

  it.each([
    [
      '200 with the NDES page',
      base(LOCAL, 200, { body: NDES_PAGE }),
      'policy-module-configured',
      /policy module is not loaded/,
    ],
    [
      '200 with another page',
      base(LOCAL, 200, { body: '<html>Welcome</html>' }),
      undefined,
      /something other than mscep\.dll/,
    ],
    ['500', base(LOCAL, 500), 'service-account-enabled', /service account/],
    ['503', base(LOCAL, 503), 'scep-apppool-running', /pool/],
    ['414', base(LOCAL, 414), 'mscep-long-url-rejected', /Too Long/],
    [
      'GatewayTimeout on the App Proxy URL',
      base(EXTERNAL, 504),
      'app-proxy-connector-running',
      /App Proxy connector/,
    ],
    [
      'no answer on the App Proxy URL ("This page can\'t be displayed")',
      base(EXTERNAL, null, { error: 'The remote name could not be resolved' }),
      undefined,
      /external URL is wrong/,
    ],
  ] as const)('decodes %s', (_name, x, checkId, meaning) => {
    const f = judge(rule, { probe: probe(x) });
    expect(f.status).toBe('fail');
    expect(f.decoded).toHaveLength(1);
    expect(f.decoded[0]!.meaning).toMatch(meaning);
    expect(f.decoded[0]!.checkId).toBe(checkId);
  });

  it('names the failing URL and shows every probed URL', () => {
    const f = judge(rule, { probe: probe(base(LOCAL, 403), base(EXTERNAL, 504)) });
    expect(f.summary).toBe(
      `1 of 2 probed SCEP base URLs did not answer 403 Forbidden: ${EXTERNAL} (HTTP 504).`,
    );
    expect(f.evidence).toHaveLength(2);
    expect(f.evidence[1]).toMatchObject({
      kind: 'keyValue',
      items: expect.arrayContaining([{ key: 'Status', value: '504' }]),
    });
  });

  it('is unknown when the probe did not run', () => {
    expect(judge(rule, { probe: state('absent', 'probe/mscep.json') }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the probe is %s',
    (st) => {
      expect(judge(rule, { probe: state(st, 'probe/mscep.json') }).status).toBe('unknown');
    },
  );
});
