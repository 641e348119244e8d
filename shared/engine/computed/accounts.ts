// Service-account facts for the host rules: local group membership by SID (group names are
// localized, so IIS_IUSRS is S-1-5-32-568), user-right holders from secedit, and AD account flags
// and FILETIME dates (accountExpires can exceed 2^53: BigInt; MS-ADTS userAccountControl bits).
import type { KeyValueEvidence, TableEvidence } from '../../model';
import { psArray, psBigInt, psDate, psNumber, psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';
import { rightHolders } from '../../parse/secedit-inf';
import type { SeceditInf } from '../../parse/secedit-inf';
import { sameAccount, sidString } from './host';
import type { ServiceAccount } from './host';

export const IIS_IUSRS_SID = 'S-1-5-32-568';
export const ADMINISTRATORS_SID = 'S-1-5-32-544';

/** One member of a local group, as `local-groups.json` lists it. */
export interface LocalMember {
  name: string | null;
  sid: string | null;
  objectClass: string | null;
  /** PrincipalSource as text (`Local`, `ActiveDirectory`, …). */
  source: string | null;
}

const PRINCIPAL_SOURCES = ['Unknown', 'Local', 'ActiveDirectory', 'AzureAD', 'MicrosoftAccount'];

/** Direct members of the local group with this SID (`local-groups.json` is keyed by group SID). */
export function groupMembers(localGroups: PsValue | undefined, groupSid: string): LocalMember[] {
  return psArray(psProp(localGroups, groupSid)).map((m) => {
    const src = psProp(m, 'PrincipalSource');
    return {
      name: psString(psProp(m, 'Name')),
      sid: sidString(psProp(m, 'SID')),
      objectClass: psString(psProp(m, 'ObjectClass')),
      source: typeof src === 'number' ? (PRINCIPAL_SOURCES[src] ?? String(src)) : psString(src),
    };
  });
}

/** The member that is the account: by SID when both sides have one, else by `DOMAIN\sam`. */
export function findMember(
  members: readonly LocalMember[],
  account: ServiceAccount,
): LocalMember | undefined {
  return members.find((m) =>
    account.sid && m.sid
      ? m.sid === account.sid
      : m.name !== null && sameAccount(m.name, account.userName),
  );
}

/** Members that are groups (nested membership is not resolved offline). */
export function groupsAmong(members: readonly LocalMember[]): LocalMember[] {
  return members.filter((m) => /group/i.test(m.objectClass ?? ''));
}

/** Members as a table for the details. */
export function membersTable(caption: string, members: readonly LocalMember[]): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Name', 'SID', 'ObjectClass', 'PrincipalSource'],
    rows: members.map((m) => [m.name ?? '', m.sid ?? '', m.objectClass ?? '', m.source ?? '']),
  };
}

/** True when a secedit holder (`*S-…` or a bare name) is the account itself. */
export function holderIsAccount(holder: string, account: ServiceAccount): boolean {
  const h = holder.trim();
  if (h.startsWith('*')) return account.sid !== null && h.slice(1).toUpperCase() === account.sid;
  return sameAccount(h, account.userName);
}

/** True when a secedit holder is the built-in IIS_IUSRS group (by SID, or its English name). */
export function holderIsIisIusrs(holder: string): boolean {
  const h = holder.trim().toUpperCase();
  return h === `*${IIS_IUSRS_SID}` || h === 'IIS_IUSRS' || h === 'BUILTIN\\IIS_IUSRS';
}

/** How the account holds a right: its own entry, through IIS_IUSRS, or not at all (null). */
export function rightVia(
  inf: SeceditInf,
  right: string,
  account: ServiceAccount,
  inIisIusrs: boolean,
): 'account' | 'IIS_IUSRS' | null {
  const holders = rightHolders(inf, right);
  if (holders.some((h) => holderIsAccount(h, account))) return 'account';
  if (inIisIusrs && holders.some(holderIsIisIusrs)) return 'IIS_IUSRS';
  return null;
}

/** Flags of userAccountControl / msDS-User-Account-Control-Computed (MS-ADTS 2.2.16). */
export const UAC = { ACCOUNTDISABLE: 0x2, LOCKOUT: 0x10, PASSWORD_EXPIRED: 0x800000 } as const;

/** An AD property: [adsisearcher] results hold each value in a collection, so unwrap one item. */
export function adProp(obj: PsValue | undefined, name: string): PsValue | undefined {
  const target = Array.isArray(obj) ? obj[0] : obj;
  const v = psProp(target, name);
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/** An AD integer attribute (flags) as a number, or null. */
export function adNumber(obj: PsValue | undefined, name: string): number | null {
  return psNumber(adProp(obj, name));
}

const EPOCH_DIFF_MS = 11_644_473_600_000n;
/** accountExpires "never": 0 and 0x7FFFFFFFFFFFFFFF (AD convention). */
const NEVER = 9_223_372_036_854_775_807n;

/** A FILETIME attribute (100 ns since 1601) as BigInt; a date string is converted. */
export function adFiletime(obj: PsValue | undefined, name: string): bigint | null {
  const v = adProp(obj, name);
  const n = psBigInt(v);
  if (n !== null) return n;
  const iso = psDate(v);
  return iso === null ? null : filetimeFromMs(Date.parse(iso));
}

/** FILETIME of a JS time. */
export function filetimeFromMs(ms: number): bigint {
  return (BigInt(Math.trunc(ms)) + EPOCH_DIFF_MS) * 10_000n;
}

/** True for the accountExpires values that mean "never". */
export function isNeverFiletime(ft: bigint): boolean {
  return ft <= 0n || ft >= NEVER;
}

/** FILETIME as ISO UTC, or null for 0 / "never" / out of range. */
export function filetimeToIso(ft: bigint): string | null {
  if (isNeverFiletime(ft)) return null;
  const ms = Number(ft / 10_000n - EPOCH_DIFF_MS);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/** The service account as a detail: pool, user name, SID (or how it was matched without one). */
export function accountEvidence(account: ServiceAccount, noSidText: string): KeyValueEvidence {
  return {
    kind: 'keyValue',
    items: [
      { key: 'Application pool', value: account.pool },
      { key: 'processModel@userName', value: account.userName },
      { key: 'objectSid', value: account.sid ?? noSidText },
    ],
  };
}
