// The wizard registry against CHECKS.md (STYLE principle 6): one module per non-manual "fix
// wizard" id, ids sorted and equal to file names, each wizard's checks exactly the checks whose
// CHECKS.md line names it, and every rule's fixWizard known.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WIZARDS, wizardById, wizardFor } from '../../../../shared/fixes';
import { RULES } from '../../../../shared/rules';
import { readChecks } from '../../../helpers/checks-md';
import { REPO } from '../../../helpers/paths';

const checks = readChecks();
const wizardIds = [...new Set(checks.map((c) => c.fixWizard).filter((w) => w !== 'manual'))].sort();

describe('fix wizard registry', () => {
  it('has one wizard per non-manual CHECKS.md fix wizard, sorted by id', () => {
    expect(wizardIds).toHaveLength(16);
    expect(WIZARDS.map((w) => w.meta.id)).toEqual(wizardIds);
  });

  it('names each module file after its wizard id, with a test next to it', () => {
    const files = readdirSync(path.join(REPO, 'shared', 'fixes'));
    const tests = readdirSync(path.join(REPO, 'test', 'unit', 'shared', 'fixes'));
    for (const id of wizardIds) {
      expect(files).toContain(`${id}.ts`);
      expect(tests).toContain(`${id}.test.ts`);
    }
  });

  it.each(wizardIds)('%s fixes exactly the checks CHECKS.md gives it', (id) => {
    const w = wizardById(id)!;
    const named = checks.filter((c) => c.fixWizard === id).map((c) => c.id);
    expect([...w.meta.checks].sort()).toEqual(named.sort());
    for (const v of w.meta.verifies) expect(RULES.map((r) => r.meta.id)).toContain(v);
  });

  it('resolves every rule fixWizard to a wizard or manual', () => {
    for (const r of RULES) {
      const w = r.meta.fixWizard;
      expect(w === 'manual' || wizardById(w) !== undefined, `${r.meta.id}: ${w}`).toBe(true);
    }
  });

  it('refuses a finding whose fix is manual', () => {
    const f = {
      checkId: 'os-supported',
      status: 'fail' as const,
      severity: 'high' as const,
      step: 'host' as const,
      title: '',
      summary: '',
      why: '',
      evidence: [],
      decoded: [],
      fixes: [{ wizard: 'manual', text: '' }],
    };
    expect(wizardFor(f)).toEqual({
      refused: 'The check os-supported has no fix wizard: its fix is manual (see the finding).',
    });
  });
});
