import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/ndes-role-installed';
import { judge, psJson, state } from '../../../helpers/snapshot';

/** windows-features.json: Get-WindowsFeature | Select Name, InstallState as a string. */
const features = (entries: [string, string][]) =>
  psJson(
    entries.map(([Name, InstallState]) => ({ Name, InstallState })),
    'commands/windows-features.json',
  );

describe('ndes-role-installed', () => {
  it.each([
    [
      'Installed passes',
      [
        ['ADCS-Cert-Authority', 'Available'],
        ['ADCS-Device-Enrollment', 'Installed'],
      ],
      'pass',
    ],
    ['Available fails', [['ADCS-Device-Enrollment', 'Available']], 'fail'],
    ['Removed fails', [['ADCS-Device-Enrollment', 'Removed']], 'fail'],
    ['a missing entry fails', [['Web-Server', 'Installed']], 'fail'],
  ] as [string, [string, string][], string][])('%s', (_name, entries, expected) => {
    expect(judge(rule, { windowsFeatures: features(entries) }).status).toBe(expected);
  });

  it('accepts a single object (PowerShell 5.1 does not wrap one result) and the name in any case', () => {
    const f = judge(rule, {
      windowsFeatures: psJson({ Name: 'adcs-device-enrollment', InstallState: 'Installed' }),
    });
    expect(f.status).toBe('pass');
  });

  it('shows the state it found', () => {
    const f = judge(rule, { windowsFeatures: features([['ADCS-Device-Enrollment', 'Available']]) });
    expect(f.summary).toBe('ADCS-Device-Enrollment is Available, not Installed.');
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      rows: [['ADCS-Device-Enrollment', 'Available']],
    });
  });

  it.each(['absent', 'error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when windows-features.json is %s',
    (st) => {
      expect(judge(rule, { windowsFeatures: state(st) }).status).toBe('unknown');
    },
  );
});
