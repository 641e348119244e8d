import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { sample, SAMPLES } from '../../../helpers/paths';
import {
  effectiveAttribute,
  effectiveCollection,
  findAppSite,
  parseIisConfig,
  webConfigPathFromBundle,
} from '../../../../shared/parse/application-host';
import type { IisConfig } from '../../../../shared/parse/application-host';
import { ParseError } from '../../../../shared/parse/errors';

const DIR = 'applicationhost-config';
const WS2019 = 'Sleepw4lker-ws2019-NDES-applicationHost.config';
const WS2022 = 'Sleepw4lker-ws2022-NDES-applicationHost.config';
const PRE = 'Sleepw4lker-ws2022-preNDES-applicationHost.config.original';
const FILE = 'iis/applicationHost.config';
const MSCEP = 'Default Web Site/CertSrv/mscep';
const RF = 'system.webServer/security/requestFiltering';
const ANON = 'system.webServer/security/authentication/anonymousAuthentication';
const WIN = 'system.webServer/security/authentication/windowsAuthentication';

const raw = (name: string): string => new TextDecoder().decode(sample(`${DIR}/${name}`));
const load = (text: string): IisConfig => parseIisConfig({ file: FILE, text }).config;

function chain(cfg: IisConfig, at: string) {
  const v = (section: string, el: string, attr: string) => {
    const r = effectiveAttribute(cfg, at, section, el, attr);
    return [r.value, r.line, r.location];
  };
  return {
    maxUrl: v(RF, 'requestLimits', 'maxUrl'),
    maxQueryString: v(RF, 'requestLimits', 'maxQueryString'),
    anonymous: v(ANON, '', 'enabled'),
    windows: v(WIN, '', 'enabled'),
  };
}

describe('applicationHost.config samples', () => {
  for (const f of readdirSync(path.join(SAMPLES, DIR))) {
    it(`loads ${f} with the Default Web Site`, () => {
      const { config, warnings } = parseIisConfig({ file: FILE, text: raw(f) });
      expect(warnings).toEqual([]);
      expect(config.applicationHost.root.name).toBe('configuration');
      expect(findAppSite(config, '/')?.site.name).toBe('Default Web Site');
    });
  }

  const loc = '<location path="Default Web Site/CertSrv/mscep">';
  it('ws2022 NDES: mscep location sets maxQueryString 65536, anonymous and Windows auth on', () => {
    expect(chain(load(raw(WS2022)), MSCEP)).toEqual({
      maxUrl: [null, null, '(default)'],
      maxQueryString: ['65536', 848, loc],
      anonymous: ['true', 843, loc],
      windows: ['true', 836, loc],
    });
  });

  it('ws2019 NDES: same location block at its own lines', () => {
    expect(chain(load(raw(WS2019)), MSCEP)).toEqual({
      maxUrl: [null, null, '(default)'],
      maxQueryString: ['65536', 842, loc],
      anonymous: ['true', 837, loc],
      windows: ['true', 830, loc],
    });
  });

  it('pre-NDES: only the global defaults apply at the mscep path', () => {
    expect(chain(load(raw(PRE)), MSCEP)).toEqual({
      maxUrl: [null, null, '(default)'],
      maxQueryString: [null, null, '(default)'],
      anonymous: ['true', 315, '(global)'],
      windows: ['false', 325, '(global)'],
    });
  });

  it('does not apply the mscep location to its parent or to mscep_admin', () => {
    const cfg = load(raw(WS2022));
    expect(chain(cfg, 'Default Web Site')).toMatchObject({
      maxQueryString: [null, null, '(default)'],
      anonymous: ['true', 338, '(global)'],
      windows: ['false', 348, '(global)'],
    });
    expect(chain(cfg, 'Default Web Site/CertSrv/mscep_admin').anonymous).toEqual([
      'false',
      814,
      '<location path="Default Web Site/CertSrv/mscep_admin">',
    ]);
    // Path comparison ignores case and surrounding slashes.
    expect(chain(cfg, '/default web site/CERTSRV/mscep/').anonymous[1]).toBe(843);
  });

  it('resolves collections: <clear/> in the mscep location, Windows auth providers', () => {
    const cfg = load(raw(WS2022));
    const docs = (at: string) =>
      effectiveCollection(cfg, at, 'system.webServer/defaultDocument', 'files').items.map(
        (i) => i.attrs['value'],
      );
    expect(docs('Default Web Site')).toEqual([
      'Default.htm',
      'Default.asp',
      'index.htm',
      'index.html',
      'iisstart.htm',
    ]);
    expect(docs(MSCEP)).toEqual(['mscep.dll']);
    const providers = effectiveCollection(cfg, MSCEP, WIN, 'providers').items;
    expect(providers.map((p) => [p.attrs['value'], p.line])).toEqual([
      ['Negotiate', 839],
      ['NTLM', 840],
    ]);
    const isapi = effectiveCollection(
      cfg,
      MSCEP,
      'system.webServer/security/isapiCgiRestriction',
      '',
    );
    expect(isapi.items.map((i) => i.attrs['groupId'])).toEqual(['mscep.dll']);
  });

  it('shows that the ws2019 sample has no RequestFilteringModule in <modules>', () => {
    const names = (f: string) =>
      effectiveCollection(load(raw(f)), MSCEP, 'system.webServer/modules', '').items.map(
        (i) => i.attrs['name'],
      );
    expect(names(WS2019)).not.toContain('RequestFilteringModule');
    expect(names(WS2022)).toContain('RequestFilteringModule');
    expect(names(WS2022)).toContain('AnonymousAuthenticationModule');
  });
});

