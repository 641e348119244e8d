// Detects a SCEP pool service account that is not a direct member of the local IIS_IUSRS group
// (resolved by SID S-1-5-32-568, as the name is localized): the pool then fails to start (503).
// Source: W-NDESACCT, M-PREREQ, SEED-CFG step 3, T-VALID #4b.
import { defineRule } from '../../engine/define-rule';
import {
  IIS_IUSRS_SID,
  accountEvidence,
  findMember,
  groupMembers,
  groupsAmong,
  membersTable,
} from '../../engine/computed/accounts';
import { serviceAccount } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'The NDES service account is a member of IIS_IUSRS',
  failureTitle: 'The NDES service account is not a member of IIS_IUSRS',
  why: 'The SCEP app pool identity needs the rights IIS grants to IIS_IUSRS; without the membership the pool does not start (503).',
  fix: 'net localgroup IIS_IUSRS CONTOSO\\svc-ndes /add. The group name is localized; its SID is S-1-5-32-568. Reboot: yes, together with the SEED-CFG step-4 reboot.',
  member: 'The service account {account} is a direct member of IIS_IUSRS (S-1-5-32-568).',
  notMember: 'The service account {account} is not a direct member of IIS_IUSRS (S-1-5-32-568).',
  notMemberGroups:
    'The service account {account} is not a direct member of IIS_IUSRS (S-1-5-32-568); the member groups {groups} may contain it, but nested membership cannot be resolved offline.',
  notApplicable:
    'The SCEP pool has no SpecificUser identity, so there is no service account to check.',
  absent: 'local-groups.json is absent, so IIS_IUSRS membership cannot be judged.',
  caption: 'IIS_IUSRS (S-1-5-32-568) members',
  noSid: '(unknown: compared by name)',
};

export default defineRule({
  meta: {
    id: 'service-account-in-iis-iusrs',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['localGroups', 'iisConfig'],
    optionalEvidence: ['serviceAccount'],
    fixWizard: 'add-iis-iusrs-member',
  },
  strings,
  check: ({ localGroups, iisConfig, serviceAccount: adAccount }) => {
    const account = serviceAccount({ iisConfig, serviceAccount: adAccount });
    if (!account) return { status: 'not-applicable', summary: strings.notApplicable };
    if (localGroups.state !== 'ok') return { status: 'unknown', summary: strings.absent };
    const members = groupMembers(localGroups.value, IIS_IUSRS_SID);
    const evidence = [
      accountEvidence(account, strings.noSid),
      membersTable(strings.caption, members),
    ];
    const values = { account: account.userName };
    if (findMember(members, account)) {
      return { status: 'pass', summary: fill(strings.member, values), evidence };
    }
    const groups = groupsAmong(members).map((m) => m.name ?? m.sid ?? '');
    const summary =
      groups.length > 0
        ? fill(strings.notMemberGroups, { ...values, groups: groups.join(', ') })
        : fill(strings.notMember, values);
    return { status: 'fail', summary, evidence };
  },
});
