import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import { normalizeThumbprint, parseNetshSslCert } from '../../../../shared/parse/netsh-sslcert';

const text = (rel: string): string => new TextDecoder().decode(sample(rel));

function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const IIS_APP = '{4dc3e181-e14b-4a21-b022-59fc669b0914}';

// Layout of a French Windows Server 2019 `netsh http show sslcert` (labels localized, padded).
const FRENCH = [
  '',
  'Liaisons de certificat SSL :',
  '-------------------------',
  '',
  '    Port IP                      : 0.0.0.0:443',
  '    Hachage du certificat        : 3f2a9c1e0b7d4e5f6a8b9c0d1e2f3a4b5c6d7e8f',
  `    ID de l’application          : ${IIS_APP}`,
  '    Nom du magasin de certificats : My',
  '    Vérifier la révocation des certificats clients : Enabled',
  '    Vérifier la révocation à l’aide du certificat client en cache uniquement : Disabled',
  '    Vérification de l’utilisation : Enabled',
  '',
  '    Port IP                      : [::]:443',
  '    Hachage du certificat        : 3f2a9c1e0b7d4e5f6a8b9c0d1e2f3a4b5c6d7e8f',
  `    ID de l’application          : ${IIS_APP}`,
  '    Nom du magasin de certificats : MY',
  '',
  '    Nom d’hôte:port              : ndes.contoso.com:443',
  '    Hachage du certificat        : (null)',
  `    ID de l’application          : ${IIS_APP}`,
  '    Nom du magasin de certificats : (null)',
  '',
  '    Magasin central de certificats : 443',
  '    Hachage du certificat        : (null)',
  `    ID de l’application          : ${IIS_APP}`,
  '    Nom du magasin de certificats : (null)',
  '',
].join('\r\n');

describe('parseNetshSslCert on the Windows 10 extended sample', () => {
  const bindings = parseNetshSslCert(
    text('command-output/nbstrat-dotfiles-netsh-http-show-sslcert-win10-extended.txt'),
  );

  it('finds the single 0.0.0.0:44304 binding', () => {
    expect(bindings).toHaveLength(1);
    const b = bindings[0];
    expect(b?.endpoint).toBe('0.0.0.0:44304');
    expect(b?.kind).toBe('ipport');
    expect(b?.host).toBe('0.0.0.0');
    expect(b?.port).toBe(44304);
    expect(b?.line).toBe(8);
  });

  it('reads hash, application ID and store by position', () => {
    const b = bindings[0];
    expect(b?.certificateHash).toBe('61D34F532DA121BBAB64723C4871E72C92F03735');
    expect(b?.appId).toBe('{214124cd-d05b-4309-9af9-9caa44b2b74a}');
    expect(b?.certStoreName).toBe('MY');
  });

  it('keeps every field, including the nested Extended Properties', () => {
    const fields = bindings[0]?.fields ?? [];
    expect(fields[0]).toEqual({ label: 'IP:port', value: '0.0.0.0:44304' });
    expect(fields).toContainEqual({ label: 'Negotiate Client Certificate', value: 'Enabled' });
    expect(fields).toContainEqual({ label: 'Disable TLS1.3', value: 'Not Set' });
    expect(fields).toContainEqual({
      label: 'Verify Client Certificate Revocation',
      value: 'Disabled',
    });
    expect(fields.filter((f) => f.label === 'Extended Properties')).toHaveLength(2);
    expect(fields.at(-1)).toEqual({ label: 'Max Settings Per Minute', value: '4294967295' });
  });
});

describe('parseNetshSslCert on localized output', () => {
  const bindings = parseNetshSslCert(FRENCH);

  it('finds IPv4, IPv6, host name and central-store blocks without reading labels', () => {
    expect(bindings.map((b) => [b.kind, b.host, b.port, b.line])).toEqual([
      ['ipport', '0.0.0.0', 443, 5],
      ['ipport', '::', 443, 13],
      ['hostnameport', 'ndes.contoso.com', 443, 18],
      ['ccs', '', 443, 23],
    ]);
    expect(bindings[1]?.endpoint).toBe('[::]:443');
  });

  it('reads the French hash, app ID and store fields', () => {
    const [v4, v6, sni, ccs] = bindings;
    expect(v4?.certificateHash).toBe('3F2A9C1E0B7D4E5F6A8B9C0D1E2F3A4B5C6D7E8F');
    expect(v4?.appId).toBe(IIS_APP);
    expect(v4?.certStoreName).toBe('My');
    expect(v4?.fields).toHaveLength(7);
    expect(v4?.fields[1]?.label).toBe('Hachage du certificat');
    expect(v6?.certStoreName).toBe('MY');
    expect(sni?.certificateHash).toBeNull();
    expect(sni?.certStoreName).toBeNull();
    expect(ccs?.appId).toBe(IIS_APP);
  });

  it('parses German labels and a space-separated hash the same way', () => {
    const de = [
      '    IP:Port                      : 10.0.0.5:8443',
      '    Zertifikathash               : 61 d3 4f 53 2d a1 21 bb ab 64 72 3c 48 71 e7 2c 92 f0 37 35',
      `    Anwendungs-ID                : ${IIS_APP}`,
      '    Zertifikatspeichername       : MY',
    ].join('\n');
    const [b] = parseNetshSslCert(de);
    expect(b?.endpoint).toBe('10.0.0.5:8443');
    expect(b?.certificateHash).toBe('61D34F532DA121BBAB64723C4871E72C92F03735');
    expect(b?.certStoreName).toBe('MY');
  });
});

describe('parseNetshSslCert edge cases', () => {
  it('returns no bindings for the empty-store output, an error message or empty text', () => {
    expect(
      parseNetshSslCert('\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n'),
    ).toEqual([]);
    expect(parseNetshSslCert('\r\nThe system cannot find the file specified.\r\n')).toEqual([]);
    expect(parseNetshSslCert('')).toEqual([]);
  });

  it('throws ParseError on binary garbage', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const bytes = garbage(4096, seed);
      expect(() => parseNetshSslCert(new TextDecoder('latin1').decode(bytes))).toThrow(ParseError);
      expect(() => parseNetshSslCert(new TextDecoder().decode(bytes))).toThrow(ParseError);
    }
  });

  it('normalizeThumbprint strips non-hex and upper-cases', () => {
    expect(normalizeThumbprint('\u200e61 d3:4f-53')).toBe('61D34F53');
  });
});
