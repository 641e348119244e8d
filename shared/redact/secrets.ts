// Secrets that never leave the host, whatever the export mode (BUNDLE-FORMAT.md, Redaction):
// private keys (PEM blocks, .pfx/.p12/.key/.pvk files), IIS `[enc:…:enc]` password blobs,
// MSCEP\EncryptedPassword, NDES challenge passwords and proxy credentials.

/** What stands in for a removed secret value. */
export const REDACTED = '[redacted]';
/** What stands in for a removed private key block. */
export const KEY_REMOVED = '[private key removed by NDES Doctor]';

/** Files that are key material: never exported (the manifest marks them `skipped`). */
export function isSecretFile(path: string): boolean {
  return /\.(pfx|p12|key|pvk|ppk|jks|keystore|snk)$/i.test(path);
}

const PEM_KEY = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----/;
const ENC_BLOB = /\[enc:[^\]\r\n]*?:enc\]/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/)([^\s/@:"'<>]+):([^\s/@"'<>]+)@/gi;
const CHALLENGE =
  /(challenge[ _-]?password(?:\s+is)?\s*[:=]\s*(?:"\s*)?(?:<[^>]{0,20}>\s*)*)([^\s<"',;&]{4,})/gi;
/** `Password=…` in connection strings, `PROXYPASSWORD = …` in MSI logs, `pwd: …`. */
const CONN_PASSWORD =
  /(\b[\w.-]*(?:password|passwd|pwd)["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^;"'\s&<>,]+)/gi;

/** Kinds of secret found, for the manifest. */
export type SecretKind =
  'private-key' | 'iis-password' | 'url-credentials' | 'challenge-password' | 'connection-password';

/** Removes inline secrets from one piece of text; `found` collects what was removed. */
export function scrubSecrets(text: string, found?: Set<SecretKind>): string {
  if (text.length < 8) return text;
  let out = text;
  const swap = (re: RegExp, kind: SecretKind, by: (m: string, ...g: string[]) => string) => {
    re.lastIndex = 0;
    if (!re.test(out)) return;
    re.lastIndex = 0;
    out = out.replace(re, by as (m: string, ...rest: unknown[]) => string);
    found?.add(kind);
  };
  if (out.includes('PRIVATE KEY-----')) swap(PEM_KEY, 'private-key', () => KEY_REMOVED);
  if (out.includes('[enc:')) swap(ENC_BLOB, 'iis-password', () => REDACTED);
  if (out.includes('://'))
    swap(URL_USERINFO, 'url-credentials', (_m, s, u) => `${s}${u}:${REDACTED}@`);
  if (/challenge/i.test(out)) swap(CHALLENGE, 'challenge-password', (_m, p) => `${p}${REDACTED}`);
  if (/p(?:ass)?w(?:or)?d["']?\s*[=:]/i.test(out)) {
    swap(CONN_PASSWORD, 'connection-password', (m, p, v) => {
      const q = v.startsWith('"') || v.startsWith("'") ? v[0]! : '';
      const inner = q ? v.slice(1, -1) : v;
      return inner === REDACTED || inner === '' ? m : `${p}${q}${REDACTED}${q}`;
    });
  }
  return out;
}

/**
 * Line-wise removal of PEM private key blocks that span lines: the BEGIN line keeps its text before
 * the block, everything up to and including the END line is dropped.
 */
export class PemKeyFilter {
  private inside: string | null = null;
  found = false;

  /** The line to emit (possibly changed), or null to drop it. */
  line(text: string): string | null {
    if (this.inside !== null) {
      const end = `-----END ${this.inside}-----`;
      const at = text.indexOf(end);
      if (at < 0) return null;
      this.inside = null;
      const rest = text.slice(at + end.length);
      return rest.trim() === '' ? null : rest;
    }
    if (!text.includes('PRIVATE KEY-----')) return text;
    const m = PEM_BEGIN.exec(text);
    if (!m) return text;
    if (text.includes(`-----END ${m[1]}-----`, m.index)) return text;
    this.inside = m[1] ?? '';
    this.found = true;
    return `${text.slice(0, m.index)}${KEY_REMOVED}`;
  }
}

/** Registry values that hold secrets (value names and key paths compared case-insensitively). */
export function isSecretRegValue(keyPath: string, name: string, type: string): boolean {
  if (/\\EncryptedPassword$/i.test(keyPath) || /^EncryptedPassword$/i.test(name)) return true;
  if (/^PasswordVDir$/i.test(name)) return false;
  if (type === 'dword' || type === 'qword') return false;
  return /pass(?:word|wd)|secret|credential|api[-_]?key|private[-_]?key/i.test(name);
}

/** JSON property names whose string values are secrets. */
export function isSecretJsonKey(key: string): boolean {
  return /pass(?:word|wd)|challenge|secret|credential|private[-_]?key|api[-_]?key|^pwd$/i.test(key);
}
