// JSON artifacts (PowerShell ConvertTo-Json outputs, certs/index.json, probe/mscep.json). String
// literals are redacted in place so the PowerShell layout survives; `objectSid` byte arrays
// ([adsisearcher] returns the binary SID) are decoded, tokenized and written back byte for byte.
// The probe is redacted structurally: PKIOperation bodies dropped, text bodies tokenized.
import type { Redactor } from './redactor';
import { isSecretJsonKey, REDACTED } from './secrets';

const LITERAL = /"((?:[^"\\\r\n]|\\.)*)"/g;
const OBJECT_SID = /("objectSid"\s*:\s*)(\[[\s\d,[\]]*\])/gi;

/** Binary SID bytes to `S-1-…`. */
function sidFromBytes(b: number[]): string | null {
  if (b.length < 8 || b[0] !== 1 || b.length !== 8 + (b[1] ?? 0) * 4) return null;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (b[i] ?? 0);
  const parts = [`S-1-${authority}`];
  for (let i = 8; i < b.length; i += 4) {
    parts.push(
      String(
        (b[i + 3] ?? 0) * 2 ** 24 + ((b[i + 2] ?? 0) << 16) + ((b[i + 1] ?? 0) << 8) + (b[i] ?? 0),
      ),
    );
  }
  return parts.join('-');
}

function sidToBytes(sid: string): number[] {
  const p = sid.split('-').slice(1).map(Number);
  const subs = p.slice(2);
  const auth = p[1] ?? 0;
  const out = [p[0] ?? 1, subs.length, 0, 0, 0, 0, 0, auth];
  for (const s of subs) out.push(s & 255, (s >>> 8) & 255, (s >>> 16) & 255, (s >>> 24) & 255);
  return out;
}

function redactSidArrays(text: string, r: Redactor): string {
  if (!r.tok || !/objectsid/i.test(text)) return text;
  return text.replace(OBJECT_SID, (m: string, head: string, arr: string) => {
    const nums = arr.match(/\d+/g)?.map(Number) ?? [];
    const sid = sidFromBytes(nums);
    if (!sid) return m;
    const token = r.names(sid);
    if (token === sid) return m;
    const bytes = sidToBytes(token);
    if (bytes.length !== nums.length) return m;
    let k = 0;
    return head + arr.replace(/\d+/g, () => String(bytes[k++] ?? 0));
  });
}

/**
 * Redacts every string literal of a JSON text in place. Values of secret-named properties become
 * `[redacted]`; `literal` may rewrite values further (certificate file renames).
 */
export function redactJsonText(
  text: string,
  r: Redactor,
  literal?: (value: string) => string,
): string {
  const input = redactSidArrays(text, r);
  let secretKey = false;
  let keyEnd = -1;
  const out = input.replace(LITERAL, (m: string, _inner: string, offset: number) => {
    let after = offset + m.length;
    while (after < input.length && /\s/.test(input[after]!)) after++;
    const isKey = input[after] === ':';
    let value: string;
    try {
      value = JSON.parse(m) as string;
    } catch {
      return m;
    }
    if (isKey) {
      secretKey = isSecretJsonKey(value);
      keyEnd = after + 1;
      const k = r.names(value);
      return k === value ? m : JSON.stringify(k);
    }
    let start = keyEnd;
    while (start >= 0 && start < offset && /\s/.test(input[start]!)) start++;
    if (secretKey && start === offset && value !== '') {
      r.removed.add('json-secret');
      return JSON.stringify(REDACTED);
    }
    let v = r.text(value);
    if (literal) v = literal(v);
    return v === value ? m : JSON.stringify(v);
  });
  return out;
}

function b64ToBytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function bytesToB64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return btoa(bin);
}

/** Printable ASCII runs of a binary blob (names inside DER are ASCII strings). */
export function printableRuns(bytes: Uint8Array, min = 4): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? (bytes[i] ?? 0) : 0;
    const printable = b >= 0x20 && b < 0x7f;
    if (printable && start < 0) start = i;
    if (!printable && start >= 0) {
      if (i - start >= min) runs.push(String.fromCharCode(...bytes.subarray(start, i)));
      start = -1;
    }
  }
  return runs;
}

/** True when a binary blob carries a name the tokenizer would replace. */
export function binaryHasIdentity(bytes: Uint8Array, r: Redactor): boolean {
  const tok = r.tok;
  if (tok === null) return false;
  // DER keeps each DC= component in its own string: look at the runs alone and joined as a name.
  const runs = printableRuns(bytes, 2);
  return (
    runs.some((s) => s.length >= 4 && (tok.containsIdentity(s) || tok.isDomainLabel(s))) ||
    tok.containsIdentity(runs.join('.'))
  );
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function walk(v: Json, r: Redactor, key = ''): Json {
  if (typeof v === 'string') {
    if (isSecretJsonKey(key) && v !== '') {
      r.removed.add('json-secret');
      return REDACTED;
    }
    return r.text(v);
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, r, key));
  if (v && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[r.names(k)] = walk(x, r, k);
    return out;
  }
  return v;
}

/**
 * probe/mscep.json. `dropBinary` says whether binary bodies (the GetCACert PKCS#7) must go: in
 * strict mode always, otherwise when they name a customer host, domain or account.
 */
export function redactProbeJson(text: string, r: Redactor, strict: boolean): string {
  const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out = list.map((x) => {
    if (!x || typeof x !== 'object' || Array.isArray(x)) return walk(x, r);
    const body = x['bodyBase64'];
    const name = typeof x['name'] === 'string' ? x['name'].toLowerCase() : '';
    let newBody: Json | undefined;
    if (typeof body === 'string' && body !== '') {
      if (name === 'pkioperation') {
        r.removed.add('probe-pkioperation-body');
        newBody = null;
      } else newBody = redactBody(body, r, strict);
    }
    const rest = walk({ ...x, bodyBase64: null }, r) as { [k: string]: Json };
    return { ...rest, bodyBase64: newBody === undefined ? (body ?? null) : newBody };
  });
  return JSON.stringify(Array.isArray(parsed) ? out : out[0], null, 4);
}

/** Control bytes other than tab, CR, LF, FF and VT: binary data, not text. */
function hasControl(bytes: Uint8Array): boolean {
  return bytes.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
}

function redactBody(body: string, r: Redactor, strict: boolean): Json {
  const bytes = b64ToBytes(body);
  if (!bytes) return r.text(body);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const binary = hasControl(bytes.subarray(0, 4096));
  if (binary) {
    if (r.mode === 'none') return body;
    if (strict || binaryHasIdentity(bytes, r)) {
      r.removed.add('probe-binary-body');
      return null;
    }
    return body;
  }
  const out = r.text(text);
  return out === text ? body : bytesToB64(new TextEncoder().encode(out));
}
