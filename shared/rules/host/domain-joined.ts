// Detects a host that is not joined to a domain (Win32_ComputerSystem.PartOfDomain): NDES needs a
// domain service account and an Enterprise CA in the same forest. Source: SEED-CFG, M-SCEPCFG.
import { defineRule } from '../../engine/define-rule';
import { fill } from '../../engine/computed/text';
import type { KeyValueEvidence } from '../../model';
import { psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';

const strings = {
  title: 'The NDES server is joined to a domain',
  failureTitle: 'The NDES server is not joined to a domain',
  why: 'NDES needs a domain service account and an Enterprise CA in the same forest; a workgroup server is unsupported.',
  fix: "Join the domain of the Enterprise CA's forest: Add-Computer -DomainName corp.contoso.com -Restart. Reboot: yes (part of the join).",
  joined: 'The server is a member of the domain {domain}.',
  notJoined: 'The server is not joined to a domain (PartOfDomain is false; workgroup {domain}).',
  noValue: 'computer.json has no PartOfDomain value, so domain membership cannot be judged.',
  absent: 'computer.json is absent, so domain membership cannot be judged.',
};

function flag(v: PsValue | undefined): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = psString(v)?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

export default defineRule({
  meta: {
    id: 'domain-joined',
    step: 'host',
    severity: 'critical',
    requiredEvidence: ['computer'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ computer }) => {
    if (computer.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const partOfDomain = flag(psProp(computer.value, 'PartOfDomain'));
    const domain = psString(psProp(computer.value, 'Domain')) || '(none)';
    const evidence: KeyValueEvidence[] = [
      {
        kind: 'keyValue',
        caption: computer.path,
        items: [
          { key: 'PartOfDomain', value: partOfDomain === null ? '' : String(partOfDomain) },
          { key: 'Domain', value: domain },
        ],
      },
    ];
    if (partOfDomain === null) return { status: 'unknown', summary: strings.noValue, evidence };
    return partOfDomain
      ? { status: 'pass', summary: fill(strings.joined, { domain }), evidence }
      : { status: 'fail', summary: fill(strings.notJoined, { domain }), evidence };
  },
});
