// NDES submits every request to the CA named in MSCEP\CAInfo\Configuration ("<CA host>\<CA name>");
// without it NDES logs events 2, 10 and 31 and has no CA to talk to (X-ASKDS, T-MARK, T-ODC).
import { defineRule } from '../../engine/define-rule';
import { caInfo } from '../../engine/computed/ca';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'NDES has a CA configured',
  failureTitle: 'NDES has no CA configured',
  why: 'NDES sends every certificate request to the CA in MSCEP\\CAInfo; without it NDES logs events 2, 10 and 31 and no device gets a certificate.',
  fix: 'Reconfigure NDES: Uninstall-AdcsNetworkDeviceEnrollmentService, then Install-AdcsNetworkDeviceEnrollmentService -CAConfig "CA01.corp.contoso.com\\Contoso Issuing CA" … (see ndes-role-installed). Reboot: yes.',
  keyAbsent:
    'The MSCEP registry key does not exist, so NDES has no CA configured (MSCEP\\CAInfo\\Configuration is missing).',
  missing: 'MSCEP\\CAInfo\\Configuration is missing or empty, so NDES has no CA to submit to.',
  ok: 'NDES submits to the CA "{caName}" on {host} (MSCEP\\CAInfo\\Configuration = {raw}).',
  noCaName:
    'MSCEP\\CAInfo\\Configuration is "{raw}": it names the host {host} but no CA name after a backslash.',
  caption: 'MSCEP\\CAInfo\\Configuration, parsed',
  hostLabel: 'CA host',
  nameLabel: 'CA name',
  none: '(none)',
};

export default defineRule({
  meta: {
    id: 'ca-configured',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['regMscep'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regMscep }): CheckOutcome => {
    const { config, evidence: pointer } = caInfo(regMscep);
    const evidence: EvidenceItem[] = [pointer];
    if (regMscep.state === 'absent')
      return { status: 'fail', summary: strings.keyAbsent, evidence };
    if (!config) return { status: 'fail', summary: strings.missing, evidence };
    evidence.push({
      kind: 'keyValue',
      caption: strings.caption,
      items: [
        { key: strings.hostLabel, value: config.host },
        { key: strings.nameLabel, value: config.caName ?? strings.none },
      ],
    });
    const values = { raw: config.raw, host: config.host, caName: config.caName ?? '' };
    // CHECKS.md fails only a missing or empty value; a value without a CA name is shown as is.
    const summary = config.caName ? fill(strings.ok, values) : fill(strings.noCaName, values);
    return { status: 'pass', summary, evidence };
  },
});
