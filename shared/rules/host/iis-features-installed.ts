// Detects missing IIS / .NET features NDES and the connector need (Request Filtering, ASP.NET 4.5,
// WCF HTTP Activation, IIS 6 Metabase and WMI compatibility). Source: T-VALID #5, M-PREREQ, SEED-CFG.
import { defineRule } from '../../engine/define-rule';
import {
  featureState,
  featuresTable,
  isInstalled,
  REQUIRED_IIS_FEATURES,
} from '../../engine/computed/features';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'Required IIS and .NET features are installed',
  failureTitle: 'Required IIS or .NET features are missing',
  why: 'The connector setup refuses to run without HTTP Activation, and NDES needs Request Filtering, ASP.NET 4.5 and the IIS 6 management compatibility features.',
  fix: 'Install-WindowsFeature Web-Filtering,Web-Asp-Net45,NET-Framework-45-Core,NET-WCF-HTTP-Activation45,Web-Metabase,Web-WMI. Reboot: only if the result says RestartNeeded.',
  ok: 'All six required features are Installed.',
  missing: 'Not installed: {features}.',
  absent: 'windows-features.json is absent, so the installed features cannot be judged.',
  requiredCaption: 'Required features ({file})',
  detailsCaption: 'Also recommended (details only)',
};

const REQUIRED = REQUIRED_IIS_FEATURES;
const DETAILS = [
  'Web-Net-Ext45',
  'NET-Framework-Features',
  'NET-HTTP-Activation',
  'Web-Mgmt-Console',
];

export default defineRule({
  meta: {
    id: 'iis-features-installed',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['windowsFeatures'],
    fixWizard: 'install-iis-features',
  },
  strings,
  check: ({ windowsFeatures }) => {
    if (windowsFeatures.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const required = REQUIRED.map((n) => featureState(windowsFeatures.value, n));
    const evidence = [
      featuresTable(fill(strings.requiredCaption, { file: windowsFeatures.path }), required),
      featuresTable(
        strings.detailsCaption,
        DETAILS.map((n) => featureState(windowsFeatures.value, n)),
      ),
    ];
    const missing = required.filter((f) => !isInstalled(f)).map((f) => f.name);
    if (missing.length === 0) return { status: 'pass', summary: strings.ok, evidence };
    return {
      status: 'fail',
      summary: fill(strings.missing, { features: missing.join(', ') }),
      evidence,
    };
  },
});
