import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/https-binding';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseNetshSslCert } from '../../../../shared/parse/netsh-sslcert';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const NETSH = 'commands/netsh-http-show-sslcert.txt';
const IIS_APP = '{4dc3e181-e14b-4a21-b022-59fc669b0914}';
const HASH = '61d34f532da121bbab64723c4871e72c92f03735';
// Real NDES applicationHost.config: Default Web Site holds /CertSrv/mscep, with only `http *:80:`.
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const HTTP80 = '<binding protocol="http" bindingInformation="*:80:" />';

const withBindings = (...infos: string[]) =>
  NDES.replace(
    HTTP80,
    [HTTP80, ...infos.map((i) => `<binding protocol="https" bindingInformation="${i}" />`)].join(
      '\n                    ',
    ),
  );
const iis = (text: string) => ok(parseIisConfig({ file: AH, text }).config, AH);

/** `netsh http show sslcert` output with one block per [label, endpoint, hash]. */
function netsh(...blocks: [string, string, string][]) {
  const body = blocks
    .map(([label, endpoint, hash]) =>
      [
        `    ${label.padEnd(29)}: ${endpoint}`,
        `    Certificate Hash             : ${hash}`,
        `    Application ID               : ${IIS_APP}`,
        '    Certificate Store Name       : My',
        '    Verify Client Certificate Revocation : Enabled',
        '',
      ].join('\r\n'),
    )
    .join('\r\n');
  return ok(
    parseNetshSslCert(`\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n${body}`),
    NETSH,
  );
}

const WILD4: [string, string, string] = ['IP:port', '0.0.0.0:443', HASH];

describe('https-binding', () => {
  it.each([
    ['*:443 served by 0.0.0.0:443 passes', withBindings('*:443:'), netsh(WILD4), 'pass'],
    [
      '*:443 served by [::]:443 passes',
      withBindings('*:443:'),
      netsh(['IP:port', '[::]:443', HASH]),
      'pass',
    ],
    [
      'an SNI binding served by its Hostname:port entry passes',
      withBindings('*:443:ndes01.corp.contoso.com'),
      netsh(['Hostname:port', 'ndes01.corp.contoso.com:443', HASH]),
      'pass',
    ],
    [
      'an IP binding served by <ip>:443 passes',
      withBindings('10.0.0.5:443:'),
      netsh(['IP:port', '10.0.0.5:443', HASH]),
      'pass',
    ],
    ['no https binding fails', NDES, netsh(WILD4), 'fail'],
    [
      'https only on 8443 fails',
      withBindings('*:8443:'),
      netsh(['IP:port', '0.0.0.0:8443', HASH]),
      'fail',
    ],
    [
      'an https binding without an HTTP.sys certificate fails',
      withBindings('*:443:'),
      netsh(),
      'fail',
    ],
    [
      'an HTTP.sys entry for another IP does not serve the binding',
      withBindings('10.0.0.5:443:'),
      netsh(['IP:port', '10.0.0.6:443', HASH]),
      'fail',
    ],
    [
      'an HTTP.sys entry with a (null) hash is no certificate',
      withBindings('*:443:'),
      netsh(['IP:port', '0.0.0.0:443', '(null)']),
      'fail',
    ],
    [
      'an absent netsh output means no certificate',
      withBindings('*:443:'),
      { state: 'absent' as const, path: NETSH },
      'fail',
    ],
  ])('%s', (_name, text, sslBindings, expected) => {
    expect(judge(rule, { iisConfig: iis(text), sslBindings }).status).toBe(expected);
  });

  it('names the binding, the HTTP.sys endpoint and the hash', () => {
    const f = judge(rule, { iisConfig: iis(withBindings('*:443:')), sslBindings: netsh(WILD4) });
    expect(f.summary).toBe(
      'The SCEP site "Default Web Site" has an https binding on 443 (*:443:); HTTP.sys serves certificate 61D34F532DA121BBAB64723C4871E72C92F03735 on 0.0.0.0:443.',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'config',
      file: AH,
      line: 193,
      location: '<site name="Default Web Site">',
      setting: "bindings/binding[@protocol='https']@bindingInformation",
      value: '*:443:',
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'table',
      rows: [['*:443:', '193', '0.0.0.0:443', HASH.toUpperCase()]],
    });
  });

  it('notes the extra http binding and an IP-specific https binding in the details', () => {
    const f = judge(rule, {
      iisConfig: iis(withBindings('10.0.0.5:443:')),
      sslBindings: netsh(['IP:port', '10.0.0.5:443', HASH]),
    });
    const texts = f.evidence
      .filter((e) => e.kind === 'text')
      .map((e) => (e.kind === 'text' ? e.text : ''));
    expect(texts).toEqual([
      'The https binding 10.0.0.5:443: is bound to one IP address; a community guide reports that this breaks the legacy NDESPlugin (secondary source).',
      'The SCEP site also has an http binding (*:80:); hardening guides (T-HICKS) remove it.',
    ]);
  });

  it('says why an unserved binding fails', () => {
    const f = judge(rule, { iisConfig: iis(withBindings('*:443:')), sslBindings: netsh() });
    expect(f.summary).toBe(
      'The SCEP site "Default Web Site" has an https binding on 443 (*:443:), but HTTP.sys lists no certificate for it, so nothing answers TLS there.',
    );
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it('is unknown when no site holds /CertSrv/mscep', () => {
    const pre = new TextDecoder().decode(
      sample('applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original'),
    );
    expect(judge(rule, { iisConfig: iis(pre), sslBindings: netsh(WILD4) }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when either artifact is %s',
    (st) => {
      expect(judge(rule, { iisConfig: state(st, AH), sslBindings: netsh(WILD4) }).status).toBe(
        'unknown',
      );
      expect(
        judge(rule, { iisConfig: iis(withBindings('*:443:')), sslBindings: state(st, NETSH) })
          .status,
      ).toBe('unknown');
    },
  );
});
