import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import { parseSetspn } from '../../../../shared/parse/setspn';

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

describe('parseSetspn on the setspn -L sample', () => {
  const accounts = parseSetspn(text('command-output/setspn-L-examples.txt'));

  it('gives one entry per "Registered ServicePrincipalNames for" header', () => {
    expect(accounts.map((a) => a.account)).toEqual([
      'CN=iis_service,CN=Users,DC=corp,DC=com',
      'CN=IIS Kerberos Service,CN=Users,DC=lab,DC=local',
    ]);
    expect(accounts.map((a) => a.line)).toEqual([2, 8]);
  });

  it('collects the indented SPNs, ignoring prompts and separators', () => {
    expect(accounts[0]?.spns).toEqual([
      'HTTP/web04.corp.com',
      'HTTP/web04',
      'HTTP/web04.corp.com:80',
    ]);
    expect(accounts[1]?.spns).toEqual(['HTTP/vmhybrid01.lab.local', 'HTTP/vmhybrid01']);
  });
});

describe('parseSetspn', () => {
  it('reads tab-indented CRLF output and an account with no SPNs', () => {
    const out = parseSetspn(
      'Registered ServicePrincipalNames for CN=svc-ndes,OU=Service Accounts,DC=corp,DC=contoso,DC=com:\r\n' +
        '\tHTTP/ndes01.corp.contoso.com\r\n\tHTTP/ndes01\r\n\r\n' +
        'Registered ServicePrincipalNames for CN=NDES01,OU=Servers,DC=corp,DC=contoso,DC=com:\r\n',
    );
    expect(out).toHaveLength(2);
    expect(out[0]?.spns).toEqual(['HTTP/ndes01.corp.contoso.com', 'HTTP/ndes01']);
    expect(out[1]).toEqual({
      account: 'CN=NDES01,OU=Servers,DC=corp,DC=contoso,DC=com',
      spns: [],
      line: 5,
    });
  });

  it('recognises a localized header by its distinguished name', () => {
    const out = parseSetspn(
      'Registrierte Dienstprinzipalnamen für CN=svc-ndes,CN=Users,DC=corp,DC=local:\n        HTTP/ndes01.corp.local\n',
    );
    expect(out).toEqual([
      {
        account: 'CN=svc-ndes,CN=Users,DC=corp,DC=local',
        spns: ['HTTP/ndes01.corp.local'],
        line: 1,
      },
    ]);
  });

  it('returns no accounts for an unknown account error or empty text', () => {
    expect(
      parseSetspn(
        'FindDomainForAccount: Call to DsGetDcNameWithAccountW failed with return value 0x00000525\r\nCould not find account svc-nope\r\n',
      ),
    ).toEqual([]);
    expect(parseSetspn('')).toEqual([]);
  });

  it('throws ParseError on binary garbage', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const bytes = garbage(4096, seed);
      expect(() => parseSetspn(new TextDecoder('latin1').decode(bytes))).toThrow(ParseError);
      expect(() => parseSetspn(new TextDecoder().decode(bytes))).toThrow(ParseError);
    }
  });
});
