// Detects a SCEP pool service account without "Log on as a batch job" (IIS logs pool identities on
// as batch), without "Log on as a service", or named in a SeDeny*LogonRight, directly or through
// IIS_IUSRS. The pool then stops (503). Source: T-VALID #4c, SEED-CFG step 1, IntuneDocs #1461.
import { defineRule } from '../../engine/define-rule';
import {
  IIS_IUSRS_SID,
  accountEvidence,
  findMember,
  groupMembers,
  holderIsAccount,
  holderIsIisIusrs,
  rightVia,
} from '../../engine/computed/accounts';
import { serviceAccount } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';
import type { EvidenceItem } from '../../model';
import { isOk } from '../../model';
import { rightHolders } from '../../parse/secedit-inf';

const strings = {
  title: 'The NDES service account has the logon rights the SCEP pool needs',
  failureTitle: 'The NDES service account lacks a logon right or is denied one',
  why: 'IIS logs the app pool identity on as a batch job; without that right, or with a "Deny log on" right, the SCEP pool stops and devices get HTTP 503.',
  fix: 'secpol.msc → User Rights Assignment → "Log on as a batch job" and "Log on as a service" → add CONTOSO\\svc-ndes. Remove it from the "Deny log on …" rights, or fix the hardening GPO. Reboot: yes.',
  denied: 'The service account {account} is denied {right} (held by {via}).',
  noBatch:
    'The service account {account} does not hold SeBatchLogonRight (Log on as a batch job), neither by its own SID nor through IIS_IUSRS.',
  noService:
    'The service account {account} does not hold SeServiceLogonRight (Log on as a service); IIS does not need it, but the NDES setup guidance asks for it.',
  ok: 'The service account {account} holds SeBatchLogonRight and SeServiceLogonRight and is in no SeDeny*LogonRight.',
  notApplicable:
    'The SCEP pool has no SpecificUser identity, so there is no service account to check.',
  absent:
    'secedit-user-rights.inf or local-groups.json is absent, so the logon rights cannot be judged.',
  rightsCaption: 'Logon rights ([Privilege Rights])',
  othersCaption: 'Other holders of deny rights (groups are not expanded offline)',
  viaAccount: 'its own entry',
  viaGroup: 'IIS_IUSRS (S-1-5-32-568)',
  none: '—',
  noSid: '(unknown: compared by name)',
};

const DENY = [
  'SeDenyBatchLogonRight',
  'SeDenyServiceLogonRight',
  'SeDenyNetworkLogonRight',
  'SeDenyInteractiveLogonRight',
  'SeDenyRemoteInteractiveLogonRight',
];
const SHOWN = ['SeBatchLogonRight', 'SeServiceLogonRight', 'SeInteractiveLogonRight', ...DENY];

export default defineRule({
  meta: {
    id: 'service-account-logon-rights',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['userRights', 'localGroups', 'iisConfig'],
    optionalEvidence: ['serviceAccount'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ userRights, localGroups, iisConfig, serviceAccount: adAccount }) => {
    const account = serviceAccount({ iisConfig, serviceAccount: adAccount });
    if (!account) return { status: 'not-applicable', summary: strings.notApplicable };
    if (!isOk(userRights) || !isOk(localGroups)) {
      return { status: 'unknown', summary: strings.absent };
    }
    const inf = userRights.value;
    const member = !!findMember(groupMembers(localGroups.value, IIS_IUSRS_SID), account);
    const via = (right: string) => rightVia(inf, right, account, member);
    const viaText = (v: ReturnType<typeof via>) =>
      v === 'account' ? strings.viaAccount : v === 'IIS_IUSRS' ? strings.viaGroup : strings.none;
    const others = DENY.flatMap((right) =>
      rightHolders(inf, right)
        .filter((h) => !holderIsAccount(h, account) && !holderIsIisIusrs(h))
        .filter((h) => !h.startsWith('*') || /^\*S-1-5-21-/i.test(h))
        .map((h) => [right, h]),
    );
    const evidence: EvidenceItem[] = [
      accountEvidence(account, strings.noSid),
      {
        kind: 'table',
        caption: `${strings.rightsCaption}: ${userRights.path}`,
        headers: ['Right', 'Holders', 'Service account holds it through'],
        rows: SHOWN.map((r) => [r, rightHolders(inf, r).join(', '), viaText(via(r))]),
      },
    ];
    if (others.length > 0) {
      evidence.push({
        kind: 'table',
        caption: strings.othersCaption,
        headers: ['Right', 'Holder'],
        rows: others,
      });
    }
    const values = { account: account.userName };
    const denied = DENY.find((r) => via(r) !== null);
    if (denied) {
      const summary = fill(strings.denied, { ...values, right: denied, via: viaText(via(denied)) });
      return { status: 'fail', summary, evidence };
    }
    if (!via('SeBatchLogonRight'))
      return { status: 'fail', summary: fill(strings.noBatch, values), evidence };
    if (!via('SeServiceLogonRight')) {
      return { status: 'warn', summary: fill(strings.noService, values), evidence };
    }
    return { status: 'pass', summary: fill(strings.ok, values), evidence };
  },
});
