import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/iis-request-limits';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const MSCEP_WC = 'iis/web.config/Default Web Site/CertSrv/mscep/web.config';
// Real applicationHost.config of an NDES server: maxQueryString="65536" at the mscep location (line
// 848, written by NDES setup), maxUrl set nowhere.
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const MSCEP_LIMITS =
  '<requestLimits maxQueryString="65536" />\n                </requestFiltering>\n            </security>\n            <defaultDocument enabled="true">\n                <files>\n                    <clear />\n                    <add value="mscep.dll" />\n                </files>\n            </defaultDocument>\n        </system.webServer>\n    </location>\n\n</configuration>';

const location = (path: string, attrs: string) =>
  `    <location path="${path}">\n        <system.webServer>\n            <security>\n` +
  `                <requestFiltering>\n                    <requestLimits ${attrs} />\n` +
  `                </requestFiltering>\n            </security>\n        </system.webServer>\n    </location>\n`;
const withLocations = (...locs: string[]) =>
  NDES.replace('</configuration>', `${locs.join('')}</configuration>`);
const globalLimits = (attrs: string) =>
  NDES.replace(
    '<requestFiltering>\n',
    `<requestFiltering>\n                <requestLimits ${attrs} />\n`,
  );
const webConfig = (attrs: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n  <system.webServer>\n    <security>\n` +
  `      <requestFiltering>\n        <requestLimits ${attrs} />\n      </requestFiltering>\n` +
  `    </security>\n  </system.webServer>\n</configuration>\n`;

function iis(text: string, webConfigs: Record<string, string> = {}) {
  const files = Object.entries(webConfigs).map(([file, t]) => ({ file, text: t }));
  return ok(parseIisConfig({ file: AH, text }, files).config, AH);
}

const SITE_OK = location('Default Web Site', 'maxUrl="65534" maxQueryString="65534"');

describe('iis-request-limits', () => {
  it.each([
    ['the NDES setup default fails on maxUrl (unset = 4096)', NDES, {}, 'fail'],
    [
      'limits at the site location plus the mscep maxQueryString pass',
      withLocations(SITE_OK),
      {},
      'pass',
    ],
    [
      'global limits of 65534 pass',
      globalLimits('maxUrl="65534" maxQueryString="65534"'),
      {},
      'pass',
    ],
    [
      'global maxUrl 65533 fails',
      globalLimits('maxUrl="65533" maxQueryString="65534"'),
      {},
      'fail',
    ],
    [
      'a later location for mscep overrides the earlier one',
      withLocations(SITE_OK, location('Default Web Site/CertSrv/mscep', 'maxQueryString="2048"')),
      {},
      'fail',
    ],
    [
      'the mscep location beats a less specific site location written after it',
      NDES.replace(
        MSCEP_LIMITS,
        MSCEP_LIMITS.replace('maxQueryString="65536"', 'maxQueryString="1024" maxUrl="65534"'),
      ).replace(
        '</configuration>',
        `${location('Default Web Site', 'maxUrl="65534" maxQueryString="65534"')}</configuration>`,
      ),
      {},
      'fail',
    ],
    [
      'a web.config at mscep lowering maxUrl fails',
      withLocations(SITE_OK),
      { [MSCEP_WC]: webConfig('maxUrl="8192"') },
      'fail',
    ],
    [
      'a web.config at mscep raising maxUrl passes',
      NDES,
      { [MSCEP_WC]: webConfig('maxUrl="65534"') },
      'pass',
    ],
  ])('%s', (_name, text, webConfigs, expected) => {
    expect(judge(rule, { iisConfig: iis(text, webConfigs) }).status).toBe(expected);
  });

  it('shows where each effective value comes from', () => {
    const f = judge(rule, { iisConfig: iis(NDES) });
    expect(f.summary).toBe(
      'At Default Web Site/CertSrv/mscep, maxUrl is 4096 and maxQueryString is 65536; both must be at least 65534.',
    );
    expect(f.evidence).toEqual([
      {
        kind: 'config',
        file: AH,
        line: undefined,
        location: '(default)',
        setting: 'requestFiltering/requestLimits@maxUrl',
        value: null,
      },
      {
        kind: 'config',
        file: AH,
        line: 848,
        location: '<location path="Default Web Site/CertSrv/mscep">',
        setting: 'requestFiltering/requestLimits@maxQueryString',
        value: '65536',
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('set-iis-request-limits');
  });

  it('points at the web.config that sets the value', () => {
    const f = judge(rule, {
      iisConfig: iis(withLocations(SITE_OK), { [MSCEP_WC]: webConfig('maxUrl="8192"') }),
    });
    expect(f.evidence[0]).toMatchObject({
      file: MSCEP_WC,
      line: 6,
      location: 'web.config',
      value: '8192',
    });
  });

  it('resolves at the real name of the site that holds /CertSrv/mscep', () => {
    const renamed = NDES.replaceAll('Default Web Site', 'NDES');
    const f = judge(rule, {
      iisConfig: iis(
        renamed.replace(
          '</configuration>',
          `${location('NDES', 'maxUrl="65534"')}</configuration>`,
        ),
      ),
    });
    expect(f.status).toBe('pass');
    expect(f.summary).toContain(
      'At NDES/CertSrv/mscep, maxUrl is 65534 and maxQueryString is 65536',
    );
  });

  it('is unknown when a limit is not a number', () => {
    expect(judge(rule, { iisConfig: iis(globalLimits('maxUrl="lots"')) }).status).toBe('unknown');
  });

  it('is unknown when no site holds /CertSrv/mscep', () => {
    const pre = new TextDecoder().decode(
      sample('applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original'),
    );
    const f = judge(rule, { iisConfig: iis(pre) });
    expect(f.status).toBe('unknown');
    expect(f.summary).toContain('no application /CertSrv/mscep');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the config is %s',
    (st) => {
      expect(judge(rule, { iisConfig: state(st, AH) }).status).toBe('unknown');
    },
  );
});
