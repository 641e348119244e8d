import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-installed';
import { judge, psJson, state } from '../../../helpers/snapshot';

const PATH = 'commands/installed-products.json';
const OTHER = {
  DisplayName: 'Microsoft Visual C++ 2019 X64 Minimum Runtime - 14.29.30133',
  DisplayVersion: '14.29.30133',
};
const CURRENT = {
  DisplayName: 'Certificate Connector for Microsoft Intune',
  DisplayVersion: '6.2406.0.1001',
  Publisher: 'Microsoft Corporation',
  InstallDate: '20240715',
};
const LEGACY = (v: string) => ({
  DisplayName: 'Microsoft Intune Connector',
  DisplayVersion: v,
  Publisher: 'Microsoft Corporation',
  InstallDate: '20200301',
});
const products = (...rows: object[]) => psJson(rows.length === 1 ? rows[0] : rows, PATH);

describe('connector-installed', () => {
  it.each([
    ['the current connector passes', products(OTHER, CURRENT), 'pass'],
    [
      'current next to a leftover legacy connector passes',
      products(LEGACY('6.2101.13.0'), CURRENT),
      'pass',
    ],
    ['a single product written bare (PS 5.1) passes', products(CURRENT), 'pass'],
    ['only the legacy connector warns', products(OTHER, LEGACY('6.2101.13.0')), 'warn'],
    ['no connector fails', products(OTHER), 'fail'],
    [
      'no Uninstall entries at all (absent) fails',
      { state: 'absent' as const, path: PATH },
      'fail',
    ],
  ])('%s', (_name, installedProducts, expected) => {
    expect(judge(rule, { installedProducts }).status).toBe(expected);
  });

  it('names the version of the current connector', () => {
    const f = judge(rule, { installedProducts: products(OTHER, CURRENT) });
    expect(f.summary).toBe(
      'The Certificate Connector for Microsoft Intune 6.2406.0.1001 is installed.',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'table',
      caption: 'Installed Intune connector products',
      headers: ['DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate'],
      rows: [
        [
          'Certificate Connector for Microsoft Intune',
          '6.2406.0.1001',
          'Microsoft Corporation',
          '20240715',
        ],
      ],
    });
  });

  it('says a legacy connector below 6.2101.13.0 is blocked', () => {
    const f = judge(rule, { installedProducts: products(LEGACY('6.1905.0.402')) });
    expect(f.status).toBe('warn');
    expect(f.summary).toContain('6.1905.0.402');
    expect(f.summary).toContain('blocked since June 2022');
  });

  it('says a supported-build legacy connector is unsupported', () => {
    const f = judge(rule, { installedProducts: products(LEGACY('6.2101.13.0')) });
    expect(f.summary).toContain('unsupported since 6.2109.51.0');
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the product list is %s',
    (st) => {
      expect(judge(rule, { installedProducts: state(st, PATH) }).status).toBe('unknown');
    },
  );
});
