// Detects an OS that cannot host NDES for Intune: older than Windows Server 2012 R2 (6.3.9600) or a
// client edition (Win32_OperatingSystem.ProductType 1). Source: T-VALID #1, M-PREREQ.
import { defineRule } from '../../engine/define-rule';
import { compareVersions, parseVersion } from '../../engine/computed/features';
import { fill } from '../../engine/computed/text';
import type { KeyValueEvidence } from '../../model';
import { psDate, psNumber, psProp, psString } from '../../parse/ps-json';

const strings = {
  title: 'Windows Server version supports NDES',
  failureTitle: 'The operating system is not supported for NDES',
  why: 'Intune supports NDES on Windows Server 2012 R2 or later; on other systems the connector setup can block and the platform is unsupported.',
  fix: 'Host NDES on Windows Server 2012 R2 or later, installed with the Desktop Experience because the connector wizard needs a browser (M-PREREQ). Reboot: n/a.',
  ok: '{caption} (version {version}) is a supported Windows Server release.',
  tooOld: '{caption} (version {version}) is older than Windows Server 2012 R2 (6.3.9600).',
  workstation:
    '{caption} (version {version}) is a workstation edition (ProductType 1); NDES needs Windows Server.',
  noVersion: 'os.json has no Version that parses as a dotted number, so the OS cannot be judged.',
  absent: 'os.json is absent, so the OS cannot be judged.',
};

const MINIMUM = [6, 3, 9600];

export default defineRule({
  meta: {
    id: 'os-supported',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['os'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ os }) => {
    if (os.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const text = (name: string) => psString(psProp(os.value, name));
    const versionText = text('Version');
    const productType = psNumber(psProp(os.value, 'ProductType'));
    const details: KeyValueEvidence = {
      kind: 'keyValue',
      caption: os.path,
      items: [
        { key: 'Caption', value: text('Caption') ?? '' },
        { key: 'Version', value: versionText ?? '' },
        { key: 'BuildNumber', value: text('BuildNumber') ?? '' },
        { key: 'ProductType', value: productType === null ? '' : String(productType) },
        { key: 'LastBootUpTime', value: psDate(psProp(os.value, 'LastBootUpTime')) ?? '' },
      ],
    };
    const version = parseVersion(versionText);
    if (!version) return { status: 'unknown', summary: strings.noVersion, evidence: [details] };
    const values = { caption: text('Caption') ?? 'Windows', version: versionText ?? '' };
    const [status, template] =
      compareVersions(version, MINIMUM) < 0
        ? (['fail', strings.tooOld] as const)
        : productType === 1
          ? (['fail', strings.workstation] as const)
          : (['pass', strings.ok] as const);
    return { status, summary: fill(template, values), evidence: [details] };
  },
});
