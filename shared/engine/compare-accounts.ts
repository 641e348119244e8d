// Account facts for run comparison: user rights from secedit, local group members by group SID,
// and the NDES service account's AD state. A lost SeImpersonatePrivilege, an account dropped from
// IIS_IUSRS or a locked-out service account explain most 500s and stopped pools (CHECKS.md §3.0).
import type { EvidenceKey, Snapshot } from '../model';
import { isOk } from '../model';
import { psArray, psString } from '../parse/ps-json';
import type { PsValue } from '../parse/ps-json';
import { adNumber, adProp, groupMembers, UAC } from './computed/accounts';
import { sidString } from './computed/host';
import type { Fact, Facts } from './compare-facts';

/** Well-known SIDs (names are localized on the host; these labels are for reading the diff). */
const WELL_KNOWN: Record<string, string> = {
  'S-1-1-0': 'Everyone',
  'S-1-5-6': 'SERVICE',
  'S-1-5-11': 'Authenticated Users',
  'S-1-5-17': 'IUSR',
  'S-1-5-19': 'LOCAL SERVICE',
  'S-1-5-20': 'NETWORK SERVICE',
  'S-1-5-32-544': 'Administrators',
  'S-1-5-32-545': 'Users',
  'S-1-5-32-551': 'Backup Operators',
  'S-1-5-32-568': 'IIS_IUSRS',
};

function put(facts: Facts, key: EvidenceKey, item: string, value: string): void {
  const fact: Fact = { area: 'accounts', item, value, key };
  facts.set(`accounts|${item.toLowerCase()}`, fact);
}

/** `*S-1-5-32-568` → `IIS_IUSRS`; the service account's SID → its name; others as written. */
function holderName(holder: string, names: Map<string, string>): string {
  const sid = holder.startsWith('*') ? holder.slice(1).toUpperCase() : null;
  if (sid === null) return holder;
  return WELL_KNOWN[sid] ?? names.get(sid) ?? holder;
}

function serviceAccountFacts(facts: Facts, s: Snapshot, names: Map<string, string>): void {
  if (!isOk(s.serviceAccount)) return;
  const acct: PsValue = s.serviceAccount.value;
  const sam = psString(adProp(acct, 'sAMAccountName')) ?? '(service account)';
  const sid = sidString(adProp(acct, 'objectSid'));
  if (sid) names.set(sid.toUpperCase(), sam);
  const uac = adNumber(acct, 'userAccountControl') ?? 0;
  const computed = adNumber(acct, 'msDS-User-Account-Control-Computed') ?? 0;
  const lockout = adNumber(acct, 'lockoutTime') ?? 0;
  const state = [
    uac & UAC.ACCOUNTDISABLE ? 'disabled' : 'enabled',
    computed & UAC.LOCKOUT || lockout > 0 ? 'locked out' : 'not locked',
    computed & UAC.PASSWORD_EXPIRED ? 'password expired' : 'password valid',
  ];
  put(facts, 'serviceAccount', `Service account ${sam}`, state.join(', '));
  const spns = psArray(adProp(acct, 'servicePrincipalName'))
    .map((v) => psString(v))
    .filter((v): v is string => v !== null)
    .sort((a, b) => a.localeCompare(b));
  put(facts, 'serviceAccount', `Service account ${sam} SPNs`, spns.join(', ') || '(none)');
}

function groupFacts(facts: Facts, s: Snapshot): void {
  if (!isOk(s.localGroups)) return;
  const groups = s.localGroups.value;
  const sids =
    Array.isArray(groups) || groups === null || typeof groups !== 'object'
      ? []
      : Object.keys(groups);
  for (const sid of sids) {
    const members = groupMembers(groups, sid)
      .map((m) => m.name ?? m.sid ?? '?')
      .sort((a, b) => a.localeCompare(b));
    const label = WELL_KNOWN[sid.toUpperCase()] ?? sid;
    put(facts, 'localGroups', `Local group ${label} members`, members.join(', ') || '(none)');
  }
}

function rightFacts(facts: Facts, s: Snapshot, names: Map<string, string>): void {
  if (!isOk(s.userRights)) return;
  for (const [right, holders] of Object.entries(s.userRights.value.privilegeRights)) {
    const list = holders.map((h) => holderName(h, names)).sort((a, b) => a.localeCompare(b));
    put(facts, 'userRights', `User right ${right}`, list.join(', ') || '(none)');
  }
}

/** Service account, local group and user-right facts of a snapshot (area `accounts`). */
export function accountFacts(facts: Facts, s: Snapshot): void {
  const names = new Map<string, string>();
  serviceAccountFacts(facts, s, names);
  groupFacts(facts, s);
  rightFacts(facts, s, names);
}
