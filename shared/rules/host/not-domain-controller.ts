// Detects NDES on a domain controller (Win32_ComputerSystem.DomainRole 4 or 5): a DC has no local
// IIS_IUSRS group for the service account. Source: M-SCEPCFG, memdocs PR #4477, T-VALID #4d.
import { defineRule } from '../../engine/define-rule';
import { fill } from '../../engine/computed/text';
import type { KeyValueEvidence } from '../../model';
import { psNumber, psProp } from '../../parse/ps-json';

const strings = {
  title: 'The NDES server is not a domain controller',
  failureTitle: 'NDES runs on a domain controller',
  why: 'On a domain controller the service account cannot be added to a local IIS_IUSRS group, which the SCEP app pool needs.',
  fix: 'Run NDES on a member server: Uninstall-AdcsNetworkDeviceEnrollmentService here, then install the role and the connector on the new host. Reboot: n/a.',
  member: 'The server is not a domain controller (DomainRole {role}: {roleName}).',
  dc: 'The server is a domain controller (DomainRole {role}: {roleName}).',
  noValue: 'computer.json has no DomainRole value, so the server role cannot be judged.',
  absent: 'computer.json is absent, so the server role cannot be judged.',
};

/** Win32_ComputerSystem.DomainRole values. */
const ROLES = [
  'standalone workstation',
  'member workstation',
  'standalone server',
  'member server',
  'backup domain controller',
  'primary domain controller',
];

export default defineRule({
  meta: {
    id: 'not-domain-controller',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['computer'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ computer }) => {
    if (computer.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const role = psNumber(psProp(computer.value, 'DomainRole'));
    if (role === null) return { status: 'unknown', summary: strings.noValue };
    const values = { role, roleName: ROLES[role] ?? 'unknown role' };
    const evidence: KeyValueEvidence[] = [
      {
        kind: 'keyValue',
        caption: computer.path,
        items: [{ key: 'DomainRole', value: `${role} (${values.roleName})` }],
      },
    ];
    return role === 4 || role === 5
      ? { status: 'fail', summary: fill(strings.dc, values), evidence }
      : { status: 'pass', summary: fill(strings.member, values), evidence };
  },
});
