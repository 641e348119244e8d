import { describe, it, expect } from 'vitest';
import { ParseError } from '../../../../shared/parse/errors';
import { parseSeceditInf, rightHolders } from '../../../../shared/parse/secedit-inf';
import { decodeText } from '../../../../shared/parse/text-decode';
import { sample } from '../../../helpers/paths';

describe('parseSeceditInf on a real secedit export', () => {
  const { text, encoding } = decodeText(
    sample('secedit-inf/Tsumihara-STIG-secpol.cfg-secedit-export-utf16le.inf'),
  );
  const inf = parseSeceditInf(text);

  it('reads all sections of a full export', () => {
    expect(encoding).toBe('utf-16le');
    expect(inf.warnings).toEqual([]);
    expect(Object.keys(inf.sections)).toEqual([
      'Unicode',
      'System Access',
      'Event Audit',
      'Registry Values',
      'Privilege Rights',
      'Version',
    ]);
    expect(inf.sections['Unicode']).toEqual({ Unicode: 'yes' });
    expect(inf.sections['Version']).toEqual({ signature: '"$CHICAGO$"', Revision: '1' });
    expect(inf.sections['System Access']?.['NewAdministratorName']).toBe('"Administrator"');
    expect(inf.sections['System Access']?.['MinimumPasswordLength']).toBe('8');
    expect(
      inf.sections['Registry Values']?.[
        'MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\FullPrivilegeAuditing'
      ],
    ).toBe('3,1');
  });

  it('splits privilege rights into holders', () => {
    expect(Object.keys(inf.privilegeRights)).toHaveLength(33);
    expect(rightHolders(inf, 'SeImpersonatePrivilege')).toEqual([
      '*S-1-5-19',
      '*S-1-5-20',
      '*S-1-5-32-544',
      '*S-1-5-6',
    ]);
    // This STIG box would fail NDES: IIS_IUSRS (S-1-5-32-568) lacks SeImpersonatePrivilege.
    expect(rightHolders(inf, 'seimpersonateprivilege')).not.toContain('*S-1-5-32-568');
    expect(rightHolders(inf, 'SeBatchLogonRight')).toEqual([
      '*S-1-5-32-544',
      '*S-1-5-32-551',
      '*S-1-5-32-559',
    ]);
    expect(rightHolders(inf, 'SeServiceLogonRight')).toEqual(['*S-1-5-80-0']);
    // Bare account names stay as written.
    expect(rightHolders(inf, 'SeInteractiveLogonRight')).toEqual([
      '__vmware__',
      'Guest',
      '*S-1-5-32-544',
      '*S-1-5-32-545',
      '*S-1-5-32-551',
    ]);
    expect(rightHolders(inf, 'SeDenyNetworkLogonRight')).toEqual(['Guest']);
    expect(rightHolders(inf, 'SeDenyServiceLogonRight')).toEqual([]);
  });
});

describe('parseSeceditInf on synthetic exports', () => {
  it('reads a USER_RIGHTS-only export with an empty right, names with spaces and a stray BOM', () => {
    const inf = parseSeceditInf(
      [
        '\uFEFF[Unicode]',
        'Unicode=yes',
        '[Privilege Rights]',
        'SeServiceLogonRight = *S-1-5-80-0, CONTOSO\\svc-ndes ,Classic .NET AppPool',
        'SeDenyBatchLogonRight =',
        'SeImpersonatePrivilege = *S-1-5-19,*S-1-5-32-568',
        'seimpersonateprivilege = *S-1-5-6',
        'no equals sign here',
        '[version]',
        'signature="$CHICAGO$"',
        '',
      ].join('\r\n'),
    );
    expect(Object.keys(inf.sections)).toEqual(['Unicode', 'Privilege Rights', 'version']);
    expect(rightHolders(inf, 'SeServiceLogonRight')).toEqual([
      '*S-1-5-80-0',
      'CONTOSO\\svc-ndes',
      'Classic .NET AppPool',
    ]);
    expect(rightHolders(inf, 'SeDenyBatchLogonRight')).toEqual([]);
    expect(rightHolders(inf, 'SeImpersonatePrivilege')).toEqual(['*S-1-5-6']);
    expect(inf.warnings).toEqual([
      'line 7: seimpersonateprivilege repeated in [Privilege Rights]; the later value wins',
      'line 8: line without "=" ignored',
    ]);
  });

  it('warns when [Privilege Rights] is missing', () => {
    const inf = parseSeceditInf('[Unicode]\r\nUnicode=yes\r\n[__proto__]\r\nx=1\r\n');
    expect(inf.privilegeRights).toEqual({});
    expect(inf.sections['__proto__']).toEqual({ x: '1' });
    expect(inf.warnings).toEqual([
      'no [Privilege Rights] section (export without /areas USER_RIGHTS?)',
    ]);
    expect(rightHolders(inf, 'SeImpersonatePrivilege')).toEqual([]);
  });

  it('throws ParseError for empty input and binary garbage', () => {
    expect(() => parseSeceditInf('')).toThrow(ParseError);
    const garbage = Uint8Array.from({ length: 3000 }, (_, i) => (i * 97 + 3) & 0xff);
    expect(() => parseSeceditInf(decodeText(garbage).text)).toThrow(
      'not a secedit INF: no [section] header found',
    );
  });
});
