import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../../shared/rules';
import { readChecks } from '../../../helpers/checks-md';
import { REPO } from '../../../helpers/paths';

const checks = readChecks();
const byId = new Map(checks.map((c) => [c.id, c]));

describe('rule registry', () => {
  it('reads the catalogue', () => {
    expect(checks.length).toBeGreaterThanOrEqual(58);
  });

  it('has unique ids, sorted', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s matches CHECKS.md', (id, rule) => {
    const spec = byId.get(id);
    expect(spec, `${id} is not in CHECKS.md`).toBeDefined();
    expect(rule.meta.step).toBe(spec!.step);
    expect(rule.meta.severity).toBe(spec!.severity);
    expect(rule.meta.fixWizard).toBe(spec!.fixWizard);
    expect(existsSync(path.join(REPO, 'shared', 'rules', spec!.step, `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(REPO, 'test', 'unit', 'shared', 'rules', `${id}.test.ts`))).toBe(
      true,
    );
    for (const k of ['title', 'failureTitle', 'why', 'fix']) expect(rule.strings[k]).toBeTruthy();
  });

  it('has a rule for every check of the implemented steps', () => {
    const implemented = new Set(RULES.map((r) => r.meta.id));
    const steps = new Set(RULES.map((r) => r.meta.step));
    const missing = checks.filter((c) => steps.has(c.step as never) && !implemented.has(c.id));
    // Steps whose checks are implemented are implemented whole.
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  it('lists every rule file', () => {
    const files = readdirSync(path.join(REPO, 'shared', 'rules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(path.join(REPO, 'shared', 'rules', d.name)).map((f) => f.replace(/\.ts$/, '')),
      );
    expect(files.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });
});
