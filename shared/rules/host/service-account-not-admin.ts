// Detects a SCEP pool service account that is a direct member of the local Administrators group
// (S-1-5-32-544): it works, but the account is over-privileged. Source: T-VALID #4a, T-YZ2 IIS04.
import { defineRule } from '../../engine/define-rule';
import {
  ADMINISTRATORS_SID,
  accountEvidence,
  findMember,
  groupMembers,
  membersTable,
} from '../../engine/computed/accounts';
import { serviceAccount } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'The NDES service account is not a local administrator',
  failureTitle: 'The NDES service account is a local administrator',
  why: 'Nothing breaks, but the account that answers device requests is over-privileged; IIS_IUSRS membership and the logon rights are enough.',
  fix: 'Once IIS_IUSRS membership and the logon rights pass, run net localgroup Administrators CONTOSO\\svc-ndes /delete (the name is localized; the SID is S-1-5-32-544). Reboot: no.',
  admin:
    'The service account {account} is a direct member of the local Administrators group (S-1-5-32-544).',
  notAdmin:
    'The service account {account} is not a direct member of the local Administrators group (S-1-5-32-544).',
  notApplicable:
    'The SCEP pool has no SpecificUser identity, so there is no service account to check.',
  absent: 'local-groups.json is absent, so Administrators membership cannot be judged.',
  caption: 'Administrators (S-1-5-32-544) members',
  noSid: '(unknown: compared by name)',
};

export default defineRule({
  meta: {
    id: 'service-account-not-admin',
    step: 'host',
    severity: 'low',
    requiredEvidence: ['localGroups', 'iisConfig'],
    optionalEvidence: ['serviceAccount'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ localGroups, iisConfig, serviceAccount: adAccount }) => {
    const account = serviceAccount({ iisConfig, serviceAccount: adAccount });
    if (!account) return { status: 'not-applicable', summary: strings.notApplicable };
    if (localGroups.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const members = groupMembers(localGroups.value, ADMINISTRATORS_SID);
    const evidence = [
      accountEvidence(account, strings.noSid),
      membersTable(strings.caption, members),
    ];
    const values = { account: account.userName };
    return findMember(members, account)
      ? { status: 'warn', summary: fill(strings.admin, values), evidence }
      : { status: 'pass', summary: fill(strings.notAdmin, values), evidence };
  },
});
