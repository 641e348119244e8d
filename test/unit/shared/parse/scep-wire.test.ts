import { describe, it, expect } from 'vitest';
import {
  findScepRequests,
  hasCapability,
  parseGetCaCaps,
  parseScepUrl,
} from '../../../../shared/parse/scep-wire';
import { sample } from '../../../helpers/paths';

const text = new TextDecoder().decode(sample('scep/scep-wire-examples.txt'));

/** Body lines under a `# 4x)` heading of the sample, up to the next comment line. */
function section(heading: string): string {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(heading));
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('#')) break;
    body.push(l);
  }
  return body.join('\r\n');
}

describe('parseGetCaCaps', () => {
  it('reads the EJBCA body from the sample (sscep #160)', () => {
    expect(parseGetCaCaps(section('# 4a)'))).toEqual([
      'POSTPKIOperation',
      'Renewal',
      'SHA-512',
      'SHA-256',
      'SHA-1',
      'DES3',
    ]);
  });

  it('reads the Dogtag body from the sample', () => {
    const caps = parseGetCaCaps(section('# 4b)'));
    expect(caps).toEqual(['AES', 'GetNextCACert', 'POSTPKIOperation', 'SCEPStandard', 'SHA-256']);
    expect(hasCapability(caps, 'scepstandard')).toBe(true);
    expect(hasCapability(caps, 'DES3')).toBe(false);
  });

  it('handles LF, CRLF, a BOM, blank lines and surrounding spaces; keeps case', () => {
    expect(parseGetCaCaps('\uFEFFSHA-512\r\n  SHA-256 \n\nDES3\r\n')).toEqual([
      'SHA-512',
      'SHA-256',
      'DES3',
    ]);
    expect(parseGetCaCaps('aes\nPostPKIOperation')).toEqual(['aes', 'PostPKIOperation']);
  });

  it('drops lines that cannot be keywords (an HTML error page)', () => {
    const html = '<html>\r\n<head><title>500 - Internal server error.</title></head>\r\n</html>';
    expect(parseGetCaCaps(html)).toEqual([]);
    expect(parseGetCaCaps('')).toEqual([]);
  });
});

describe('SCEP request URLs', () => {
  it('finds every request in the sample, in order, with line numbers', () => {
    const reqs = findScepRequests(text);
    expect(reqs.map((r) => [r.operation, r.message?.slice(0, 20), r.line])).toEqual([
      ['GetCACert', 'SCEP Authority', 2],
      ['GetCACaps', 'SCEP Authority', 3],
      ['PKIOperation', 'MIAGCSqGSIb3DQEHAqCA', 5],
      ['GetCACaps', 'ca', 9],
      ['GetCACaps', 'ca', 10],
      ['GetCACaps', '4sbct31dw-ussncc1701', 30],
    ]);
    expect(reqs[0]?.url).toBe(
      'https://<server>-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority',
    );
    expect(reqs[5]?.path).toBe('/certsrv/mscep_admin/mscep.dll');
  });

  it('keeps the unescaped base64 + and / of the iOS PKIOperation message', () => {
    const pki = findScepRequests(text).find((r) => r.operation === 'PKIOperation');
    expect(pki?.path).toBe('/certsrv/mscep/mscep.dll');
    expect(pki?.message).toContain('/tl4tH9E+97TBTjGQN9NCjSgb78fF6edY0pNDU+PH4RB356wv3rfZ');
    expect(pki?.message?.endsWith('HECOj')).toBe(true);
  });

  it('ignores the Windows client NDES URL, which carries no operation', () => {
    expect(text).toContain('/certsrv/mscep/mscep.dll/pkiclient.exe');
    expect(findScepRequests(text).some((r) => r.path.endsWith('pkiclient.exe'))).toBe(false);
  });

  it('parses relative URLs and bad percent-escapes', () => {
    expect(parseScepUrl('/certsrv/mscep/mscep.dll?operation=GetCACaps&message=%ZZ')).toEqual({
      url: '/certsrv/mscep/mscep.dll?operation=GetCACaps&message=%ZZ',
      path: '/certsrv/mscep/mscep.dll',
      operation: 'GetCACaps',
      message: '%ZZ',
      line: 1,
    });
    expect(parseScepUrl('https://host/certsrv/mscep/mscep.dll')).toBeNull();
    const prose = findScepRequests(
      '(see https://h/certsrv/mscep/mscep.dll?operation=GetCACert&message=ca).',
    );
    expect(prose.map((r) => r.message)).toEqual(['ca']);
    expect(parseScepUrl('https://host/certsrv/mscep/?Operation=GetCACert')?.message).toBeNull();
  });
});