describe('findAppSite', () => {
  it('finds the SCEP site, app and pool on ws2022 and ws2019', () => {
    const site22 = findAppSite(load(raw(WS2022)), '/CertSrv/mscep');
    expect(site22).toEqual({
      site: {
        name: 'Default Web Site',
        id: '1',
        line: 181,
        bindings: [{ protocol: 'http', bindingInformation: '*:80:', line: 192 }],
        logDirectory: '%SystemDrive%\\inetpub\\logs\\LogFiles',
        logFormat: 'W3C',
      },
      app: { path: '/CertSrv/mscep', applicationPool: 'SCEP', line: 188 },
      pool: {
        name: 'SCEP',
        line: 132,
        identityType: 'ApplicationPoolIdentity',
        userName: null,
        hasPasswordBlob: false,
        managedRuntimeVersion: 'v4.0',
        autoStart: null,
      },
    });
    const site19 = findAppSite(load(raw(WS2019)), '/certsrv/MSCEP/');
    expect([site19?.site.line, site19?.app.line, site19?.pool?.line]).toEqual([184, 191, 135]);
    expect(findAppSite(load(raw(WS2019)), '/CertSrv/mscep_admin')?.app.line).toBe(188);
  });

  it('finds nothing for mscep before NDES, nor a CRP app that is not installed', () => {
    expect(findAppSite(load(raw(PRE)), '/CertSrv/mscep')).toBeNull();
    expect(findAppSite(load(raw(WS2022)), '/CertificateRegistrationSvc')).toBeNull();
    const root = findAppSite(load(raw(PRE)), '/');
    expect(root?.app.applicationPool).toBe('DefaultAppPool'); // from <applicationDefaults>
    expect(root?.pool).toMatchObject({
      name: 'DefaultAppPool',
      identityType: 'ApplicationPoolIdentity',
    });
  });

  it('reports a SpecificUser identity and the presence of a password, never the password', () => {
    const secret = '[enc:IISWASOnlyCngProvider:c2VjcmV0LWJsb2ItZG8tbm90LWxlYWs=:enc]';
    const text = raw(WS2022)
      .replace(
        '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />',
        `<processModel identityType="SpecificUser" userName="CONTOSO\\svc_ndes" password="${secret}" idleTimeout="00:00:00" />`,
      )
      .replace(
        '<virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />',
        '<virtualDirectory path="/" physicalPath="\\\\fs\\www" userName="CONTOSO\\unc" password="PlainTextSecret!" />',
      );
    const { config, warnings } = parseIisConfig({ file: FILE, text }, [
      {
        file: 'iis/web.config/Default Web Site/web.config',
        text: `<configuration><x password="${secret}">`,
      },
    ]);
    const site = findAppSite(config, '/CertSrv/mscep');
    expect(site?.pool).toMatchObject({
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc_ndes',
      hasPasswordBlob: true,
    });
    const pwd = effectiveAttribute(
      config,
      '',
      'system.applicationHost/applicationPools',
      'add/processModel',
      'password',
    );
    expect(pwd.value).toBe('[redacted]');
    const pools = effectiveCollection(config, '', 'system.applicationHost/applicationPools', '');
    const outputs = JSON.stringify([site, pwd, pools, config, warnings]);
    expect(outputs).not.toContain('c2VjcmV0');
    expect(outputs).not.toContain('PlainTextSecret');
    expect(warnings).toHaveLength(1);
  });

  it('falls back to applicationPoolDefaults/processModel; a gMSA has no password blob', () => {
    const text = raw(WS2022)
      .replace('<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />', '')
      .replace(
        '<processModel identityType="ApplicationPoolIdentity" />',
        '<processModel identityType="SpecificUser" userName="CONTOSO\\gmsa_ndes$" />',
      );
    expect(findAppSite(load(text), '/CertSrv/mscep')?.pool).toMatchObject({
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\gmsa_ndes$',
      hasPasswordBlob: false,
    });
  });
});

describe('parseIisConfig', () => {
  it('maps bundle web.config paths to config paths', () => {
    expect(
      webConfigPathFromBundle('iis/web.config/Default Web Site/CertSrv/mscep/web.config'),
    ).toBe(MSCEP);
    expect(webConfigPathFromBundle('iis/web.config/Default Web Site/web.config')).toBe(
      'Default Web Site',
    );
    expect(webConfigPathFromBundle('iis/applicationHost.config')).toBeNull();
  });

  it('rejects a malformed or foreign applicationHost.config, skips a broken web.config', () => {
    expect(() => parseIisConfig({ file: FILE, text: raw(WS2022).slice(0, 5000) })).toThrow(
      ParseError,
    );
    expect(() => parseIisConfig({ file: FILE, text: '<appcmd/>' })).toThrow(
      /expected <configuration>/,
    );
    const { config, warnings } = parseIisConfig({ file: FILE, text: raw(WS2022) }, [
      {
        file: 'iis/web.config/Default Web Site/web.config',
        text: '<configuration>\n<system.webServer>\n',
      },
      {
        file: 'iis/web.config/Default Web Site/CertSrv/mscep/web.config',
        text: '<configuration/>',
      },
    ]);
    expect(config.webConfigs.map((w) => w.configPath)).toEqual([MSCEP]);
    expect(warnings[0]).toMatch(
      /^iis\/web\.config\/Default Web Site\/web\.config: line \d+: unclosed tag/,
    );
  });
});
