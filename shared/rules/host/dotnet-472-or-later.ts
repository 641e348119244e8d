// Detects .NET Framework older than 4.7.2 (NDP\v4\Full Release < 461808), which the Intune
// certificate connector needs to install and run. Source: M-PREREQ, T-YZ2 LOC03, memdocs PR #2618.
import { defineRule } from '../../engine/define-rule';
import { DOTNET_472_RELEASE, dotnetVersion } from '../../engine/computed/features';
import { regLookup, regNumber } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { Decoded } from '../../model';

const strings = {
  title: '.NET Framework 4.7.2 or later is installed',
  failureTitle: '.NET Framework 4.7.2 or later is missing',
  why: 'The Intune certificate connector needs .NET Framework 4.7.2 or later; with an older one it fails to install or configure.',
  fix: 'Install .NET Framework 4.7.2 or later (4.8 recommended). Reboot: when the installer asks.',
  ok: 'Release is {release} (.NET Framework {version}), at least 461808 (4.7.2).',
  low: 'Release is {release} (.NET Framework {version}), below 461808 (4.7.2).',
  missing:
    'The NDP\\v4\\Full key has no Release value, so .NET Framework 4.5 or later is not installed.',
  absent: 'The NDP\\v4\\Full key does not exist, so .NET Framework 4.5 or later is not installed.',
  below45: 'older than 4.5',
  decoded: '.NET Framework {version}',
};

const KEY = 'HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full';

export default defineRule({
  meta: {
    id: 'dotnet-472-or-later',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['regDotnet'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regDotnet }) => {
    if (regDotnet.state === 'absent') return { status: 'fail', summary: strings.absent };
    const found = regLookup(regDotnet, KEY, 'Release');
    const release = regNumber(found.value?.data);
    if (release === null) {
      return { status: 'fail', summary: strings.missing, evidence: [found.evidence] };
    }
    const version = dotnetVersion(release) ?? strings.below45;
    const decoded: Decoded[] = [
      { raw: `Release ${release}`, meaning: fill(strings.decoded, { version }) },
    ];
    const ok = release >= DOTNET_472_RELEASE;
    return {
      status: ok ? 'pass' : 'fail',
      summary: fill(ok ? strings.ok : strings.low, { release, version }),
      evidence: [found.evidence],
      decoded,
    };
  },
});
