import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-proxy-format';
import { judge, psJson, reg, state } from '../../../helpers/snapshot';

const PATH = 'registry/microsoft-intune.reg';
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector';
const intune = (proxy: string | null, extra = '') =>
  reg(
    `[${KEY}]\r\n"EnableSCEP"=dword:00000001\r\n\r\n[${KEY}\\Proxy]\r\n` +
      (proxy === null ? '' : `"ProxyServer"="${proxy}"\r\n`) +
      extra,
    PATH,
  );
const legacyOnly = reg(
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector]\r\n"InstallFolder"="C:\\\\Program Files\\\\Microsoft Intune\\\\NDESConnectorSvc"\r\n',
  PATH,
);
const products = psJson([{ DisplayName: 'Microsoft Edge' }], 'commands/installed-products.json');
const services = psJson([{ Name: 'W3SVC', State: 'Running' }], 'commands/services.json');

describe('connector-proxy-format', () => {
  it.each([
    [
      'a proxy with http:// passes',
      intune('http://proxy.contoso.com', '"Port"=dword:00000c38\r\n'),
      'pass',
    ],
    ['a proxy with HTTPS:// in upper case passes', intune('HTTPS://proxy.contoso.com'), 'pass'],
    ['an empty proxy passes', intune(''), 'pass'],
    ['no ProxyServer value passes', intune(null), 'pass'],
    ['a bare host name fails', intune('proxy.contoso.com', '"Port"=dword:00000c38\r\n'), 'fail'],
    ['host:port without a scheme fails', intune('proxy.contoso.com:8080'), 'fail'],
    ['only the legacy connector is not applicable', legacyOnly, 'not-applicable'],
    [
      'no Intune key at all is not applicable',
      { state: 'absent' as const, path: PATH },
      'not-applicable',
    ],
  ])('%s', (_name, regIntune, expected) => {
    expect(judge(rule, { regIntune, installedProducts: products, services }).status).toBe(expected);
  });

  it('shows ProxyServer, Port and Username, and notes an authenticated proxy', () => {
    const f = judge(rule, {
      regIntune: intune(
        'proxy.contoso.com',
        '"Port"=dword:00000c38\r\n"Username"="CORP\\\\svc-proxy"\r\n',
      ),
      installedProducts: products,
      services,
    });
    expect(f.summary).toBe(
      'The connector proxy "proxy.contoso.com" does not start with http:// or https://.',
    );
    expect(f.evidence.slice(0, 3)).toMatchObject([
      { kind: 'registryValue', valueName: 'ProxyServer', value: 'proxy.contoso.com', line: 7 },
      { kind: 'registryValue', valueName: 'Port', value: '3128' },
      { kind: 'registryValue', valueName: 'Username', value: 'CORP\\svc-proxy' },
    ]);
    expect(f.evidence[3]).toEqual({
      kind: 'text',
      text: 'The proxy is set with a user name (CORP\\svc-proxy); the connector documentation expects an unauthenticated proxy (T-YZ2).',
    });
  });

  it('is unknown when presence cannot be told and the proxy is fine', () => {
    const f = judge(rule, {
      regIntune: { state: 'absent', path: PATH },
      installedProducts: state('error', 'commands/installed-products.json'),
      services,
    });
    expect(f.status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the Intune export is %s',
    (st) => {
      expect(
        judge(rule, { regIntune: state(st, PATH), installedProducts: products, services }).status,
      ).toBe('unknown');
    },
  );
});
