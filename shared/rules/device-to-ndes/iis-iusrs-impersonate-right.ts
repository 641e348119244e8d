// mscep.dll impersonates the caller; without "Impersonate a client after authentication"
// (SeImpersonatePrivilege) for IIS_IUSRS or the pool account, IIS logs 500 0 1346 on every SCEP
// request (S-DEV2NDES "status code 500", SEED-D2N step 6, windows-itpro-docs PR #9187).
import { defineRule } from '../../engine/define-rule';
import { sameAccount, serviceAccount } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';
import { isOk, isUnusable } from '../../model';
import type { CheckOutcome } from '../../model';
import { rightHolders } from '../../parse/secedit-inf';

const strings = {
  title: 'IIS_IUSRS holds the Impersonate a client after authentication right',
  failureTitle: 'Neither IIS_IUSRS nor the service account may impersonate clients',
  why: 'mscep.dll impersonates the caller; without SeImpersonatePrivilege every SCEP request fails with HTTP 500 (win32 status 1346).',
  fix: 'secpol.msc → Local Policies → User Rights Assignment → "Impersonate a client after authentication" → add IIS_IUSRS. If a domain GPO sets this right, change it there (gpresult /h report.html). Then restart the server.',
  byGroup: 'SeImpersonatePrivilege is granted to IIS_IUSRS (S-1-5-32-568).',
  byAccount: 'SeImpersonatePrivilege is granted to the service account {account}.',
  nobody: 'No account holds SeImpersonatePrivilege (the line is missing from [Privilege Rights]).',
  missing:
    'SeImpersonatePrivilege is held by {holders}, but neither IIS_IUSRS nor the service account.',
  absent:
    'The secedit user-rights export is absent, so the holders of SeImpersonatePrivilege are unknown.',
  noSid:
    'SeImpersonatePrivilege is held by {holders} but not IIS_IUSRS; the SID of the service account {account} is unknown (service-account.json unavailable), so whether one of them is that account is unknown.',
  noIis:
    'SeImpersonatePrivilege is held by {holders} but not IIS_IUSRS; applicationHost.config is unavailable, so whether one of them is the service account is unknown.',
};

const RIGHT = 'SeImpersonatePrivilege';
const IIS_IUSRS = '*S-1-5-32-568';

export default defineRule({
  meta: {
    id: 'iis-iusrs-impersonate-right',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['userRights'],
    optionalEvidence: ['iisConfig', 'serviceAccount'],
    fixWizard: 'grant-impersonate-right',
  },
  strings,
  check: ({ userRights, iisConfig, serviceAccount: saEv }): CheckOutcome => {
    if (!isOk(userRights)) return { status: 'unknown', summary: strings.absent };
    const holders = rightHolders(userRights.value, RIGHT);
    const evidence = [
      {
        kind: 'keyValue' as const,
        caption: userRights.path,
        items: [{ key: RIGHT, value: holders.join(',') }],
      },
    ];
    if (holders.some((h) => h.toUpperCase() === IIS_IUSRS)) {
      return { status: 'pass', summary: strings.byGroup, evidence };
    }
    const sa = serviceAccount({ iisConfig, serviceAccount: saEv });
    const bySid = sa?.sid ? holders.some((h) => h.toUpperCase() === `*${sa.sid}`) : false;
    const byName = sa
      ? holders.some((h) => !h.startsWith('*') && sameAccount(h, sa.userName))
      : false;
    if (sa && (bySid || byName)) {
      return {
        status: 'pass',
        summary: fill(strings.byAccount, { account: sa.userName }),
        evidence,
      };
    }
    if (holders.length === 0) return { status: 'fail', summary: strings.nobody, evidence };
    const values = { holders: holders.join(', ') };
    if (isUnusable(iisConfig)) {
      return { status: 'unknown', summary: fill(strings.noIis, values), evidence };
    }
    if (sa && !sa.sid && saEv.state !== 'ok' && holders.some((h) => h.startsWith('*S-1-5-21-'))) {
      const v = { ...values, account: sa.userName };
      return { status: 'unknown', summary: fill(strings.noSid, v), evidence };
    }
    return { status: 'fail', summary: fill(strings.missing, values), evidence };
  },
});
