import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/crp-authentication';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import type { Snapshot } from '../../../../shared/model';
import { judge, ok, psJson, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
// Real NDES applicationHost.config; the legacy connector adds the CRP application and its location.
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const MSCEP_APP = '                <application path="/CertSrv/mscep" applicationPool="SCEP">';
const CRP_APP =
  '                <application path="/CertificateRegistrationSvc" applicationPool="SCEP">\n' +
  '                    <virtualDirectory path="/" physicalPath="C:\\Program Files\\Microsoft Intune\\NDESConnectorSvc\\CRP" />\n' +
  '                </application>\n';
const crpLocation = (auth: string, site = 'Default Web Site') =>
  `    <location path="${site}/CertificateRegistrationSvc">\n        <system.webServer>\n            <security>\n` +
  `                <authentication>\n${auth}                </authentication>\n            </security>\n` +
  `        </system.webServer>\n    </location>\n`;
const ANON_ON = '                    <anonymousAuthentication enabled="true" />\n';
const ANON_OFF = '                    <anonymousAuthentication enabled="false" />\n';
const WIN_ON = '                    <windowsAuthentication enabled="true" />\n';
const WIN_OFF = '                    <windowsAuthentication enabled="false" />\n';

function config(location: string | null, text = NDES) {
  const withApp = text.replace(MSCEP_APP, CRP_APP + MSCEP_APP);
  const full =
    location === null
      ? withApp
      : withApp.replace('</configuration>', `${location}</configuration>`);
  return ok(parseIisConfig({ file: AH, text: full }, []).config, AH);
}
const presence = (products: string[], services: string[] = []): Partial<Snapshot> => ({
  installedProducts: psJson(
    products.map((DisplayName) => ({ DisplayName, DisplayVersion: '6.2101.13.0' })),
    'commands/installed-products.json',
  ),
  services: psJson(
    services.map((Name) => ({ Name, State: 'Running', StartMode: 'Auto' })),
    'commands/services.json',
  ),
  regIntune: { state: 'absent', path: 'registry/microsoft-intune.reg' },
});
const legacy = presence(['Microsoft Intune Connector']);
const currentOnly = presence(
  ['Certificate Connector for Microsoft Intune'],
  ['PFXCertificateConnectorSvc'],
);

describe('crp-authentication', () => {
  it.each<[string, Snapshot['iisConfig'], Partial<Snapshot>, string]>([
    ['anonymous on and Windows off passes', config(crpLocation(ANON_ON + WIN_OFF)), legacy, 'pass'],
    ['Windows authentication on fails', config(crpLocation(ANON_ON + WIN_ON)), legacy, 'fail'],
    ['anonymous off fails', config(crpLocation(ANON_OFF + WIN_OFF)), legacy, 'fail'],
    [
      'unset Windows authentication counts as disabled',
      config(crpLocation(ANON_ON)),
      legacy,
      'pass',
    ],
    ['no CRP location inherits the global defaults and passes', config(null), legacy, 'pass'],
    [
      'with both connectors installed, Windows on fails',
      config(crpLocation(WIN_ON)),
      presence(['Microsoft Intune Connector', 'Certificate Connector for Microsoft Intune']),
      'fail',
    ],
    [
      'without the legacy connector it is not applicable',
      config(crpLocation(WIN_ON)),
      currentOnly,
      'not-applicable',
    ],
    [
      'legacy presence that cannot be told is unknown',
      config(crpLocation(ANON_ON)),
      { ...presence([]), services: state('error', 'commands/services.json') },
      'unknown',
    ],
    [
      'anonymous set nowhere is unknown',
      config(
        null,
        NDES.replace(
          '<anonymousAuthentication enabled="true" userName="IUSR" />',
          '<anonymousAuthentication userName="IUSR" />',
        ),
      ),
      legacy,
      'unknown',
    ],
  ])('%s', (_name, iisConfig, parts, expected) => {
    expect(judge(rule, { iisConfig, ...parts }).status).toBe(expected);
  });

  it('points at the location that enables Windows authentication', () => {
    const f = judge(rule, { iisConfig: config(crpLocation(ANON_ON + WIN_ON)), ...legacy });
    expect(f.summary).toBe(
      'At Default Web Site/CertificateRegistrationSvc, Windows authentication is enabled (set by <location path="Default Web Site/CertificateRegistrationSvc">).',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'config',
      setting: 'anonymousAuthentication@enabled',
      value: 'true',
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'config',
      file: AH,
      location: '<location path="Default Web Site/CertificateRegistrationSvc">',
      setting: 'windowsAuthentication@enabled',
      value: 'true',
    });
    expect(f.fixes[0]?.wizard).toBe('fix-crp-authentication');
  });

  it('resolves at the real site name when the site was renamed', () => {
    const renamed = NDES.replace(
      '<site name="Default Web Site" id="1">',
      '<site name="NDES" id="1">',
    );
    const f = judge(rule, { iisConfig: config(crpLocation(ANON_OFF, 'NDES'), renamed), ...legacy });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain(
      'At NDES/CertificateRegistrationSvc, anonymous authentication is disabled',
    );
  });

  it('is not applicable without the legacy connector even when the config is unusable', () => {
    expect(judge(rule, { iisConfig: state('error', AH), ...currentOnly }).status).toBe(
      'not-applicable',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the config is %s',
    (st) => {
      expect(judge(rule, { iisConfig: state(st, AH), ...legacy }).status).toBe('unknown');
    },
  );
});
