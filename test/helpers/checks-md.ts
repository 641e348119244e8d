// Reads the check catalogue (../shared/CHECKS.md): id, step, severity and fix wizard of each check.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { REPO } from './paths';

export interface CheckSpec {
  id: string;
  step: string;
  severity: string;
  fixWizard: string;
}

export function readChecks(): CheckSpec[] {
  const text = readFileSync(path.resolve(REPO, '..', 'shared', 'CHECKS.md'), 'utf8');
  const out: CheckSpec[] = [];
  for (const block of text.split(/^### /m).slice(1)) {
    const id = block.split('\n')[0]!.trim();
    const field = (name: string) =>
      new RegExp(`^- \\*\\*${name}\\*\\*: (.+)$`, 'm').exec(block)?.[1]?.trim();
    const step = field('step');
    if (!step || !/^[a-z0-9-]+$/.test(id)) continue;
    out.push({
      id,
      step,
      severity: field('severity') ?? '',
      fixWizard: (field('fix wizard') ?? '').split(/[\s(]/)[0] ?? '',
    });
  }
  return out;
}
