// Installs the IIS / .NET features NDES and the connector need that windows-features.json shows as
// not installed (T-VALID #5, M-PREREQ). Install-WindowsFeature reports RestartNeeded; the script
// turns that into exit code 3010 so the plan asks for a reboot only when Windows does.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { featureState, isInstalled, REQUIRED_IIS_FEATURES } from '../engine/computed/features';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { valid } from './validate';

export const strings = {
  title: 'Install the missing IIS and .NET features',
  why: 'Without Request Filtering, ASP.NET 4.5, WCF HTTP Activation and the IIS 6 management compatibility features, NDES misbehaves and the connector setup refuses to run.',
  change: 'Install-WindowsFeature installs: {features}. Nothing else changes.',
  stepTitle: 'Install {features}',
  stepWhy: 'These required features are not installed (windows-features.json).',
  noFeatures: 'windows-features.json was not read, so the missing features are unknown.',
  allInstalled: 'All six required features are already installed.',
  reboot: 'Windows asks for a reboot only if the result says RestartNeeded; the wizard reports it.',
};

/** The six features iis-features-installed requires (CHECKS.md). */
export const REQUIRED_FEATURES = REQUIRED_IIS_FEATURES;

export const meta: WizardMeta = {
  id: 'install-iis-features',
  checks: ['iis-features-installed'],
  verifies: ['iis-features-installed'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const ev = snapshot.windowsFeatures;
    if (!isOk(ev)) return refuse(strings.noFeatures);
    const missing = REQUIRED_FEATURES.map((n) => featureState(ev.value, n))
      .filter((f) => !isInstalled(f))
      .map((f) => valid('featureName', 'feature', f.name));
    if (missing.length === 0) return refuse(strings.allInstalled);
    const features = missing.join(', ');
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { features }),
      steps: [
        {
          id: 'install-features',
          kind: 'change',
          title: fill(strings.stepTitle, { features }),
          why: strings.stepWhy,
          command: { powershell: 'install-features', params: { Features: missing } },
          undo: { powershell: 'uninstall-features', params: { Features: missing } },
          needsReboot: false,
          restarts: [],
          rebootExitCode: 3010,
          timeoutMs: 1_800_000,
        },
      ],
      notes: [strings.reboot],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
