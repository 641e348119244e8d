// mscep.dll loads the policy module named under MSCEP\Modules\Policy (legacy: Modules\NDESPolicy);
// without it NDES serves the generic "Network Device Enrollment Service" page (200) and Intune
// challenges are never checked (W-POLMOD, S-DEV2NDES "General NDES message", T-VALID #16).
import { defineRule } from '../../engine/define-rule';
import {
  anyConnector,
  connectorPresence,
  CURRENT_KEY,
  MSCEP_KEY,
} from '../../engine/computed/connector';
import { regLookup } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem, RegistryValueEvidence } from '../../model';
import { isOk } from '../../model';
import { findKey, regValueText } from '../../parse/reg-file';

const strings = {
  title: 'The NDES policy module is registered',
  failureTitle: 'No NDES policy module is registered',
  why: 'Without a registered policy module NDES does not hand the challenge to the Intune connector: the base URL serves the generic NDES page (200) instead of 403 and requests are not validated.',
  fix: 'Read SetupMsi.log or the installer result, and reinstall the connector with SCEP enabled. Then run iisreset or reboot.',
  noConnector: 'No Intune connector is installed, so no policy module is expected.',
  presenceUnknown:
    'Whether an Intune connector is installed cannot be told, because these sources could not be read: {files}.',
  noMscep:
    'registry/mscep.reg is not usable ({state}), so the policy module registration is unknown.',
  policy: 'The policy module {progId} is registered under MSCEP\\Modules\\Policy.',
  ndesPolicy: 'The legacy policy module key MSCEP\\Modules\\NDESPolicy exists.',
  missing:
    'An Intune connector is installed, but MSCEP\\Modules\\Policy holds no policy module and MSCEP\\Modules\\NDESPolicy does not exist.',
};

const POLICY_KEY = `${MSCEP_KEY}\\Modules\\Policy`;
const NDES_POLICY_KEY = `${MSCEP_KEY}\\Modules\\NDESPolicy`;

export default defineRule({
  meta: {
    id: 'policy-module-configured',
    step: 'policy-module',
    severity: 'critical',
    // regMscep is optional so that a host without a connector is not-applicable even when the
    // MSCEP export could not be read.
    requiredEvidence: [],
    optionalEvidence: ['regMscep', 'installedProducts', 'services', 'regIntune'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regMscep, installedProducts, services, regIntune }): CheckOutcome => {
    const presence = connectorPresence({ installedProducts, services, regIntune });
    const any = anyConnector(presence);
    if (any === 'absent') return { status: 'not-applicable', summary: strings.noConnector };
    if (regMscep.state !== 'ok' && regMscep.state !== 'absent')
      return { status: 'unknown', summary: fill(strings.noMscep, { state: regMscep.state }) };
    const policyKey = isOk(regMscep) ? findKey(regMscep.value, POLICY_KEY) : undefined;
    const progIds = (policyKey?.values ?? []).filter(
      (v) =>
        (v.data.type === 'REG_SZ' || v.data.type === 'REG_EXPAND_SZ') && v.data.value.trim() !== '',
    );
    const ndesPolicy = isOk(regMscep) ? findKey(regMscep.value, NDES_POLICY_KEY) : undefined;
    const policyEvidence: RegistryValueEvidence[] = progIds.map((v) => ({
      kind: 'registryValue',
      file: regMscep.path,
      keyPath: policyKey?.path ?? POLICY_KEY,
      valueName: v.name === '' ? '@' : v.name,
      value: regValueText(v.data),
      line: v.line,
    }));
    const evidence: EvidenceItem[] = [
      ...(policyEvidence.length > 0
        ? policyEvidence
        : [regLookup(regMscep, POLICY_KEY, '').evidence]),
      ...(ndesPolicy ? [regLookup(regMscep, NDES_POLICY_KEY, 'NDESCertThumbprint').evidence] : []),
      regLookup(regIntune, CURRENT_KEY, 'EnableSCEP').evidence,
      presence.evidence,
    ];
    const first = policyEvidence[0];
    if (first)
      return {
        status: 'pass',
        summary: fill(strings.policy, { progId: first.value ?? '' }),
        evidence,
      };
    if (ndesPolicy) return { status: 'pass', summary: strings.ndesPolicy, evidence };
    if (any === 'unknown')
      return {
        status: 'unknown',
        summary: fill(strings.presenceUnknown, { files: presence.unreadable.join(', ') }),
        evidence,
      };
    return { status: 'fail', summary: strings.missing, evidence };
  },
});
