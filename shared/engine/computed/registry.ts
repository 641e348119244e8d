// Registry lookups that also produce the evidence pointer (file, key, value, line) a finding shows.
import type { Ev, RegistryValueEvidence } from '../../model';
import { isOk } from '../../model';
import { findKey, findValue, regValueText } from '../../parse/reg-file';
import type { RegData, RegFile, RegKey, RegValue } from '../../parse/reg-file';

/** A value looked up in a `.reg` export, with its evidence pointer. */
export interface RegLookup {
  /** The key, when present in the export. */
  key: RegKey | undefined;
  /** The value, when present. */
  value: RegValue | undefined;
  /** Evidence pointer (value null when missing). */
  evidence: RegistryValueEvidence;
}

/** Looks up `keyPath\valueName` in a parsed export (case-insensitive). */
export function regLookup(ev: Ev<RegFile>, keyPath: string, valueName: string): RegLookup {
  const key = isOk(ev) ? findKey(ev.value, keyPath) : undefined;
  const value = findValue(key, valueName);
  return {
    key,
    value,
    evidence: {
      kind: 'registryValue',
      file: ev.path,
      keyPath: key?.path ?? keyPath,
      valueName: valueName === '' ? '@' : valueName,
      value: value ? regValueText(value.data) : null,
      line: value?.line ?? key?.line,
    },
  };
}

/** A DWORD (or QWORD that fits) as a number, else null. */
export function regNumber(data: RegData | undefined): number | null {
  if (!data) return null;
  if (data.type === 'REG_DWORD') return data.value;
  if (data.type === 'REG_QWORD') {
    const n = Number(data.value);
    return Number.isSafeInteger(n) ? n : null;
  }
  if (data.type === 'REG_SZ' && /^\s*\d+\s*$/.test(data.value)) return Number(data.value);
  return null;
}

/** A string value (REG_SZ / REG_EXPAND_SZ), else null. */
export function regString(data: RegData | undefined): string | null {
  if (!data) return null;
  if (data.type === 'REG_SZ' || data.type === 'REG_EXPAND_SZ') return data.value;
  return null;
}
