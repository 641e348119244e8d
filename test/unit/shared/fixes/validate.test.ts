// The strict patterns every command value passes: hostile or malformed values (quotes, separators,
// spaces in thumbprints, control characters, out-of-range DWORDs) are refused with the field named.
import { describe, expect, it } from 'vitest';
import { FixValidationError, dword, matches, valid } from '../../../../shared/fixes/validate';
import type { PatternName } from '../../../../shared/fixes/validate';

const CASES: [PatternName, string[], string[]][] = [
  [
    'templateName',
    ['IntuneSCEP', 'Contoso_SCEP-v2.1', 'CEPEncryption'],
    ['Intune SCEP', 'x"; Remove-Item C:\\ -Recurse', "x';calc", 'a'.repeat(65), '', 'x\ny', 'x`y'],
  ],
  [
    'thumbprint',
    ['E8CE23FB6789561DAFF26DFAFD64B38C00F9DA06'],
    [
      'E8 CE 23 FB 67 89 56 1D AF F2 6D FA FD 64 B3 8C 00 F9 DA 06',
      'e8ce23fb6789561daff26dfafd64b38c00f9da06',
      'E8CE23FB6789561DAFF26DFAFD64B38C00F9DA0',
      '\u200eE8CE23FB6789561DAFF26DFAFD64B38C00F9DA06',
    ],
  ],
  [
    'account',
    ['CORP\\svc-ndes', 'CORP\\gmsa-ndes$', 'corp.contoso.com\\svc.ndes'],
    ['svc-ndes', 'CORP\\svc ndes', 'CORP\\svc"; net user x /add', 'CORP\\\\svc', 'CORP\\svc\\x'],
  ],
  ['poolAccount', ['IIS APPPOOL\\SCEP'], ['IIS APPPOOL\\SCEP"&calc', 'NT AUTHORITY\\SYSTEM']],
  [
    'sid',
    ['S-1-5-32-568', 'S-1-5-21-1004336348-1177238915-682003330-1107'],
    ['S-1-5', '*S-1-5-32-568', 'S-1-5-32-568;x'],
  ],
  [
    'appPool',
    ['SCEP', 'DefaultAppPool', '.NET v4.5'.slice(1)],
    ['SCEP" & calc.exe', 'SCEP/..', ' SCEP'],
  ],
  ['serviceName', ['WAPCSvc', 'PFXCertificateConnectorSvc'], ['WAPCSvc; Stop-Computer', 'a b']],
  [
    'iisConfigPath',
    ['Default Web Site/CertSrv/mscep', 'Default Web Site'],
    [
      'Default Web Site/../x',
      'Default Web Site/CertSrv mscep',
      '"Default Web Site"',
      'MACHINE/WEBROOT/APPHOST/x y/z',
    ],
  ],
  [
    'registryKey',
    [
      'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP',
      'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}',
    ],
    [
      'HKCU\\Software\\x',
      'HKLM\\SOFTWARE\\x\\',
      'HKLM\\SOFTWARE\\\\x',
      'HKLM\\SOFTWARE\\x" /f & calc',
    ],
  ],
  ['caConfig', ['CA01.corp.contoso.com\\Contoso Issuing CA'], ['CA01\\Contoso" & calc', 'CA01']],
  [
    'subjectDn',
    ['CN=NDES01-MSCEP-RA, OU=IT, O=Contoso Ltd, C=US'],
    ['CN=NDES01"\nKeyLength = 512', 'CN=a,b', 'CN=x, O=Contoso, Inc'],
  ],
  [
    'backupFile',
    ['mscep.reg', 'key-acl-e8ce.sddl'],
    ['..\\x.reg', 'a/b.reg', 'MSCEP.REG', 'x.exe'],
  ],
  ['userRight', ['SeImpersonatePrivilege'], ['SeImpersonatePrivilege = *S-1-1-0', 'Impersonate']],
];

describe('fix parameter validation', () => {
  it.each(CASES)('%s accepts good values and refuses hostile ones', (pattern, good, bad) => {
    for (const v of good) expect(matches(pattern, v), v).toBe(true);
    for (const v of bad) {
      expect(matches(pattern, v), v).toBe(false);
      expect(() => valid(pattern, 'the field', v)).toThrow(FixValidationError);
    }
  });

  it('names the field and shows control characters in the message', () => {
    expect(() => valid('templateName', 'template', 'a\nb')).toThrow(
      'template "a\\x0ab" is not allowed: letters, digits, _ . - only (1-64)',
    );
  });

  it('keeps DWORDs in range', () => {
    expect(dword('MaxFieldLength', 65534)).toBe(65534);
    expect(dword('x', 0xffffffff)).toBe(0xffffffff);
    for (const bad of [-1, 2 ** 32, 1.5, Number.NaN])
      expect(() => dword('x', bad)).toThrow(FixValidationError);
    expect(() => dword('maxUrl', 70000, 0, 65535)).toThrow('a whole number from 0 to 65535');
  });
});
