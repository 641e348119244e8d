import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/os-supported';
import { parsePsJson } from '../../../../shared/parse/ps-json';
import { judge, ok, state } from '../../../helpers/snapshot';

/** os.json as Windows PowerShell 5.1 writes it (ConvertTo-Json, \/Date()\/ dates). */
function osJson(caption: string, version: string, productType: number) {
  const text = `{
    "Caption":  "${caption}",
    "Version":  "${version}",
    "BuildNumber":  "${version.split('.')[2] ?? ''}",
    "ProductType":  ${productType},
    "OSLanguage":  1033,
    "LastBootUpTime":  "\\/Date(1763370000000)\\/",
    "InstallDate":  "\\/Date(1700000000000)\\/"
}`;
  return ok(parsePsJson(text), 'commands/os.json');
}

describe('os-supported', () => {
  it.each([
    ['Server 2022 passes', 'Microsoft Windows Server 2022 Standard', '10.0.20348', 3, 'pass'],
    [
      'Server 2012 R2 (6.3.9600) passes',
      'Microsoft Windows Server 2012 R2 Standard',
      '6.3.9600',
      3,
      'pass',
    ],
    [
      'a domain controller is still a server OS',
      'Microsoft Windows Server 2019 Datacenter',
      '10.0.17763',
      2,
      'pass',
    ],
    [
      'Server 2012 (6.2.9200) fails',
      'Microsoft Windows Server 2012 Standard',
      '6.2.9200',
      3,
      'fail',
    ],
    ['Server 2008 R2 fails', 'Microsoft Windows Server 2008 R2 Enterprise', '6.1.7601', 3, 'fail'],
    ['a workstation fails', 'Microsoft Windows 10 Enterprise', '10.0.19045', 1, 'fail'],
    [
      'an unparsable Version is unknown',
      'Microsoft Windows Server 2022 Standard',
      'ten',
      3,
      'unknown',
    ],
  ] as const)('%s', (_name, caption, version, productType, expected) => {
    expect(judge(rule, { os: osJson(caption, version, productType) }).status).toBe(expected);
  });

  it('compares version parts as numbers (10.0 > 6.3) and shows the details', () => {
    const f = judge(rule, {
      os: osJson('Microsoft Windows Server 2016 Standard', '10.0.14393', 3),
    });
    expect(f.status).toBe('pass');
    expect(f.summary).toBe(
      'Microsoft Windows Server 2016 Standard (version 10.0.14393) is a supported Windows Server release.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'keyValue',
      caption: 'commands/os.json',
      items: expect.arrayContaining([
        { key: 'BuildNumber', value: '14393' },
        { key: 'LastBootUpTime', value: '2025-11-17T09:00:00.000Z' },
      ]),
    });
  });

  it('names the workstation edition in the summary', () => {
    const f = judge(rule, { os: osJson('Microsoft Windows 11 Pro', '10.0.22631', 1) });
    expect(f.summary).toContain('workstation edition (ProductType 1)');
  });

  it.each(['absent', 'error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when os.json is %s',
    (st) => {
      expect(judge(rule, { os: state(st, 'commands/os.json') }).status).toBe('unknown');
    },
  );
});
