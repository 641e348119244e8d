// Detects a host without the NDES role (Get-WindowsFeature ADCS-Device-Enrollment): without it there
// is no /CertSrv/mscep application to answer devices. Source: T-VALID #0 and #6, SEED-CFG step 3.
import { defineRule } from '../../engine/define-rule';
import { featureState, featuresTable, isInstalled } from '../../engine/computed/features';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'The NDES role is installed',
  failureTitle: 'The NDES role is not installed',
  why: 'Without the Network Device Enrollment Service role there is no /CertSrv/mscep application, so devices have nothing to enroll against.',
  fix: 'As Enterprise Admin, run Install-WindowsFeature ADCS-Device-Enrollment, then the AD CS post-deployment configuration: Install-AdcsNetworkDeviceEnrollmentService -ServiceAccountName CONTOSO\\svc-ndes -ServiceAccountPassword (Read-Host -AsSecureString) -CAConfig "CA01.corp.contoso.com\\Contoso Issuing CA" -SigningProviderName "Microsoft Strong Cryptographic Provider" -EncryptionProviderName "Microsoft Strong Cryptographic Provider". Reboot: yes, with the SEED-CFG step-4 reboot.',
  installed: 'ADCS-Device-Enrollment is Installed.',
  notInstalled: 'ADCS-Device-Enrollment is {state}, not Installed.',
  notListed:
    'ADCS-Device-Enrollment is not listed in windows-features.json, so the NDES role is not installed.',
  absent: 'windows-features.json is absent, so the NDES role cannot be judged.',
};

export default defineRule({
  meta: {
    id: 'ndes-role-installed',
    step: 'host',
    severity: 'critical',
    requiredEvidence: ['windowsFeatures'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ windowsFeatures }) => {
    if (windowsFeatures.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const role = featureState(windowsFeatures.value, 'ADCS-Device-Enrollment');
    const evidence = [featuresTable(windowsFeatures.path, [role])];
    if (isInstalled(role)) return { status: 'pass', summary: strings.installed, evidence };
    const summary =
      role.installState === null
        ? strings.notListed
        : fill(strings.notInstalled, { state: role.installState });
    return { status: 'fail', summary, evidence };
  },
});
