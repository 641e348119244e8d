import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/iis-features-installed';
import { judge, psJson, state } from '../../../helpers/snapshot';

const REQUIRED = [
  'Web-Filtering',
  'Web-Asp-Net45',
  'NET-Framework-45-Core',
  'NET-WCF-HTTP-Activation45',
  'Web-Metabase',
  'Web-WMI',
];

/** windows-features.json with the required six Installed, then `over` applied. */
function features(over: Record<string, string | null> = {}) {
  const states: Record<string, string | null> = {
    'Web-Server': 'Installed',
    ...Object.fromEntries(REQUIRED.map((n) => [n, 'Installed'])),
    'Web-Net-Ext45': 'Installed',
    'NET-Framework-Features': 'Available',
    'NET-HTTP-Activation': 'Available',
    'Web-Mgmt-Console': 'Installed',
    ...over,
  };
  const list = Object.entries(states)
    .filter(([, s]) => s !== null)
    .map(([Name, InstallState]) => ({ Name, InstallState }));
  return psJson(list, 'commands/windows-features.json');
}

describe('iis-features-installed', () => {
  it.each([
    ['all six Installed passes (3.5 features are details only)', {}, 'pass'],
    ['Web-Filtering Available fails', { 'Web-Filtering': 'Available' }, 'fail'],
    [
      'HTTP Activation 4.5 missing from the list fails',
      { 'NET-WCF-HTTP-Activation45': null },
      'fail',
    ],
    ['Web-WMI Removed fails', { 'Web-WMI': 'Removed' }, 'fail'],
    ['a missing detail feature does not change the status', { 'Web-Mgmt-Console': null }, 'pass'],
  ])('%s', (_name, over, expected) => {
    expect(judge(rule, { windowsFeatures: features(over) }).status).toBe(expected);
  });

  it('lists what is missing and shows required and detail tables', () => {
    const f = judge(rule, {
      windowsFeatures: features({ 'Web-Metabase': 'Available', 'Web-WMI': null }),
    });
    expect(f.summary).toBe('Not installed: Web-Metabase, Web-WMI.');
    expect(f.fixes[0]?.wizard).toBe('install-iis-features');
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([
        ['Web-Metabase', 'Available'],
        ['Web-WMI', '(not listed)'],
      ]),
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'table',
      rows: expect.arrayContaining([['NET-HTTP-Activation', 'Available']]),
    });
  });

  it.each(['absent', 'error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when windows-features.json is %s',
    (st) => {
      expect(judge(rule, { windowsFeatures: state(st) }).status).toBe('unknown');
    },
  );
});
