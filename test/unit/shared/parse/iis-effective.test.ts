import { describe, it, expect } from 'vitest';
import {
  effectiveAttribute,
  effectiveCollection,
  parseIisConfig,
} from '../../../../shared/parse/application-host';
import type { IisConfig } from '../../../../shared/parse/application-host';

const MSCEP = 'Default Web Site/CertSrv/mscep';
const RF = 'system.webServer/security/requestFiltering';
const ANON = 'system.webServer/security/authentication/anonymousAuthentication';
const SITE_WC = 'iis/web.config/Default Web Site/web.config';
const APP_WC = 'iis/web.config/Default Web Site/CertSrv/mscep/web.config';

const SECTIONS = `<configuration>
  <configSections>
    <sectionGroup name="system.webServer">
      <section name="modules" allowDefinition="MachineToApplication" overrideModeDefault="Deny" />
      <sectionGroup name="security">
        <section name="isapiCgiRestriction" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
        <section name="requestFiltering" overrideModeDefault="Allow" />
        <sectionGroup name="authentication">
          <section name="anonymousAuthentication" overrideModeDefault="Deny" />
        </sectionGroup>
      </sectionGroup>
    </sectionGroup>
  </configSections>
  <system.webServer>
    <security>
      <authentication>
        <anonymousAuthentication enabled="true" userName="IUSR" />
      </authentication>
      <requestFiltering>
        <requestLimits maxUrl="4096" />
        <fileExtensions allowUnlisted="true">
          <add fileExtension=".asa" allowed="false" />
          <add fileExtension=".config" allowed="false" />
          <add fileExtension=".mdb" allowed="false" />
        </fileExtensions>
      </requestFiltering>
    </security>
    <modules>
      <add name="IsapiModule" />
      <add name="AnonymousAuthenticationModule" />
    </modules>
  </system.webServer>
`;

/** applicationHost = SECTIONS + `locations`; web.configs keyed by bundle path. */
function build(locations: string, webConfigs: Record<string, string> = {}): IisConfig {
  const { config, warnings } = parseIisConfig(
    { file: 'iis/applicationHost.config', text: `${SECTIONS}${locations}\n</configuration>\n` },
    Object.entries(webConfigs).map(([file, text]) => ({ file, text })),
  );
  expect(warnings).toEqual([]);
  return config;
}

