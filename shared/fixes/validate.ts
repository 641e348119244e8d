// Strict patterns for every value a fix puts on a command line. Values come from the bundle (which
// anyone can edit) or from the admin; whatever does not match is refused, never escaped, so a
// template name like `x"; Remove-Item …` can never reach reg.exe, appcmd or PowerShell.

/** A value that failed validation; the wizard turns it into a refusal naming the field. */
export class FixValidationError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`${field} "${printable(value)}" is not allowed: ${rule}`);
    this.name = 'FixValidationError';
  }
}

/** The value as shown in a message: control characters made visible, long values cut. */
function printable(v: string): string {
  let shown = '';
  for (const c of v) {
    const code = c.charCodeAt(0);
    shown += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

interface Pattern {
  re: RegExp;
  rule: string;
}

/** Named patterns (FixParamSpec.pattern refers to these names). */
export const PATTERNS = {
  /** A certificate template's (short) name, as certutil -CATemplates lists it. */
  templateName: { re: /^[A-Za-z0-9_.-]{1,64}$/, rule: 'letters, digits, _ . - only (1-64)' },
  /** A value read from a registry template slot, restored by undo (display names have spaces). */
  templateValue: {
    re: /^[A-Za-z0-9 _.()-]{0,64}$/,
    rule: 'letters, digits, spaces, _ . ( ) - only (0-64)',
  },
  /** Upper-case SHA-1 hex, exactly as Windows prints a thumbprint without spaces. */
  thumbprint: { re: /^[0-9A-F]{40}$/, rule: '40 upper-case hex digits, no spaces' },
  /** `DOMAIN\sam` (a gMSA ends in `$`). */
  account: {
    re: /^[A-Za-z0-9._-]{1,64}\\[A-Za-z0-9._$-]{1,64}$/,
    rule: 'DOMAIN\\name with letters, digits, . _ - ($ at the end of a gMSA)',
  },
  /** The virtual account of an application pool. */
  poolAccount: {
    re: /^IIS APPPOOL\\[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/,
    rule: 'IIS APPPOOL\\<pool name>',
  },
  sid: { re: /^S-1-[0-5](-[0-9]{1,10}){1,14}$/, rule: 'a SID such as S-1-5-32-568' },
  /** A user right or privilege constant (secedit [Privilege Rights] key). */
  userRight: { re: /^Se[A-Za-z]{2,60}$/, rule: 'a right name such as SeImpersonatePrivilege' },
  /** A holder as secedit writes it: `*SID` or a bare account name. */
  rightHolder: {
    re: /^(\*S-1-[0-5](-[0-9]{1,10}){1,14}|[A-Za-z0-9 ._$-]{1,64}(\\[A-Za-z0-9 ._$-]{1,64})?)$/,
    rule: '*SID or an account name',
  },
  appPool: {
    re: /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/,
    rule: 'letters, digits, spaces, . _ - only (1-64), not starting with a space',
  },
  serviceName: { re: /^[A-Za-z0-9_.-]{1,80}$/, rule: 'letters, digits, _ . - only (1-80)' },
  /** An IIS configuration path: `<site>` or `<site>/<app>/…` (site names may have spaces). */
  iisConfigPath: {
    re: /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}){0,8}$/,
    rule: '<site>[/<path>…] with letters, digits, . _ - (and spaces in the site name)',
  },
  /** A key under HKLM, written the short way reg.exe takes. */
  registryKey: {
    re: /^HKLM(\\[A-Za-z0-9 ._{}-]{1,128}){1,16}$/,
    rule: 'HKLM\\… with letters, digits, spaces, . _ { } - in each part',
  },
  registryValueName: { re: /^[A-Za-z0-9_.-]{1,64}$/, rule: 'letters, digits, _ . - only' },
  featureName: { re: /^[A-Za-z0-9-]{1,64}$/, rule: 'a Windows feature name (letters, digits, -)' },
  /** `<CA host>\<CA name>` from MSCEP\CAInfo. */
  caConfig: {
    re: /^[A-Za-z0-9.-]{1,253}\\[A-Za-z0-9 ._()-]{1,64}$/,
    rule: '<CA host>\\<CA name> with letters, digits, spaces, . _ ( ) -',
  },
  /** A subject DN for certreq (`CN=…, O=…`), no quotes or commas inside values. */
  subjectDn: {
    re: /^[A-Za-z]{1,12}=[A-Za-z0-9 ._@()-]{1,64}(, [A-Za-z]{1,12}=[A-Za-z0-9 ._@()-]{1,64}){0,11}$/,
    rule: 'RDNs such as CN=NDES01-MSCEP-RA, O=Contoso (letters, digits, spaces, . _ @ ( ) -)',
  },
  /** A CryptoAPI provider NDES supports for RA keys (W-NDESACCT). */
  cspName: {
    re: /^Microsoft (Strong Cryptographic Provider|Enhanced Cryptographic Provider v1\.0|Enhanced RSA and AES Cryptographic Provider|Base Cryptographic Provider v1\.0)$/,
    rule: 'a Microsoft CryptoAPI RSA provider',
  },
  /** A file in the fix's backup folder. */
  backupFile: {
    re: /^[a-z0-9][a-z0-9.-]{0,80}\.(reg|inf|cer|json|txt|sddl|sdb)$/,
    rule: 'lower-case name with . - and a known extension',
  },
  storeName: { re: /^(My|Root|CA)$/, rule: 'My, Root or CA' },
} satisfies Record<string, Pattern>;

export type PatternName = keyof typeof PATTERNS;

export function isPatternName(name: string): name is PatternName {
  return Object.prototype.hasOwnProperty.call(PATTERNS, name);
}

/** Returns `value` when it matches `pattern`, else throws FixValidationError. */
export function valid(pattern: PatternName, field: string, value: string): string {
  const p = PATTERNS[pattern];
  if (!p.re.test(value)) throw new FixValidationError(field, value, p.rule);
  return value;
}

/** True when `value` matches `pattern`. */
export function matches(pattern: PatternName, value: string): boolean {
  return PATTERNS[pattern].re.test(value);
}

/** A DWORD within [min, max] (registry values, IIS limits), as a whole number. */
export function dword(field: string, value: number, min = 0, max = 0xffffffff): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FixValidationError(field, String(value), `a whole number from ${min} to ${max}`);
  }
  return value;
}
