// Reads certutil output collected on the NDES box: `-ping` (can NDES reach the CA's ICertRequest
// interface), `-CATemplates` (does the CA publish the SCEP template) and `-store My` (RA, TLS and
// client-auth certificates with their key provider: NDES needs a CryptoAPI CSP for the RA keys).
// Labels are localized; `-store` fields are also read by position. Empty text gives an empty
// result; binary content throws ParseError. Dates stay as printed (local time, locale format).
import { commandLines, splitLabelValue } from './command-text';
import { normalizeThumbprint } from './netsh-sslcert';

export interface CertutilPing {
  /** True when certutil reported the ICertRequest interface alive. */
  alive: boolean;
  /** CA name from `Server "<name>"`. */
  server: string | null;
  /** Non-blank lines, right-trimmed. */
  lines: string[];
}

export function parseCertutilPing(text: string): CertutilPing {
  const lines = commandLines(text, 'certutil -ping')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
  let server: string | null = null;
  let alive = false;
  for (const l of lines) {
    const s = /Server "([^"]*)"/.exec(l);
    if (s && server === null) server = s[1] ?? null;
    // The (NNms) round-trip suffix is printed only on success and survives localization.
    if (/interface is alive/i.test(l) || /ICertRequest\d*\S*\s.*\(\d+\s*ms\)\s*$/.test(l)) {
      alive = true;
    }
  }
  return { alive, server, lines };
}

export interface CertutilTemplate {
  /** Template common name (what NDES's registry SignatureTemplate etc. must name). */
  name: string;
  displayName: string;
  /** What follows ` -- `: `Auto-Enroll`, `Access is denied.`; null when absent. */
  status: string | null;
  line: number;
}

/** `certutil -CATemplates`: `<Name>: <DisplayName> -- <status>` per published template. */
export function parseCertutilTemplates(text: string): CertutilTemplate[] {
  const out: CertutilTemplate[] = [];
  commandLines(text, 'certutil -CATemplates').forEach((raw, i) => {
    const l = raw.trim();
    if (l === '' || /^certutil\s*:/i.test(l)) return;
    const colon = l.indexOf(':');
    if (colon <= 0) return;
    const name = l.slice(0, colon).trim();
    let rest = l.slice(colon + 1).trim();
    let status: string | null = null;
    const dash = rest.lastIndexOf(' -- ');
    if (dash >= 0) {
      status = rest.slice(dash + 4).trim() || null;
      rest = rest.slice(0, dash).trim();
    } else if (rest.endsWith(' --')) {
      rest = rest.slice(0, -3).trim();
    }
    out.push({ name, displayName: rest, status, line: i + 1 });
  });
  return out;
}

export interface CertutilStoreEntry {
  /** N from `================ Certificate N ================`. */
  index: number;
  serialNumber: string | null;
  issuer: string | null;
  /** As printed: local time, locale format (`5/17/2026 8:44 PM`). */
  notBefore: string | null;
  notAfter: string | null;
  subject: string | null;
  /** Template name: `Template:` name part, else the v1 `Certificate Template Name` value. */
  template: string | null;
  /** Display name after the comma in `Template: Machine, Computer`. */
  templateDisplayName: string | null;
  /** SHA-1 thumbprint, normalized (upper-case hex). */
  certHash: string | null;
  keyContainer: string | null;
  /** Key provider: a CSP name ("... Cryptographic Provider") or a KSP ("... Key Storage Provider"). */
  provider: string | null;
  /** true with a key container (and no missing-keyset line), false when certutil says no key, else null. */
  hasPrivateKey: boolean | null;
  /** 1-based line of the `==== Certificate N ====` header. */
  line: number;
}

const BLOCK_HEADER = /^={3,}\s*\S.*?\s(\d+)\s*={3,}$/;