/** 1-based line of the first line containing `needle` in the applicationHost text. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const rfWebConfig = (attrs: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n  <system.webServer>\n    <security>\n` +
  `      <requestFiltering>\n        <requestLimits ${attrs} />\n      </requestFiltering>\n` +
  `    </security>\n  </system.webServer>\n</configuration>\n`;
const anonWebConfig = (enabled: string) =>
  `<configuration>\n  <system.webServer>\n    <security>\n      <authentication>\n` +
  `        <anonymousAuthentication enabled="${enabled}" />\n      </authentication>\n` +
  `    </security>\n  </system.webServer>\n</configuration>\n`;
const rfLocation = (path: string, attrs: string, extra = '') =>
  `  <location path="${path}"${extra}>\n    <system.webServer>\n      <security>\n` +
  `        <requestFiltering>\n          <requestLimits ${attrs} />\n        </requestFiltering>\n` +
  `      </security>\n    </system.webServer>\n  </location>\n`;

describe('effectiveAttribute', () => {
  it('takes the global value, then the site location, then web.config files (Allow section)', () => {
    const cfg = build(rfLocation('Default Web Site', 'maxUrl="65534" maxQueryString="65534"'), {
      [SITE_WC]: rfWebConfig('maxUrl="8192"'),
      [APP_WC]: rfWebConfig('maxQueryString="1024"'),
    });
    expect(effectiveAttribute(cfg, '', RF, 'requestLimits', 'maxUrl')).toEqual({
      value: '4096',
      file: 'iis/applicationHost.config',
      line: 20,
      location: '(global)',
    });
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxUrl')).toEqual({
      value: '8192',
      file: SITE_WC,
      line: 6,
      location: 'web.config',
    });
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxQueryString')).toMatchObject({
      value: '1024',
      file: APP_WC,
    });
    expect(
      effectiveAttribute(cfg, 'Default Web Site/CertSrv', RF, 'requestLimits', 'maxQueryString')
        .value,
    ).toBe('65534');
  });

  it('ignores a web.config for anonymousAuthentication (Deny) and reports it', () => {
    const cfg = build('', { [APP_WC]: anonWebConfig('false') });
    expect(effectiveAttribute(cfg, MSCEP, ANON, '', 'enabled')).toEqual({
      value: 'true',
      file: 'iis/applicationHost.config',
      line: 17,
      location: '(global)',
      ignored: [{ file: APP_WC, line: 5, reason: 'overrideModeDefault="Deny"' }],
    });
  });

  it('accepts that web.config once a <location overrideMode="Allow"> unlocks the section', () => {
    const unlock =
      '  <location path="Default Web Site" overrideMode="Allow">\n    <system.webServer>\n' +
      '      <security>\n        <authentication>\n          <anonymousAuthentication />\n' +
      '        </authentication>\n      </security>\n    </system.webServer>\n  </location>\n';
    const cfg = build(unlock, { [APP_WC]: anonWebConfig('false') });
    expect(effectiveAttribute(cfg, MSCEP, ANON, '', 'enabled')).toEqual({
      value: 'false',
      file: APP_WC,
      line: 5,
      location: 'web.config',
    });
    // An unlock of another path does not help.
    const elsewhere = build(unlock.replace('"Default Web Site"', '"Other Site"'), {
      [APP_WC]: anonWebConfig('false'),
    });
    expect(effectiveAttribute(elsewhere, MSCEP, ANON, '', 'enabled').value).toBe('true');
  });

  it('honors overrideMode="Deny" and allowOverride="false" locking an Allow section', () => {
    for (const lock of [' overrideMode="Deny"', ' allowOverride="false"']) {
      const cfg = build(rfLocation('Default Web Site/CertSrv', 'maxUrl="10000"', lock), {
        [APP_WC]: rfWebConfig('maxUrl="1"'),
      });
      const r = effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxUrl');
      expect(r.value).toBe('10000');
      expect(r.ignored?.[0]?.reason).toMatch(
        /^locked by <location path="Default Web Site\/CertSrv">/,
      );
    }
  });

  it('applies inheritInChildApplications="false" only to that exact path', () => {
    const cfg = build(
      rfLocation(
        'Default Web Site',
        'maxQueryString="65534"',
        ' inheritInChildApplications="false"',
      ),
    );
    expect(
      effectiveAttribute(cfg, 'Default Web Site', RF, 'requestLimits', 'maxQueryString').value,
    ).toBe('65534');
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxQueryString').value).toBeNull();
  });

  it('lets the later of two <location> tags for the same path win, per attribute', () => {
    const first = rfLocation(MSCEP, 'maxUrl="10000" maxQueryString="20000"');
    const second = rfLocation('/default web site/certsrv/MSCEP/', 'maxUrl="65534"');
    const text = `${SECTIONS}${first}${second}`;
    const cfg = build(first + second);
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxUrl')).toEqual({
      value: '65534',
      file: 'iis/applicationHost.config',
      line: lineOf(text, 'maxUrl="65534"'),
      location: '<location path="/default web site/certsrv/MSCEP/">',
    });
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxQueryString')).toMatchObject({
      value: '20000',
      line: lineOf(text, 'maxQueryString="20000"'),
    });
  });

  it('treats location path="" and "." as global and returns null when nothing sets a value', () => {
    const cfg = build(
      rfLocation('.', 'maxQueryString="3000"') + rfLocation('', 'maxAllowedContentLength="5"'),
    );
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxQueryString')).toMatchObject({
      value: '3000',
      location: '(global)',
    });
    expect(
      effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxAllowedContentLength').location,
    ).toBe('(global)');
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'nope')).toEqual({
      value: null,
      file: null,
      line: null,
      location: '(default)',
    });
  });

  it('applies a <location> inside a site web.config relative to that site', () => {
    const wc =
      '<configuration>\n  <location path="CertSrv/mscep">\n    <system.webServer><security><requestFiltering>\n' +
      '      <requestLimits maxUrl="65534" />\n    </requestFiltering></security></system.webServer>\n' +
      '  </location>\n</configuration>\n';
    const cfg = build('', { [SITE_WC]: wc });
    expect(effectiveAttribute(cfg, MSCEP, RF, 'requestLimits', 'maxUrl')).toEqual({
      value: '65534',
      file: SITE_WC,
      line: 4,
      location: '<location path="CertSrv/mscep">',
    });
    expect(effectiveAttribute(cfg, 'Default Web Site', RF, 'requestLimits', 'maxUrl').value).toBe(
      '4096',
    );
  });
});

describe('effectiveCollection', () => {
  const fileExt = (cfg: IisConfig, at: string) =>
    effectiveCollection(cfg, at, RF, 'fileExtensions').items.map((i) => i.attrs['fileExtension']);

  it('applies <clear/>, <remove> and <add> along the chain', () => {
    const site =
      '  <location path="Default Web Site">\n    <system.webServer><security><requestFiltering><fileExtensions>\n' +
      '      <remove fileExtension=".ASA" />\n      <add fileExtension=".dll" allowed="false" />\n' +
      '    </fileExtensions></requestFiltering></security></system.webServer>\n  </location>\n';
    const app =
      '<configuration><system.webServer><security><requestFiltering><fileExtensions>\n' +
      '  <clear />\n  <add fileExtension=".dll" allowed="true" />\n' +
      '</fileExtensions></requestFiltering></security></system.webServer></configuration>\n';
    const cfg = build(site, { [APP_WC]: app });
    expect(fileExt(cfg, '')).toEqual(['.asa', '.config', '.mdb']);
    expect(fileExt(cfg, 'Default Web Site')).toEqual(['.config', '.mdb', '.dll']);
    const items = effectiveCollection(cfg, MSCEP, RF, 'fileExtensions').items;
    expect(items).toEqual([
      { attrs: { fileExtension: '.dll', allowed: 'true' }, file: APP_WC, line: 3 },
    ]);
  });

  it('ignores a web.config change to a locked collection (modules, Deny) and AppHostOnly sections', () => {
    const wc =
      '<configuration><system.webServer><modules><clear /></modules>\n' +
      '<security><isapiCgiRestriction><clear /></isapiCgiRestriction></security></system.webServer></configuration>';
    const cfg = build('', { [APP_WC]: wc });
    expect(
      effectiveCollection(cfg, MSCEP, 'system.webServer/modules', '').items.map(
        (i) => i.attrs['name'],
      ),
    ).toEqual(['IsapiModule', 'AnonymousAuthenticationModule']);
    const isapi = effectiveAttribute(
      cfg,
      MSCEP,
      'system.webServer/security/isapiCgiRestriction',
      '',
      'x',
    );
    expect(isapi.ignored?.[0]?.reason).toBe('section is AppHostOnly');
  });
});
