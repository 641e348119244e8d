// install-iis-features on the healthy host with Web-Metabase and Web-WMI not installed: one
// Install-WindowsFeature of exactly those two (undo uninstalls them); a reboot only when Windows
// reports RestartNeeded (exit 3010).
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseVariant, planOf, removeFixTemp, shape } from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

describe('install-iis-features', () => {
  it('installs exactly the missing required features', async () => {
    const d = await diagnoseVariant('no-metabase', (spec) => {
      spec.features['Web-Metabase'] = 'Available';
      spec.features['Web-WMI'] = 'Removed';
    });
    const plan = planOf(d, 'iis-features-installed');
    expect(shape(plan)).toEqual([
      {
        id: 'install-features',
        kind: 'change',
        command: "& install-features.ps1 -Features @('Web-Metabase', 'Web-WMI')",
        backup: null,
        undo: "& uninstall-features.ps1 -Features @('Web-Metabase', 'Web-WMI')",
        needsReboot: false,
      },
    ]);
    expect(plan.steps[0]!.rebootExitCode).toBe(3010);
    expect(plan.needsReboot).toBe(false);
  });
});
