import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../../../shared/redact/tokenizer';

function contoso(): Tokenizer {
  const t = new Tokenizer();
  t.addDomain('corp.contoso.com');
  t.addHost('NDES01');
  t.addHost('ndes01.corp.contoso.com');
  t.addNetbios('CORP', 'corp.contoso.com');
  t.addAccount('CORP\\svc-ndes');
  t.addHost('CA01.corp.contoso.com');
  return t;
}

describe('Tokenizer', () => {
  it('keeps short name and FQDN related, in any case', () => {
    const t = contoso();
    expect(t.text('NDES01')).toBe('HOST-1');
    expect(t.text('ndes01')).toBe('host-1');
    expect(t.text('ndes01.corp.contoso.com')).toBe('host-1.domain-1.example');
    expect(t.text('NDES01.CORP.CONTOSO.COM')).toBe('HOST-1.DOMAIN-1.EXAMPLE');
    expect(t.text('<Computer>NDES01.corp.contoso.com</Computer>')).toBe(
      '<Computer>HOST-1.domain-1.example</Computer>',
    );
    expect(t.text('HTTP/NDES01 HTTP/ndes01.corp.contoso.com')).toBe(
      'HTTP/HOST-1 HTTP/host-1.domain-1.example',
    );
    expect(t.text('CN=NDES01-MSCEP-RA, O=Contoso Ltd')).toBe('CN=HOST-1-MSCEP-RA, O=Contoso Ltd');
  });

  it('tokenizes other hosts of the domain, the parent domain and wildcards consistently', () => {
    const t = contoso();
    expect(t.text('CA01.corp.contoso.com\\Contoso Issuing CA')).toBe(
      'HOST-2.domain-1.example\\Contoso Issuing CA',
    );
    expect(t.text('https://pki.contoso.com/CertEnroll')).toBe(
      'https://host-3.domain-2.example/CertEnroll',
    );
    expect(t.text('*.corp.contoso.com')).toBe('*.domain-1.example');
    expect(t.text('a.b.corp.contoso.com')).toBe('host-4.domain-3.example');
    expect(t.text('a.b.corp.contoso.com')).toBe('host-4.domain-3.example');
  });

  it('leaves public endpoints, namespaces, versions and OIDs alone', () => {
    const t = contoso();
    const keep = [
      'https://login.microsoftonline.com/ and manage.microsoft.com',
      "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'",
      'System.Web, Version=4.0.0.0, 10.0.20348.1, 1.3.6.1.4.1.311.21.8.8234517',
      'NT AUTHORITY\\SYSTEM BUILTIN\\IIS_IUSRS IIS APPPOOL\\SCEP',
      'dword:00000001 12:30:45 00:1A:2B:3C:4D:5E 0.0.0.0:443 127.0.0.1 ::1',
    ];
    for (const s of keep) expect(t.text(s)).toBe(s);
  });

  it('rewrites DOMAIN\\account, UPNs and LDAP DNs in either RDN order', () => {
    const t = contoso();
    expect(t.text('CORP\\svc-ndes')).toBe('DOMAIN-1\\account-1');
    expect(t.text('"CORP\\\\svc-ndes"')).toBe('"DOMAIN-1\\\\account-1"');
    expect(t.text('NDES01\\Administrator and CORP\\Domain Admins')).toBe(
      'HOST-1\\Administrator and DOMAIN-1\\Domain Admins',
    );
    expect(t.text('CORP\\gmsa-ndes$')).toBe('DOMAIN-1\\account-2$');
    expect(t.text('svc-ndes@corp.contoso.com / jane.doe@Contoso.com')).toBe(
      'account-1@domain-1.example / user-1@domain-2.example',
    );
    expect(t.text('CN=svc-ndes,OU=Service Accounts,DC=corp,DC=contoso,DC=com')).toBe(
      'CN=account-1,OU=Service Accounts,DC=domain-1,DC=example',
    );
    expect(t.text('DC=com, DC=contoso, DC=corp, CN=Contoso Issuing CA')).toBe(
      'DC=example, DC=domain-1, CN=Contoso Issuing CA',
    );
  });

  it('maps SIDs keeping well-known ones and RIDs below 1000', () => {
    const t = contoso();
    const dom = 'S-1-5-21-1004336348-1177238915-682003330';
    const machine = 'S-1-5-21-2753912315-3842219183-1790443520';
    expect(t.text(`*${dom}-1107,*S-1-5-32-568,*S-1-5-80-0,*S-1-5-19`)).toBe(
      '*S-1-5-21-0-0-1-1000,*S-1-5-32-568,*S-1-5-80-0,*S-1-5-19',
    );
    expect(t.text(`${dom}-512 ${machine}-500 ${dom}-1107`)).toBe(
      'S-1-5-21-0-0-1-512 S-1-5-21-0-0-2-500 S-1-5-21-0-0-1-1000',
    );
    expect(t.text('S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415')).toBe(
      'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415',
    );
    expect(t.text('S-1-12-1-1111111111-2222222222-3333333333-4444444444')).toBe(
      'S-1-12-1-0-0-0-1001',
    );
  });

  it('maps addresses to documentation ranges, consistently', () => {
    const t = contoso();
    expect(t.text('10.0.10.25 -> 10.0.20.11, again 10.0.10.25:443')).toBe(
      '192.0.2.1 -> 192.0.2.2, again 192.0.2.1:443',
    );
    expect(t.text('fe80::f53d:89b8:c3e8:5fec%13 and 2a01:111:f400::5')).toBe(
      '2001:db8::1%13 and 2001:db8::2',
    );
    for (let i = 3; i < 300; i++) t.ipv4(`10.9.${i >> 8}.${(i % 250) + 1}`);
    expect(t.ipv4('10.200.0.1')).toMatch(/^198\.51\.100\.\d+$/);
  });

  it('records mappings and reports identities without counting them', () => {
    const t = contoso();
    expect(t.containsIdentity('served by ndes01')).toBe(true);
    expect(t.containsIdentity('served by a web server')).toBe(false);
    expect(t.mappings).toContainEqual({ class: 'hostnames', original: 'ndes01', token: 'host-1' });
    expect(t.mappings).toContainEqual({ class: 'domains', original: 'CORP', token: 'DOMAIN-1' });
  });
});
