// Writes the Intune SCEP template's name into the MSCEP template slots NDES submits with, after
// checking that the issuing CA publishes it (certutil -CATemplates); a default, empty or display
// name makes the CA answer 0x80094800 (SEED-CFG step 4, S-4800). Reboot per SEED-CFG step 4.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParamSpec, FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import {
  MSCEP_KEY,
  TEMPLATE_SLOTS,
  isDefaultTemplate,
  mscepTemplates,
  sameName,
} from '../engine/computed/ca';
import type { TemplateSlot } from '../engine/computed/ca';
import { fill } from '../engine/computed/text';
import {
  buildPlan,
  guardPlan,
  readParam,
  refuse,
  regExportBackup,
  regOld,
  regStep,
} from './common';
import type { FixWizard, WizardMeta } from './common';
import { FixValidationError, matches, valid } from './validate';

export const strings = {
  title: 'Set the MSCEP template names',
  why: 'NDES submits each request with the template named in the MSCEP slot for its key usage; a default, empty or display-name value makes the CA reject it with 0x80094800 (event 31).',
  change:
    'Writes "{template}" into {slots} under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP, after exporting the key. NDES reads the values at start-up, so the server must restart.',
  step: 'Set {slot} = {template}',
  stepWhy: '{slot} is "{old}".',
  missingValue: '(missing)',
  templateLabel: 'Template name',
  templateHelp:
    'The name (not the display name) of the SCEP certificate template the Intune profile uses, as the issuing CA publishes it.',
  slotsLabel: 'Slots',
  slotsHelp:
    'Comma-separated MSCEP slots to set: SignatureTemplate (digital signature), EncryptionTemplate (key encipherment), GeneralPurposeTemplate (both). Default: every slot that is wrong.',
  needTemplate: 'Give the name of the Intune SCEP template (parameter "template").',
  badSlot: 'slot "{slot}" is not SignatureTemplate, EncryptionTemplate or GeneralPurposeTemplate',
  noKey:
    'The MSCEP registry key does not exist, so NDES is not configured on this host (see ndes-role-installed).',
  noList:
    'certutil -CATemplates output is not usable ({state}), so the template name cannot be checked against the CA. Collect again with the CA reachable.',
  notPublished: 'The CA does not publish a template named "{template}". It publishes: {names}.',
};

const TEMPLATE: FixParamSpec = {
  name: 'template',
  pattern: 'templateName',
  required: true,
  label: strings.templateLabel,
  help: strings.templateHelp,
};
const SLOTS: FixParamSpec = {
  name: 'slots',
  pattern: 'templateName',
  required: false,
  label: strings.slotsLabel,
  help: strings.slotsHelp,
};

export const meta: WizardMeta = {
  id: 'set-mscep-templates',
  checks: ['mscep-templates-configured'],
  verifies: ['mscep-templates-configured', 'mscep-templates-published'],
  title: strings.title,
  params: [TEMPLATE, SLOTS],
};

/** Template names the CA publishes (those a valid parameter could take). */
export function choices(snapshot: Snapshot): Record<string, string[]> {
  const list = isOk(snapshot.caTemplates) ? snapshot.caTemplates.value.parsed : [];
  return {
    template: list.map((t) => t.name).filter((n) => matches('templateName', n)),
    slots: [...TEMPLATE_SLOTS],
  };
}

function parseSlots(raw: string | undefined): TemplateSlot[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((s) => {
    const slot = TEMPLATE_SLOTS.find((t) => t.toLowerCase() === s.trim().toLowerCase());
    if (!slot) throw new FixValidationError('slots', s, fill(strings.badSlot, { slot: s.trim() }));
    return slot;
  });
}

export function plan(snapshot: Snapshot, finding: Finding, params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const wanted = readParam(TEMPLATE, params, (v) => valid('templateName', 'template', v));
    const chosenSlots = parseSlots(params['slots']?.trim() || undefined);
    if (snapshot.regMscep.state !== 'ok') return refuse(strings.noKey);
    if (!wanted) return refuse(strings.needTemplate, ['template']);
    const cat = snapshot.caTemplates;
    if (!isOk(cat) || (cat.exitCode ?? 0) !== 0) {
      return refuse(
        fill(strings.noList, {
          state: cat.state === 'ok' ? `exit code ${cat.exitCode}` : cat.state,
        }),
      );
    }
    const published = cat.value.parsed.find((t) => sameName(t.name, wanted));
    if (!published) {
      const names = cat.value.parsed.map((t) => t.name).join(', ');
      return refuse(fill(strings.notPublished, { template: wanted, names }));
    }
    const template = valid('templateName', 'template', published.name);
    const current = mscepTemplates(snapshot.regMscep);
    const allDefault = current.every((t) => t.value !== null && isDefaultTemplate(t.value));
    const wrong = current
      .filter(
        (t) => allDefault || t.value === null || t.value.trim() === '' || t.value.includes(' '),
      )
      .map((t) => t.slot);
    const slots = chosenSlots ?? (wrong.length > 0 ? wrong : [...TEMPLATE_SLOTS]);
    const backup = regExportBackup(MSCEP_KEY, 'mscep.reg');
    const steps: FixStep[] = slots.map((slot, i) => {
      const old = current.find((t) => t.slot === slot);
      return regStep({
        id: `set-${slot.toLowerCase()}`,
        title: fill(strings.step, { slot, template }),
        why: fill(strings.stepWhy, { slot, old: old?.value ?? strings.missingValue }),
        key: MSCEP_KEY,
        name: slot,
        data: { type: 'REG_SZ', value: template },
        old: regOld(snapshot.regMscep, MSCEP_KEY, slot),
        ...(i === 0 ? { backup } : {}),
        needsReboot: true,
      });
    });
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { template, slots: slots.join(', ') }),
      steps,
      params: { template, slots: slots.join(',') },
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan, choices };
