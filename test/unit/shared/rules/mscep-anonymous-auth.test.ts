import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-anonymous-auth';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const MSCEP_WC = 'iis/web.config/Default Web Site/CertSrv/mscep/web.config';
// Real NDES applicationHost.config: global anonymous enabled="true" userName="IUSR" (line 338), and
// NDES setup's <anonymousAuthentication enabled="true" /> at the mscep location (line 843).
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const MSCEP_ANON = '<anonymousAuthentication enabled="true" />';
const GLOBAL_ANON = '<anonymousAuthentication enabled="true" userName="IUSR" />';
const MSCEP_LOCATION = '<location path="Default Web Site/CertSrv/mscep">';
const webConfig = (enabled: string) =>
  `<configuration>\n  <system.webServer>\n    <security>\n      <authentication>\n` +
  `        <anonymousAuthentication enabled="${enabled}" />\n      </authentication>\n` +
  `    </security>\n  </system.webServer>\n</configuration>\n`;

function iis(text: string, webConfigs: Record<string, string> = {}) {
  const files = Object.entries(webConfigs).map(([file, t]) => ({ file, text: t }));
  return ok(parseIisConfig({ file: AH, text }, files).config, AH);
}

const unlocked = NDES.replace(
  MSCEP_LOCATION,
  MSCEP_LOCATION.replace('>', ' overrideMode="Allow">'),
);

describe('mscep-anonymous-auth', () => {
  it.each([
    ['the NDES setup configuration passes', NDES, {}, 'pass'],
    [
      'disabled at the mscep location fails',
      NDES.replace(MSCEP_ANON, '<anonymousAuthentication enabled="false" />'),
      {},
      'fail',
    ],
    ['inherited from the global section passes', NDES.replace(MSCEP_ANON, ''), {}, 'pass'],
    [
      'disabled globally and not set at mscep fails',
      NDES.replace(MSCEP_ANON, '').replace(
        GLOBAL_ANON,
        '<anonymousAuthentication enabled="false" userName="IUSR" />',
      ),
      {},
      'fail',
    ],
    [
      'a web.config cannot disable the locked section',
      NDES,
      { [MSCEP_WC]: webConfig('false') },
      'pass',
    ],
    [
      'a web.config disables it where a location unlocks the section',
      unlocked,
      { [MSCEP_WC]: webConfig('false') },
      'fail',
    ],
    [
      'set nowhere is unknown',
      NDES.replace(MSCEP_ANON, '').replace(
        GLOBAL_ANON,
        '<anonymousAuthentication userName="IUSR" />',
      ),
      {},
      'unknown',
    ],
    [
      'a value IIS cannot read is unknown',
      NDES.replace(MSCEP_ANON, '<anonymousAuthentication enabled="yes" />'),
      {},
      'unknown',
    ],
  ])('%s', (_name, text, webConfigs, expected) => {
    expect(judge(rule, { iisConfig: iis(text, webConfigs) }).status).toBe(expected);
  });

  it('points at the level that sets the effective value, and shows windowsAuthentication', () => {
    const f = judge(rule, { iisConfig: iis(NDES) });
    expect(f.summary).toBe(
      'Anonymous authentication is enabled at Default Web Site/CertSrv/mscep (set by <location path="Default Web Site/CertSrv/mscep">).',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'config',
      file: AH,
      line: 843,
      location: '<location path="Default Web Site/CertSrv/mscep">',
      setting: 'anonymousAuthentication@enabled',
      value: 'true',
    });
    expect(f.evidence[1]).toMatchObject({
      setting: 'windowsAuthentication@enabled',
      value: 'true',
      line: 836,
    });
  });

  it('falls back to the global line when mscep does not set it', () => {
    const f = judge(rule, { iisConfig: iis(NDES.replace(MSCEP_ANON, '')) });
    expect(f.evidence[0]).toMatchObject({ location: '(global)', line: 338, value: 'true' });
  });

  it('lists web.config settings that IIS ignores because the section is locked', () => {
    const f = judge(rule, { iisConfig: iis(NDES, { [MSCEP_WC]: webConfig('false') }) });
    expect(f.evidence[2]).toMatchObject({
      kind: 'table',
      rows: [['anonymousAuthentication@enabled', MSCEP_WC, '5', 'overrideModeDefault="Deny"']],
    });
  });

  it('points at the web.config once a location unlocks the section', () => {
    const f = judge(rule, { iisConfig: iis(unlocked, { [MSCEP_WC]: webConfig('false') }) });
    expect(f.evidence[0]).toMatchObject({
      file: MSCEP_WC,
      line: 5,
      location: 'web.config',
      value: 'false',
    });
    expect(f.fixes[0]?.wizard).toBe('enable-mscep-anonymous-auth');
  });

  it('is unknown when no site holds /CertSrv/mscep', () => {
    const pre = new TextDecoder().decode(
      sample('applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original'),
    );
    expect(judge(rule, { iisConfig: iis(pre) }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the config is %s',
    (st) => {
      expect(judge(rule, { iisConfig: state(st, AH) }).status).toBe('unknown');
    },
  );
});
