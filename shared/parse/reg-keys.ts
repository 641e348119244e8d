// Key bookkeeping shared by the `.reg` and `reg query` parsers: path normalisation, merging of
// repeated key blocks, and case-insensitive lookups (registry names are case-insensitive:
// https://learn.microsoft.com/windows/win32/sysinfo/structure-of-the-registry).
import type { RegFile, RegKey, RegValue } from './reg-file';

const HIVE_ALIASES: Record<string, string> = {
  hklm: 'hkey_local_machine',
  hkcu: 'hkey_current_user',
  hkcr: 'hkey_classes_root',
  hku: 'hkey_users',
  hkcc: 'hkey_current_config',
};

/** Key path as written, with empty segments (`a\\b`) and a trailing backslash removed. */
export function cleanKeyPath(path: string): string {
  return path.trim().replace(/\\+/g, '\\').replace(/\\$/, '');
}

/**
 * Comparison form of a key path: lower case, full hive name. Accepts `HKLM\`, `HKLM:\`
 * (PowerShell drive) and regedit's address-bar `Computer\` prefix.
 */
export function canonicalKeyPath(path: string): string {
  const p = cleanKeyPath(path)
    .toLowerCase()
    .replace(/^computer\\/, '');
  const slash = p.indexOf('\\');
  const hive = (slash < 0 ? p : p.slice(0, slash)).replace(/:$/, '');
  const rest = slash < 0 ? '' : p.slice(slash);
  return (HIVE_ALIASES[hive] ?? hive) + rest;
}

/**
 * The key with this path (case-insensitive, short or long hive name). A live key wins over a
 * `[-...]` deletion entry for the same path.
 */
export function findKey(file: RegFile, path: string): RegKey | undefined {
  const want = canonicalKeyPath(path);
  let deleted: RegKey | undefined;
  for (const key of file.keys) {
    if (canonicalKeyPath(key.path) !== want) continue;
    if (!key.deleted) return key;
    deleted = key;
  }
  return deleted;
}

/** Value by name, case-insensitive; '' or '@' is the default value. */
export function findValue(key: RegKey | undefined, name: string): RegValue | undefined {
  if (!key) return undefined;
  const want = name === '@' ? '' : name.toLowerCase();
  return key.values.find((v) => v.name.toLowerCase() === want);
}

/** Live keys in the file that are direct children of `path`. */
export function subKeys(file: RegFile, path: string): RegKey[] {
  const prefix = canonicalKeyPath(path) + '\\';
  return file.keys.filter((k) => {
    if (k.deleted) return false;
    const p = canonicalKeyPath(k.path);
    return p.startsWith(prefix) && !p.slice(prefix.length).includes('\\');
  });
}

/**
 * Collects keys in file order. A repeated key block is merged into the first one and a value set
 * twice keeps the later data, each with a warning (regedit applies blocks in order, so the last
 * write wins).
 */
export class RegKeyCollector {
  readonly keys: RegKey[] = [];
  private readonly byPath = new Map<string, RegKey>();
  /** Per key: lower-case value name → index in `values`, so big keys stay linear. */
  private readonly valueIndex = new Map<RegKey, Map<string, number>>();

  constructor(private readonly warnings: string[]) {}

  open(path: string, deleted: boolean, line: number): RegKey {
    const clean = cleanKeyPath(path);
    const id = (deleted ? '-' : '+') + canonicalKeyPath(clean);
    const existing = this.byPath.get(id);
    if (existing) {
      this.warnings.push(
        `line ${line}: key "${clean}" repeats line ${existing.line}; merged into one key`,
      );
      return existing;
    }
    const key: RegKey = { path: clean, deleted, values: [], line };
    this.byPath.set(id, key);
    this.keys.push(key);
    return key;
  }

  addValue(key: RegKey, value: RegValue): void {
    let index = this.valueIndex.get(key);
    if (!index) {
      index = new Map();
      this.valueIndex.set(key, index);
    }
    const lower = value.name.toLowerCase();
    const i = index.get(lower);
    if (i === undefined) {
      index.set(lower, key.values.length);
      key.values.push(value);
      return;
    }
    const shown = value.name === '' ? '@' : `"${value.name}"`;
    this.warnings.push(
      `line ${value.line}: value ${shown} in "${key.path}" set again (first at line ${key.values[i]?.line}); the later value wins`,
    );
    key.values[i] = value;
  }
}
