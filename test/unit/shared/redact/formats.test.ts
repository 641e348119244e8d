import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../shared/redact/redactor';
import type { LineTransform } from '../../../../shared/redact/redactor';
import { Tokenizer } from '../../../../shared/redact/tokenizer';
import { RegTransform } from '../../../../shared/redact/reg';
import { XmlTransform } from '../../../../shared/redact/xml';
import { TextTransform, W3cTransform } from '../../../../shared/redact/lines';
import { redactJsonText, redactProbeJson } from '../../../../shared/redact/json';
import { parseRegFile, findKey, findValue } from '../../../../shared/parse/reg-file';
import { parseIisConfig } from '../../../../shared/parse/application-host';

function redactor(mode: 'none' | 'pseudonymize' | 'strict' = 'pseudonymize'): Redactor {
  const t = new Tokenizer();
  t.addDomain('corp.contoso.com');
  t.addHost('ndes01.corp.contoso.com');
  t.addNetbios('CORP', 'corp.contoso.com');
  t.addAccount('CORP\\svc-ndes');
  return new Redactor(mode, t);
}

function run(t: LineTransform, text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = t.push(line);
    if (r !== null) out.push(...(typeof r === 'string' ? [r] : r));
  }
  out.push(...t.end());
  return out.join('\n');
}

describe('RegTransform', () => {
  const reg = [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]',
    '"Configuration"="ndes01.corp.contoso.com\\\\Contoso Issuing CA"',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EncryptedPassword]',
    '"EncryptedPassword"=hex:01,00,00,00,d0,8c,9d,df,01,15,d1,11,8c,7a,00,c0,4f,c2,97,eb,01,\\',
    '  00,00,00,45,6e,63,50,77,64',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector\\Proxy]',
    '"ProxyServer"="http://proxy.corp.contoso.com:8080"',
    '"Username"="CORP\\\\svc-ndes"',
    '"Password"="Pr0xy-S3cret"',
    '"Notes"=hex(7):6e,00,64,00,65,00,73,00,30,00,31,00,00,00,00,00',
    '"PasswordLength"=dword:00000008',
    '',
  ].join('\n');

  it('tokenizes REG_SZ and REG_MULTI_SZ, drops secret values with their continuation lines', () => {
    const r = redactor();
    const out = run(new RegTransform(r), reg);
    expect(out).not.toMatch(/Pr0xy|45,6e,63|d0,8c/);
    expect(out).toContain('"Configuration"="host-1.domain-1.example\\\\Contoso Issuing CA"');
    expect(out).toContain('"Username"="DOMAIN-1\\\\account-1"');
    expect(out).toContain('"PasswordLength"=dword:00000008');
    const file = parseRegFile(out.replaceAll('\n', '\r\n'));
    const proxy = findKey(
      file,
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector\\Proxy',
    );
    expect(findValue(proxy, 'Password')).toBeUndefined();
    expect(findValue(proxy, 'ProxyServer')?.data).toEqual({
      type: 'REG_SZ',
      value: 'http://host-2.domain-1.example:8080',
    });
    expect(findValue(proxy, 'Notes')?.data).toEqual({ type: 'REG_MULTI_SZ', value: ['host-1'] });
    const enc = findKey(
      file,
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EncryptedPassword',
    );
    expect(enc?.values).toEqual([]);
    expect(r.removed.has('registry-secret')).toBe(true);
  });

  it('removes secrets but keeps names when not pseudonymizing', () => {
    const out = run(new RegTransform(new Redactor('none')), reg);
    expect(out).toContain('ndes01.corp.contoso.com');
    expect(out).not.toContain('Pr0xy');
    expect(out).not.toContain('d0,8c');
  });
});

describe('XmlTransform', () => {
  const config = [
    '<configuration>',
    '  <system.applicationHost><applicationPools>',
    '    <add name="SCEP"><processModel identityType="SpecificUser" userName="CORP\\svc-ndes"',
    '        password="[enc:IISCngProvider:QUJD:enc]" /></add>',
    '  </applicationPools>',
    '  <!-- moved from ndes01 by CORP\\svc-ndes -->',
    '  <sites><site name="Default Web Site" id="1"><bindings><binding protocol="https" bindingInformation="10.0.10.25:443:ndes01.corp.contoso.com" /></bindings></site></sites>',
    '  </system.applicationHost>',
    '</configuration>',
  ].join('\n');

  it('redacts attribute values and text only, and blanks passwords keeping the attribute', () => {
    const r = redactor();
    const out = run(new XmlTransform(r), config);
    expect(out).not.toMatch(/ndes01|svc-ndes|10\.0\.10\.25|IISCngProvider/i);
    expect(out).toContain('userName="DOMAIN-1\\account-1"');
    expect(out).toContain('password="[redacted]"');
    expect(out).toContain('bindingInformation="192.0.2.1:443:host-1.domain-1.example"');
    expect(out).toContain('<!-- moved from host-1 by DOMAIN-1\\account-1 -->');
    const parsed = parseIisConfig({ file: 'iis/applicationHost.config', text: out });
    expect(parsed.warnings).toEqual([]);
    expect(r.removed.has('iis-password')).toBe(true);
  });
});

