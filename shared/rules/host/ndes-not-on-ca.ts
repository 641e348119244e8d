// Detects NDES on the same server as the CA: the AD CS Certification Authority role installed, or
// MSCEP\CAInfo\Configuration naming this host. Intune does not support it (SEED-CFG, T-VALID #3).
import { defineRule } from '../../engine/define-rule';
import { featureState, featuresTable, isInstalled } from '../../engine/computed/features';
import { fqdn, isThisHost } from '../../engine/computed/host';
import { regLookup, regString } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { EvidenceItem } from '../../model';

const strings = {
  title: 'NDES does not run on the CA server',
  failureTitle: 'NDES runs on the certification authority server',
  why: 'Intune does not support NDES on a server that also runs the Enterprise CA; Microsoft\'s validation script calls it "an unsupported configuration".',
  fix: 'Keep the CA and NDES on separate servers: remove NDES (Uninstall-AdcsNetworkDeviceEnrollmentService) and reinstall it with the connector on a member server. Reboot: n/a.',
  caRole:
    'The AD CS Certification Authority role (ADCS-Cert-Authority) is installed on this server.',
  caInfoHere: 'MSCEP\\CAInfo names this server ({caHost}) as the CA.',
  ok: 'The CA role is not installed and MSCEP\\CAInfo names another server ({caHost}).',
  okNoCaInfo: 'The CA role is not installed here (MSCEP\\CAInfo\\Configuration is not set).',
  noFeatures:
    'windows-features.json is absent and MSCEP\\CAInfo does not name this server, so the CA role cannot be judged.',
};

const CAINFO_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo';

export default defineRule({
  meta: {
    id: 'ndes-not-on-ca',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['windowsFeatures'],
    optionalEvidence: ['regMscep', 'computer'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ windowsFeatures, regMscep, computer }, ctx) => {
    const evidence: EvidenceItem[] = [];
    let caHost: string | null = null;
    if (regMscep.state === 'ok') {
      const found = regLookup(regMscep, CAINFO_KEY, 'Configuration');
      const config = regString(found.value?.data);
      if (config) caHost = config.split('\\')[0]?.trim() || null;
      evidence.push(found.evidence);
    }
    const hostFqdn = fqdn({ manifest: ctx.manifest, computer });
    if (caHost && isThisHost(caHost, hostFqdn, ctx.manifest.host.computerName)) {
      return { status: 'fail', summary: fill(strings.caInfoHere, { caHost }), evidence };
    }
    if (windowsFeatures.state !== 'ok') {
      return { status: 'unknown', summary: strings.noFeatures, evidence };
    }
    const ca = featureState(windowsFeatures.value, 'ADCS-Cert-Authority');
    evidence.unshift(featuresTable(windowsFeatures.path, [ca]));
    if (isInstalled(ca)) return { status: 'fail', summary: strings.caRole, evidence };
    return caHost
      ? { status: 'pass', summary: fill(strings.ok, { caHost }), evidence }
      : { status: 'pass', summary: strings.okNoCaInfo, evidence };
  },
});
