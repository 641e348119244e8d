// Reads `netsh http show sslcert`: the HTTP.sys TLS bindings, which decide the certificate the
// NDES site really serves (IIS bindings only mirror them). Labels follow the OS UI language
// (German prints "Zertifikathash"), so blocks are read by position and value shape, not by label:
// endpoint, certificate hash, application ID, store name, then the rest (see
// https://learn.microsoft.com/windows-server/networking/technologies/netsh/netsh-http).
// Empty text gives []; binary content throws ParseError.
import { commandLines, splitLabelValue } from './command-text';

export interface SslCertBinding {
  /** Endpoint as printed: `0.0.0.0:443`, `[::]:443`, `ndes.contoso.com:443`, or the CCS port. */
  endpoint: string;
  kind: 'ipport' | 'hostnameport' | 'ccs' | 'other';
  /** IP (IPv6 without brackets) or host name; '' for a Central Certificate Store binding. */
  host: string;
  port: number | null;
  /** Upper-case hex; null when absent or `(null)`. */
  certificateHash: string | null;
  /** `{4dc3e181-e14b-4a21-b022-59fc669b0914}` is IIS. */
  appId: string | null;
  /** `MY`/`My`; null when `(null)` or absent. */
  certStoreName: string | null;
  /** 1-based line of the endpoint. */
  line: number;
  /** Every `label : value` of the block, in order (labels as printed, possibly localized). */
  fields: { label: string; value: string }[];
}

/** Strips everything but hex digits and upper-cases (thumbprints pasted with spaces or U+200E). */
export function normalizeThumbprint(s: string): string {
  return s.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

const IPV4_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const IPV6_PORT = /^\[([0-9a-fA-F:.%A-Za-z]*)\]:(\d{1,5})$/;
const HOST_PORT = /^([A-Za-z0-9_*](?:[A-Za-z0-9_.*-]*[A-Za-z0-9_*])?):(\d{1,5})$/;
const BARE_PORT = /^\d{1,5}$/;
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

type Endpoint = Pick<SslCertBinding, 'kind' | 'host' | 'port'>;

function endpointOf(value: string): Endpoint | null {
  const m = IPV4_PORT.exec(value) ?? IPV6_PORT.exec(value);
  if (m) return { kind: 'ipport', host: m[1] ?? '', port: Number(m[2]) };
  const h = HOST_PORT.exec(value);
  if (h) return { kind: 'hostnameport', host: h[1] ?? '', port: Number(h[2]) };
  return null;
}

function isNullValue(v: string): boolean {
  return v === '' || /^\(null\)$/i.test(v);
}

function looksLikeHash(v: string): boolean {
  return /^[0-9a-fA-F\s]{32,}$/.test(v) && normalizeThumbprint(v).length >= 32;
}

/** Parses every binding block; lines outside blocks (prompt, header, errors) are ignored. */
export function parseNetshSslCert(text: string): SslCertBinding[] {
  const lines = commandLines(text, 'netsh http show sslcert');
  const parsed = lines.map((l) =>
    l.trim() === '' || /^-+$/.test(l.trim()) ? null : splitLabelValue(l),
  );
  const out: SslCertBinding[] = [];
  let current: SslCertBinding | null = null;
  let afterBreak = true;
  // nextField[i] = the first parsed field after line i (looked up once per line, not rescanned).
  const nextField: ({ label: string; value: string } | null)[] = new Array(parsed.length).fill(
    null,
  );
  for (let i = parsed.length - 2; i >= 0; i--)
    nextField[i] = parsed[i + 1] ?? nextField[i + 1] ?? null;

  parsed.forEach((f, i) => {
    if (f === null) {
      afterBreak = afterBreak || lines[i]?.trim() === '' || /^-+$/.test(lines[i]?.trim() ?? '');
      return;
    }
    let ep = endpointOf(f.value);
    if (!ep && afterBreak) {
      const next = nextField[i];
      const port = Number(f.value);
      if (BARE_PORT.test(f.value) && port > 0 && port < 65536) {
        ep = { kind: 'ccs', host: '', port };
      } else if (next && (looksLikeHash(next.value) || isNullValue(next.value))) {
        ep = { kind: 'other', host: f.value, port: null };
      }
    }
    afterBreak = false;
    if (ep) {
      current = {
        endpoint: f.value,
        ...ep,
        certificateHash: null,
        appId: null,
        certStoreName: null,
        line: i + 1,
        fields: [],
      };
      out.push(current);
    }
    current?.fields.push(f);
  });

  for (const b of out) fillKnownFields(b);
  return out;
}

/** Position 1 = hash, 2 = application ID, 3 = store name; shape checks guard odd layouts. */
function fillKnownFields(b: SslCertBinding): void {
  const values = b.fields.map((f) => f.value);
  const hashAt =
    looksLikeHash(values[1] ?? '') || isNullValue(values[1] ?? 'x')
      ? 1
      : values.findIndex(looksLikeHash);
  const hash = hashAt > 0 ? (values[hashAt] ?? '') : '';
  b.certificateHash = isNullValue(hash) ? null : normalizeThumbprint(hash) || null;

  const appAt = GUID.test(values[2] ?? '') ? 2 : values.findIndex((v, i) => i > 0 && GUID.test(v));
  b.appId = appAt > 0 ? (values[appAt] ?? null) : null;

  const storeAt = appAt > 0 ? appAt + 1 : 3;
  const store = values[storeAt];
  b.certStoreName =
    store === undefined || isNullValue(store) || !/^[\w .-]+$/.test(store) ? null : store;
}
