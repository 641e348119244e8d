// NDES asks the CA for the template named in the MSCEP slot that matches the request's key usage;
// the setup default IPSECIntermediateOffline, an empty slot or a display name makes the CA answer
// 0x80094800 and NDES log event 31 (SEED-CFG step 4, S-4800, T-VALID #13).
import { defineRule } from '../../engine/define-rule';
import {
  decodedCode,
  isDefaultTemplate,
  mscepTemplates,
  TEMPLATE_SLOTS,
} from '../../engine/computed/ca';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, Decoded, EvidenceItem } from '../../model';

const strings = {
  title: 'MSCEP template values name the Intune SCEP template',
  failureTitle: 'MSCEP template values are not set for Intune',
  why: 'NDES submits each request with the template named in the MSCEP slot for its key usage; a default, empty or display-name value makes the CA reject it with 0x80094800 (event 31).',
  fix: "Write the template name (not the display name) into the slot that matches the template's purpose on the Request Handling tab (profile key usage in parentheses): Signature → SignatureTemplate (Digital signature); Encryption → EncryptionTemplate (Key encipherment); Signature and encryption → GeneralPurposeTemplate (both). Example: reg add HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP /v GeneralPurposeTemplate /t REG_SZ /d IntuneSCEP /f. Reboot: yes (SEED-CFG step 4).",
  keyAbsent:
    'The MSCEP registry key does not exist, so no SCEP template is configured (SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate are missing).',
  missing: 'The MSCEP value {slot} is missing or empty.',
  allDefault:
    'All three MSCEP template values are the setup default IPSECIntermediateOffline, so NDES is not configured for the Intune SCEP template.',
  space:
    'The MSCEP value {slot} is "{value}", which contains a space: it looks like a template display name, not a template name.',
  ok: 'The MSCEP template values name templates: SignatureTemplate = {SignatureTemplate}, EncryptionTemplate = {EncryptionTemplate}, GeneralPurposeTemplate = {GeneralPurposeTemplate}.',
};

export default defineRule({
  meta: {
    id: 'mscep-templates-configured',
    step: 'ndes-to-ca',
    severity: 'critical',
    requiredEvidence: ['regMscep'],
    fixWizard: 'set-mscep-templates',
  },
  strings,
  check: ({ regMscep }): CheckOutcome => {
    const templates = mscepTemplates(regMscep);
    const evidence: EvidenceItem[] = templates.map((t) => t.evidence);
    // The CA's answer to a wrong template name; shown so the admin can match it to event 31.
    const decoded: Decoded[] = [decodedCode(0x80094800)].filter((d): d is Decoded => d !== null);
    if (regMscep.state === 'absent') {
      return { status: 'fail', summary: strings.keyAbsent, evidence, decoded };
    }
    const problems = [
      ...templates
        .filter((t) => t.value === null || t.value.trim() === '')
        .map((t) => fill(strings.missing, { slot: t.slot })),
      ...(templates.every((t) => t.value !== null && isDefaultTemplate(t.value))
        ? [strings.allDefault]
        : []),
      ...templates
        .filter((t) => t.value !== null && t.value.includes(' '))
        .map((t) => fill(strings.space, { slot: t.slot, value: t.value ?? '' })),
    ];
    if (problems.length > 0) {
      const more = problems.slice(1).map((text): EvidenceItem => ({ kind: 'text', text }));
      return {
        status: 'fail',
        summary: problems[0] ?? '',
        evidence: [...more, ...evidence],
        decoded,
      };
    }
    const values = Object.fromEntries(
      TEMPLATE_SLOTS.map((slot) => [slot, templates.find((t) => t.slot === slot)?.value ?? '']),
    );
    return { status: 'pass', summary: fill(strings.ok, values), evidence };
  },
});
