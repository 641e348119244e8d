// set-mscep-templates on the default-templates host (all three slots IPSECIntermediateOffline): it
// needs the template name, checks it against certutil -CATemplates, exports the MSCEP key and
// writes each slot with an undo to the old value.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';
import { wizardById } from '../../../../shared/fixes';

afterAll(removeFixTemp);

const KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';
const step = (slot: string, backup: string | null) => ({
  id: `set-${slot.toLowerCase()}`,
  kind: 'change',
  command: `reg.exe add ${KEY} /v ${slot} /t REG_SZ /d IntuneSCEP /f`,
  backup,
  undo: `reg.exe add ${KEY} /v ${slot} /t REG_SZ /d IPSECIntermediateOffline /f`,
  needsReboot: true,
});

describe('set-mscep-templates', () => {
  it('asks for the template name first', async () => {
    const d = await diagnoseFixture('default-templates');
    expect(refusalOf(d, 'mscep-templates-configured')).toEqual({
      refused: 'Give the name of the Intune SCEP template (parameter "template").',
      missingParams: ['template'],
    });
  });

  it('writes the published template into all three default slots, after a reg export', async () => {
    const d = await diagnoseFixture('default-templates');
    const plan = planOf(d, 'mscep-templates-configured', { template: 'intunescep' });
    expect(shape(plan)).toEqual([
      step('SignatureTemplate', `reg.exe export ${KEY} "<backup folder>\\mscep.reg" /y`),
      step('EncryptionTemplate', null),
      step('GeneralPurposeTemplate', null),
    ]);
    // The CA's spelling of the name is used.
    expect(plan.params).toEqual({
      template: 'IntuneSCEP',
      slots: 'SignatureTemplate,EncryptionTemplate,GeneralPurposeTemplate',
    });
    expect(plan.needsReboot).toBe(true);
  });

  it('sets only the slots asked for', async () => {
    const d = await diagnoseFixture('default-templates');
    const plan = planOf(d, 'mscep-templates-configured', {
      template: 'IntuneSCEP',
      slots: 'generalpurposetemplate',
    });
    expect(plan.steps.map((s) => s.id)).toEqual(['set-generalpurposetemplate']);
    expect(plan.steps[0]!.backup?.file).toBe('mscep.reg');
  });

  it('refuses a template the CA does not publish, naming the ones it does', async () => {
    const d = await diagnoseFixture('default-templates');
    const r = refusalOf(d, 'mscep-templates-configured', { template: 'NoSuchTemplate' });
    expect(r.refused).toMatch(
      /^The CA does not publish a template named "NoSuchTemplate"\. It publishes: .*IntuneSCEP/,
    );
  });

  it('refuses an unknown slot', async () => {
    const d = await diagnoseFixture('default-templates');
    const r = refusalOf(d, 'mscep-templates-configured', {
      template: 'IntuneSCEP',
      slots: 'Other',
    });
    expect(r.refused).toMatch(/slot "Other" is not SignatureTemplate/);
  });

  it('offers the published template names as choices', async () => {
    const d = await diagnoseFixture('default-templates');
    const choices = wizardById('set-mscep-templates')!.choices!(d.snapshot);
    expect(choices['template']).toContain('IntuneSCEP');
    expect(choices['slots']).toEqual([
      'SignatureTemplate',
      'EncryptionTemplate',
      'GeneralPurposeTemplate',
    ]);
  });
});