/** `certutil -store <name>`: one entry per `==== Certificate N ====` block. */
export function parseCertutilStore(text: string): CertutilStoreEntry[] {
  const lines = commandLines(text, 'certutil -store');
  const out: CertutilStoreEntry[] = [];
  let block: string[] = [];
  let start = -1;
  const flush = (): void => {
    if (start >= 0) out.push(readStoreBlock(block, lines[start] ?? '', start + 1));
  };
  lines.forEach((l, i) => {
    if (l.length < 200 && BLOCK_HEADER.test(l.trim())) {
      flush();
      start = i;
      block = [];
    } else if (start >= 0) {
      block.push(l);
    }
  });
  flush();
  return out;
}

function readStoreBlock(lines: string[], header: string, line: number): CertutilStoreEntry {
  const e: CertutilStoreEntry = {
    index: Number(BLOCK_HEADER.exec(header.trim())?.[1] ?? -1),
    serialNumber: null,
    issuer: null,
    notBefore: null,
    notAfter: null,
    subject: null,
    template: null,
    templateDisplayName: null,
    certHash: null,
    keyContainer: null,
    provider: null,
    hasPrivateKey: null,
    line,
  };
  const colonFields: { label: string; value: string }[] = [];
  const equalFields: { label: string; value: string }[] = [];
  let v1Template: string | null = null;
  for (const raw of lines) {
    if (/^certutil\s*:/i.test(raw.trim())) continue;
    // Indented `Key Container = …` / `Provider = …` lines (a colon before ' = ' means another form).
    const eq = raw.indexOf(' = ');
    const eqLabel = eq > 0 && /^\s/.test(raw) ? raw.slice(0, eq).trim() : '';
    if (eqLabel !== '' && !eqLabel.includes(':')) {
      equalFields.push({ label: eqLabel, value: raw.slice(eq + 3).trim() });
      continue;
    }
    const f = splitLabelValue(raw);
    if (f) colonFields.push(f);
    const t = raw.trim();
    if (/^No key provider information$/i.test(t) || /^Missing stored keyset$/i.test(t)) {
      e.hasPrivateKey = false;
    }
  }
  // Serial, Issuer, NotBefore, NotAfter, Subject always open the block in this order.
  const lead = colonFields.slice(0, 5).map((f) => f.value || null);
  [e.serialNumber, e.issuer, e.notBefore, e.notAfter, e.subject] = [
    lead[0] ?? null,
    lead[1] ?? null,
    lead[2] ?? null,
    lead[3] ?? null,
    lead[4] ?? null,
  ];
  for (const f of colonFields.slice(5)) {
    if (/^template$/i.test(f.label) && e.template === null) {
      const comma = f.value.indexOf(', ');
      e.template = (comma >= 0 ? f.value.slice(0, comma) : f.value) || null;
      e.templateDisplayName = comma >= 0 ? f.value.slice(comma + 2) || null : null;
    } else if (/certificate template name/i.test(f.label)) {
      v1Template = f.value || null;
    } else if (/sha1|sha-1/i.test(f.label) && e.certHash === null) {
      e.certHash = normalizeThumbprint(f.value) || null;
    }
  }
  e.template ??= v1Template;
  if (e.certHash === null) {
    const hash = colonFields
      .slice(1)
      .find((f) => /^[0-9a-fA-F ]+$/.test(f.value) && normalizeThumbprint(f.value).length === 40);
    e.certHash = hash ? normalizeThumbprint(hash.value) : null;
  }
  // "Key Container = …" precedes "Provider = …"; by position when the labels are localized.
  const byLabel = (re: RegExp): string | undefined =>
    equalFields.find((f) => re.test(f.label))?.value;
  e.keyContainer = byLabel(/^key container$/i) ?? equalFields[0]?.value ?? null;
  e.provider = byLabel(/^provider$/i) ?? equalFields[1]?.value ?? null;
  if (e.hasPrivateKey === null && e.keyContainer !== null) e.hasPrivateKey = true;
  return e;
}