describe('W3cTransform', () => {
  it('tokenizes address, user and host columns, keeps the user agent and status columns', () => {
    const r = redactor('strict');
    const t = new W3cTransform(r);
    const msg =
      'MIIHqwYJKoZIhvcNAQcCoIIHnDCCB5gCAQExDzANBglghkgBZQMEAgEFADCCAd0GCSqGSIb3DQEHAaCCAc4EggHKMIIBxjC';
    const lines = [
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs-host sc-status sc-substatus sc-win32-status time-taken',
      `2026-11-20 09:00:01 10.0.10.25 GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=${msg} 443 CORP\\svc-ndes 10.0.20.11 Dalvik/2.1.0+(Linux;+U;+Android+14;+ndes01) ASP.NET_SessionId=abc ndes01.corp.contoso.com 500 0 1346 31`,
    ];
    const out = lines.map((l) => t.push(l));
    expect(out[0]).toBe(lines[0]);
    expect(out[1]).toBe(
      `2026-11-20 09:00:01 192.0.2.1 GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=${'REDACTED'.repeat(20).slice(0, msg.length)} 443 DOMAIN-1\\account-1 192.0.2.2 Dalvik/2.1.0+(Linux;+U;+Android+14;+ndes01) - host-1.domain-1.example 500 0 1346 31`,
    );
  });

  it('keeps PKIOperation messages in pseudonymize mode', () => {
    const t = new W3cTransform(redactor());
    const line =
      '2026-11-20 09:00:01 10.0.10.25 GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=' +
      'A'.repeat(100) +
      ' 443 - 10.0.20.11 ua - 200 0 0 1';
    expect(t.push(line)).toContain(`message=${'A'.repeat(100)} 443 - 192.0.2.2 ua`);
  });
});

describe('TextTransform', () => {
  it('drops a PEM private key spanning lines and redacts inline secrets', () => {
    const r = redactor();
    const text = [
      'key for ndes01:',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEsecret',
      '-----END RSA PRIVATE KEY-----',
      'Password=hunter22; proxy http://u:p4ss@proxy.corp.contoso.com',
    ].join('\n');
    const out = run(new TextTransform(r), text);
    expect(out).toBe(
      'key for host-1:\n[private key removed by NDES Doctor]\nPassword=[redacted]; proxy http://u:[redacted]@host-2.domain-1.example',
    );
  });
});

describe('JSON', () => {
  it('redacts string literals in place, objectSid bytes and secret-named properties', () => {
    const r = redactor();
    const sid = [
      1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 220, 122, 222, 59, 131, 70, 43, 70, 130, 200, 166, 40,
      83, 4, 0, 0,
    ];
    const text = `{\n    "sAMAccountName":  "svc-ndes",\n    "objectSid":  [\n ${sid.join(',\n ')}\n    ],\n    "challengePassword":  "abc123",\n    "Count":  3\n}`;
    const out = redactJsonText(text, r);
    const v = JSON.parse(out) as Record<string, unknown>;
    expect(v['sAMAccountName']).toBe('account-1');
    expect(v['challengePassword']).toBe('[redacted]');
    expect(v['Count']).toBe(3);
    const bytes = v['objectSid'] as number[];
    expect(bytes).toHaveLength(28);
    expect(bytes.slice(8, 24)).toEqual([21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(out.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('drops PKIOperation bodies and tokenizes text bodies of the probe', () => {
    const r = redactor();
    const probe = JSON.stringify([
      {
        name: 'base',
        url: 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
        status: 403,
        bodyBase64: btoa('Error on ndes01'),
      },
      {
        name: 'pkioperation',
        url: 'https://ndes01.corp.contoso.com/x',
        status: 200,
        bodyBase64: btoa('secret CMS'),
      },
    ]);
    const out = JSON.parse(redactProbeJson(probe, r, false)) as {
      url: string;
      bodyBase64: string | null;
    }[];
    expect(out[0]!.url).toBe('https://host-1.domain-1.example/certsrv/mscep/mscep.dll');
    expect(atob(out[0]!.bodyBase64!)).toBe('Error on host-1');
    expect(out[1]!.bodyBase64).toBeNull();
  });
});

describe('XmlTransform and PEM keys', () => {
  it('drops a private key spanning lines inside an element', () => {
    const r = redactor();
    const xml = [
      '<E2ETraceEvent><Data>key of ndes01:',
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADAN',
      '-----END PRIVATE KEY-----</Data></E2ETraceEvent>',
    ].join('\n');
    expect(run(new XmlTransform(r), xml)).toBe(
      '<E2ETraceEvent><Data>key of host-1:\n[private key removed by NDES Doctor]\n</Data></E2ETraceEvent>',
    );
    expect(r.removed.has('private-key')).toBe(true);
  });
});
