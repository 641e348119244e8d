// Reads `secedit /export /areas USER_RIGHTS` INF files (https://learn.microsoft.com/windows-server/administration/windows-commands/secedit-export):
// NDES needs IIS_IUSRS (S-1-5-32-568) in SeImpersonatePrivilege and its service account in the
// logon rights, or GetCACert fails with HTTP 500 (Microsoft's Validate-NDESConfiguration checks these).
import { ParseError } from './errors';
import { splitLines } from './text-decode';

export interface SeceditInf {
  /** Section name (as first written) → key → raw value after the first '=' (trimmed, quotes kept). */
  sections: Record<string, Record<string, string>>;
  /** `[Privilege Rights]`: right → holders (`*S-1-…` SIDs or bare account names, as written). */
  privilegeRights: Record<string, string[]>;
  warnings: string[];
}

/** Case-insensitive lookup in a record whose keys keep their written case. */
function lookup<T>(rec: Record<string, T>, name: string): T | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(rec)) if (k.toLowerCase() === want) return v;
  return undefined;
}

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Parses decoded INF text. Throws ParseError when it has no `[section]` at all. */
export function parseSeceditInf(text: string): SeceditInf {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  // Null-prototype records: a garbage `[__proto__]` line must not touch Object.prototype.
  const sections = dict<Record<string, string>>();
  const warnings: string[] = [];
  let current: Record<string, string> | undefined;
  let currentName = '';

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const t = line.trim();
    if (t === '' || t.startsWith(';')) return;
    const header = t.match(/^\[(.+)\]$/);
    if (header) {
      currentName = (header[1] ?? '').trim();
      // Section names are case-insensitive; a repeated section continues the first one.
      const existing = lookup(sections, currentName);
      if (existing) {
        warnings.push(`line ${lineNo}: section [${currentName}] repeated; merged`);
        current = existing;
      } else {
        current = dict<string>();
        sections[currentName] = current;
      }
      return;
    }
    const eq = t.indexOf('=');
    if (!current || eq <= 0) {
      warnings.push(
        `line ${lineNo}: ${current ? 'line without "="' : 'line before any section'} ignored`,
      );
      return;
    }
    const key = t.slice(0, eq).trim();
    const value = t.slice(eq + 1).trim();
    const prior = Object.keys(current).find((k) => k.toLowerCase() === key.toLowerCase());
    if (prior !== undefined) {
      warnings.push(`line ${lineNo}: ${key} repeated in [${currentName}]; the later value wins`);
      delete current[prior];
    }
    current[key] = value;
  });

  if (Object.keys(sections).length === 0) {
    throw new ParseError('not a secedit INF: no [section] header found');
  }
  const privilegeRights = dict<string[]>();
  const rights = lookup(sections, 'Privilege Rights');
  if (!rights) warnings.push('no [Privilege Rights] section (export without /areas USER_RIGHTS?)');
  for (const [right, value] of Object.entries(rights ?? {})) {
    privilegeRights[right] = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return { sections, privilegeRights, warnings };
}

/** Holders of a right (case-insensitive name); [] when the line is missing, i.e. nobody holds it. */
export function rightHolders(inf: SeceditInf, right: string): string[] {
  return lookup(inf.privilegeRights, right) ?? [];
}
