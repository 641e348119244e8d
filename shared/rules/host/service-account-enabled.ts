// Detects a disabled, locked-out, password-expired or expired AD service account for the SCEP pool
// (userAccountControl, msDS-User-Account-Control-Computed, accountExpires FILETIME): mscep.dll then
// answers "500 - Internal server error" or the pool stops. Source: S-DEV2NDES (500 cause 1), T-VALID #2.
import { defineRule } from '../../engine/define-rule';
import {
  UAC,
  adFiletime,
  adNumber,
  adProp,
  filetimeFromMs,
  filetimeToIso,
  isNeverFiletime,
} from '../../engine/computed/accounts';
import { fill } from '../../engine/computed/text';
import type { Decoded, KeyValueEvidence } from '../../model';
import { psString } from '../../parse/ps-json';

const strings = {
  title: 'The NDES service account is enabled and usable',
  failureTitle: 'The NDES service account is disabled, locked, expired or has an expired password',
  why: 'When the SCEP pool identity cannot log on, browsing mscep.dll gives "500 - Internal server error" and the pool may stop (503).',
  fix: 'With the AD module on an admin host: Unlock-ADAccount svc-ndes, Enable-ADAccount svc-ndes, Clear-ADAccountExpiration svc-ndes; or reset the password with Set-ADAccountPassword svc-ndes -Reset, then store it in the pool: appcmd set apppool "SCEP" -processModel.password:<new>. Reboot: no.',
  ok: 'The service account {account} is enabled, not locked out, its password has not expired and the account does not expire before now.',
  disabled: 'The service account {account} is disabled (ACCOUNTDISABLE).',
  locked: 'The service account {account} is locked out (LOCKOUT).',
  pwdExpired: 'The password of the service account {account} has expired (PASSWORD_EXPIRED).',
  expired: 'The service account {account} expired on {date} (accountExpires).',
  notApplicable:
    'service-account.json is absent: the SCEP pool does not run as a domain account (ApplicationPoolIdentity).',
  noUac: 'service-account.json has no userAccountControl, so the account state cannot be judged.',
  noComputed:
    'service-account.json has no msDS-User-Account-Control-Computed, so lockout and password expiry cannot be judged.',
  never: 'never',
};

const hex = (n: number | null) => (n === null ? '' : `0x${n.toString(16)}`);

export default defineRule({
  meta: {
    id: 'service-account-enabled',
    step: 'host',
    severity: 'critical',
    requiredEvidence: ['serviceAccount'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ serviceAccount }, ctx) => {
    if (serviceAccount.state !== 'ok')
      return { status: 'not-applicable', summary: strings.notApplicable };
    const v = serviceAccount.value;
    const uac = adNumber(v, 'userAccountControl');
    const computed = adNumber(v, 'msDS-User-Account-Control-Computed');
    const expires = adFiletime(v, 'accountExpires');
    const iso = (name: string) => {
      const ft = adFiletime(v, name);
      return ft === null ? '' : (filetimeToIso(ft) ?? strings.never);
    };
    const account =
      psString(adProp(v, 'sAMAccountName')) ?? psString(adProp(v, 'userPrincipalName')) ?? '';
    const evidence: KeyValueEvidence[] = [
      {
        kind: 'keyValue',
        caption: serviceAccount.path,
        items: [
          { key: 'sAMAccountName', value: account },
          { key: 'userAccountControl', value: hex(uac) },
          { key: 'msDS-User-Account-Control-Computed', value: hex(computed) },
          { key: 'accountExpires', value: iso('accountExpires') },
          { key: 'pwdLastSet', value: iso('pwdLastSet') },
          { key: 'lockoutTime', value: iso('lockoutTime') },
        ],
      },
    ];
    if (uac === null) return { status: 'unknown', summary: strings.noUac, evidence };
    const decoded: Decoded[] = [];
    const add = (raw: string, template: string, date = '') =>
      decoded.push({ raw, meaning: fill(template, { account, date }) });
    const computedRaw = `msDS-User-Account-Control-Computed ${hex(computed)}`;
    if (uac & UAC.ACCOUNTDISABLE) add(`userAccountControl ${hex(uac)}`, strings.disabled);
    if (computed !== null && computed & UAC.LOCKOUT) add(computedRaw, strings.locked);
    if (computed !== null && computed & UAC.PASSWORD_EXPIRED) add(computedRaw, strings.pwdExpired);
    if (expires !== null && !isNeverFiletime(expires) && expires < filetimeFromMs(ctx.nowMs)) {
      add(`accountExpires ${expires}`, strings.expired, filetimeToIso(expires) ?? String(expires));
    }
    if (decoded[0]) return { status: 'fail', summary: decoded[0].meaning, evidence, decoded };
    if (computed === null) return { status: 'unknown', summary: strings.noComputed, evidence };
    return { status: 'pass', summary: fill(strings.ok, { account }), evidence };
  },
});
