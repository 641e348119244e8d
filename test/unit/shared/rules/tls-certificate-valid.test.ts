import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/tls-certificate-valid';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseNetshSslCert } from '../../../../shared/parse/netsh-sslcert';
import { OID } from '../../../../shared/parse/certificates';
import type { CertStores, Ev, ProbeExchange, Snapshot, StoreCert } from '../../../../shared/model';
import { DAY, judge, manifest, NOW_MS, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';
import type { MakeCertOptions } from '../../../helpers/certs';

const AH = 'iis/applicationHost.config';
const NETSH = 'commands/netsh-http-show-sslcert.txt';
const FQDN = 'ndes01.corp.contoso.com';
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const HTTP80 = '<binding protocol="http" bindingInformation="*:80:" />';
const HTTPS443 = NDES.replace(
  HTTP80,
  `${HTTP80}\n<binding protocol="https" bindingInformation="*:443:" />`,
);
const iis = (text: string) => ok(parseIisConfig({ file: AH, text }).config, AH);

const caKeys = await rsaKeys();
const leafKeys = await rsaKeys();
const CA = 'CN=Contoso Issuing CA 1, DC=corp, DC=contoso, DC=com';
const at = (days: number) => new Date(NOW_MS + days * DAY);

/** A TLS cert issued by the CA: by default valid for FQDN, Server Authentication, 200 days left. */
function tls(over: Partial<MakeCertOptions> = {}): Promise<StoreCert> {
  return makeCert({
    subject: `CN=${FQDN}`,
    keys: leafKeys,
    issuer: { name: CA, keys: caKeys },
    notBefore: at(-165),
    notAfter: at(200),
    eku: [OID.serverAuth],
    sanDns: [FQDN],
    ...over,
  }).then((der) => storeCert(der, 'My', { hasPrivateKey: true }));
}

const C = {
  good: await tls(),
  noEku: await tls({ eku: undefined }),
  clientOnly: await tls({ eku: [OID.clientAuth] }),
  expired: await tls({ notAfter: at(-3) }),
  expiring: await tls({ notAfter: at(10) }),
  otherName: await tls({
    subject: 'CN=web01.corp.contoso.com',
    sanDns: ['web01.corp.contoso.com'],
  }),
  wildcard: await tls({ subject: 'CN=Contoso web', sanDns: ['*.corp.contoso.com'] }),
  wildcardTooDeep: await tls({ subject: 'CN=Contoso web', sanDns: ['*.contoso.com'] }),
  cnOnly: await tls({ sanDns: undefined }),
  external: await tls({ sanDns: [FQDN, 'ndes.contoso.com'] }),
};

const stores = (...certs: StoreCert[]): Ev<CertStores> => ok({ certs, indexState: 'ok' }, 'certs');

function netsh(endpoint: string, hash: string) {
  const text =
    'SSL Certificate bindings:\r\n-------------------------\r\n\r\n' +
    `    IP:port                      : ${endpoint}\r\n    Certificate Hash             : ${hash.toLowerCase()}\r\n` +
    '    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : My\r\n';
  return ok(parseNetshSslCert(text), NETSH);
}

/** Evidence for a cert served on 0.0.0.0:443 behind the site's *:443: binding. */
function served(cert: StoreCert, extra: Partial<Snapshot> = {}): Partial<Snapshot> {
  return {
    iisConfig: iis(HTTPS443),
    sslBindings: netsh('0.0.0.0:443', cert.thumbprint),
    certs: stores(cert),
    ...extra,
  };
}

describe('tls-certificate-valid', () => {
  it.each([
    ['a current Server Authentication cert for the FQDN passes', served(C.good), 'pass'],
    ['a cert without an EKU extension passes', served(C.noEku), 'pass'],
    ['a one-label wildcard SAN passes', served(C.wildcard), 'pass'],
    ['a CN match without SAN passes', served(C.cnOnly), 'pass'],
    ['an expiry within 30 days warns', served(C.expiring), 'warn'],
    ['an expired cert fails', served(C.expired), 'fail'],
    ['an EKU without Server Authentication fails', served(C.clientOnly), 'fail'],
    ['a cert for another name fails', served(C.otherName), 'fail'],
    ['a wildcard does not match two labels', served(C.wildcardTooDeep), 'fail'],
    ['a hash that is not in My fails', served(C.good, { certs: stores() }), 'fail'],
    [
      'a cert only in Root is not in My',
      served(C.good, { certs: stores({ ...C.good, store: 'Root' }) }),
      'fail',
    ],
    [
      'no HTTP.sys entry for the endpoint fails',
      served(C.good, { sslBindings: netsh('0.0.0.0:8443', C.good.thumbprint) }),
      'fail',
    ],
    ['no https binding on the site fails', served(C.good, { iisConfig: iis(NDES) }), 'fail'],
    [
      'without applicationHost.config the 0.0.0.0:443 entry is judged',
      served(C.good, { iisConfig: state('error', AH) }),
      'pass',
    ],
    [
      'the FQDN can come from computer.json',
      served(C.good, {
        manifest: manifest({ host: { computerName: 'NDES01' } }),
        computer: ok(
          { DNSHostName: 'ndes01', Domain: 'corp.contoso.com' },
          'commands/computer.json',
        ),
      }),
      'pass',
    ],
    [
      'an unknown FQDN is unknown',
      served(C.good, { manifest: manifest({ host: { computerName: 'NDES01' } }) }),
      'unknown',
    ],
    [
      'absent certificate stores are unknown',
      served(C.good, { certs: { state: 'absent', path: 'certs' } }),
      'unknown',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('shows the certificate and the HTTP.sys entry', () => {
    const f = judge(rule, served(C.expiring));
    expect(f.summary).toBe(
      `The TLS certificate ${C.expiring.thumbprint} expires on ${C.expiring.notAfter}, in 10 days.`,
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: [['0.0.0.0:443', C.expiring.thumbprint, '{4dc3e181-e14b-4a21-b022-59fc669b0914}', '4']],
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'certificate',
      thumbprint: C.expiring.thumbprint,
      subject: `CN=${FQDN}`,
      eku: [OID.serverAuth],
      role: 'TLS server certificate',
    });
  });

  it('says which name did not match', () => {
    const f = judge(rule, served(C.otherName));
    expect(f.summary).toBe(
      `Neither a SAN dNSName nor the subject CN of the TLS certificate ${C.otherName.thumbprint} matches ${FQDN}.`,
    );
  });

  it('lists the hosts of external probe URLs in the details', () => {
    const probe: Ev<ProbeExchange[]> = ok(
      [
        {
          name: 'getcacaps',
          url: `https://${FQDN}/certsrv/mscep/mscep.dll?operation=GetCACaps`,
          method: 'GET',
          status: 200,
          headers: {},
          bodyBase64: null,
          elapsedMs: 12,
          error: null,
        },
        {
          name: 'getcacaps',
          url: 'https://ndes.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps',
          method: 'GET',
          status: 200,
          headers: {},
          bodyBase64: null,
          elapsedMs: 80,
          error: null,
        },
        {
          name: 'getcacaps',
          url: 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll',
          method: 'GET',
          status: 504,
          headers: {},
          bodyBase64: null,
          elapsedMs: 900,
          error: null,
        },
      ],
      'probe/mscep.json',
    );
    const f = judge(rule, served(C.external, { probe }));
    expect(f.status).toBe('pass');
    expect(f.evidence.filter((e) => e.kind === 'text')).toEqual([
      {
        kind: 'text',
        text: 'The certificate also matches ndes.contoso.com, the host of an external URL the probe used.',
      },
      {
        kind: 'text',
        text: 'The certificate does not match ndes-contoso.msappproxy.net, the host of an external URL the probe used; a reverse proxy there must present its own certificate.',
      },
    ]);
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when netsh or the stores are %s',
    (st) => {
      expect(judge(rule, served(C.good, { sslBindings: state(st, NETSH) })).status).toBe('unknown');
      expect(judge(rule, served(C.good, { certs: state(st, 'certs') })).status).toBe('unknown');
    },
  );
});
