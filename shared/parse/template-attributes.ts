// Reads certificate-template attributes as an LDAP dump prints them (`pKIKeyUsage: 32 0`, MS-CRTD
// §2), and the certificate template extension text (1.3.6.1.4.1.311.21.7) as certutil and
// X509Extension.Format() render it. NDES RA certificates are recognised from these: CEPEncryption
// = keyEncipherment, EnrollmentAgentOffline = digitalSignature, both EKU 1.3.6.1.4.1.311.20.2.1.
// Empty text gives []; binary content throws ParseError.
import { commandLines } from './command-text';

export interface TemplateAttributes {
  /** `name` (cn) of the template, e.g. `CEPEncryption`. */
  name: string;
  displayName: string | null;
  schemaVersion: number | null;
  minimalKeySize: number | null;
  /** msPKI-Certificate-Name-Flag (1 = CT_FLAG_ENROLLEE_SUPPLIES_SUBJECT). */
  certificateNameFlag: number | null;
  flags: number | null;
  /** pKIExtendedKeyUsage OIDs. */
  ekus: string[];
  criticalExtensions: string[];
  /** pKIKeyUsage bytes as printed (`32 0` → [32, 0]). */
  keyUsageBytes: number[];
  /** KeyUsage bit names (RFC 5280 §4.2.1.3) set in keyUsageBytes. */
  keyUsage: string[];
  /** pKIDefaultKeySpec: 1 AT_KEYEXCHANGE, 2 AT_SIGNATURE. */
  defaultKeySpec: number | null;
  /** pKIDefaultCSPs ordered by priority (`1,Microsoft Enhanced …` first). */
  defaultCsps: string[];
  /** Every attribute line of the record, as printed. */
  attributes: { name: string; value: string }[];
  /** 1-based line of the record's first attribute. */
  line: number;
}

/** First byte: bit 0x80 first. Second byte: decipherOnly (0x80). */
const KEY_USAGE_BITS: [number, number, string][] = [
  [0, 0x80, 'digitalSignature'],
  [0, 0x40, 'nonRepudiation'],
  [0, 0x20, 'keyEncipherment'],
  [0, 0x10, 'dataEncipherment'],
  [0, 0x08, 'keyAgreement'],
  [0, 0x04, 'keyCertSign'],
  [0, 0x02, 'cRLSign'],
  [0, 0x01, 'encipherOnly'],
  [1, 0x80, 'decipherOnly'],
];

/** `2> name: value` (ldp), `name: value` (ldifde / dump); LDAP names start with a letter. */
const ATTRIBUTE = /^\s*(\d+>\s*)?([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/;

/**
 * Groups attribute lines into records (a record ends at a blank, comment, `dn:` or any other
 * line) and returns those that carry a `name` attribute.
 */
export function parseTemplateAttributes(text: string): TemplateAttributes[] {
  const records: { attrs: { name: string; value: string }[]; line: number }[] = [];
  let current: (typeof records)[number] | null = null;
  commandLines(text, 'template attributes').forEach((raw, i) => {
    const m = ATTRIBUTE.exec(raw);
    if (!m || /^dn$/i.test(m[2] ?? '')) {
      current = null;
      if (!m) return;
    }
    if (current === null) {
      current = { attrs: [], line: i + 1 };
      records.push(current);
    }
    // ldp ends every value list with ';'.
    const value = (m[3] ?? '').trim();
    current.attrs.push({ name: m[2] ?? '', value: m[1] ? value.replace(/;$/, '').trim() : value });
  });
  return records.flatMap((r) => {
    const t = toTemplate(r.attrs, r.line);
    return t ? [t] : [];
  });
}

function toTemplate(
  attrs: { name: string; value: string }[],
  line: number,
): TemplateAttributes | null {
  const all = (n: string): string[] =>
    attrs.filter((a) => a.name.toLowerCase() === n.toLowerCase()).map((a) => a.value);
  const one = (n: string): string | null => all(n)[0] ?? null;
  const num = (n: string): number | null => {
    const v = one(n);
    return v !== null && /^-?\d+$/.test(v) ? Number(v) : null;
  };
  const oids = (n: string): string[] =>
    all(n).flatMap((v) => v.split(/[\s;,]+/).filter((x) => /^\d+(\.\d+)+$/.test(x)));
  const name = one('name') ?? one('cn');
  if (!name) return null;
  const keyUsageBytes = parseBytes(one('pKIKeyUsage') ?? '');
  return {
    name,
    displayName: one('displayName'),
    schemaVersion: num('msPKI-Template-Schema-Version'),
    minimalKeySize: num('msPKI-Minimal-Key-Size'),
    certificateNameFlag: num('msPKI-Certificate-Name-Flag'),
    flags: num('flags'),
    ekus: oids('pKIExtendedKeyUsage'),
    criticalExtensions: oids('pKICriticalExtensions'),
    keyUsageBytes,
    keyUsage: KEY_USAGE_BITS.filter(([i, bit]) => ((keyUsageBytes[i] ?? 0) & bit) !== 0).map(
      ([, , n]) => n,
    ),
    defaultKeySpec: num('pKIDefaultKeySpec'),
    defaultCsps: parseCsps(all('pKIDefaultCSPs')),
    attributes: attrs,
    line,
  };
}

/** Bytes printed as decimal (`32 0`), or hex when written `0x20` or containing a-f (`a0 00`). */
function parseBytes(v: string): number[] {
  const tokens = v.split(/[\s;,]+/).filter((t) => t !== '');
  const hex = tokens.some((t) => /^0x/i.test(t) || /[a-f]/i.test(t));
  const out: number[] = [];
  for (const t of tokens) {
    const n = hex ? parseInt(t.replace(/^0x/i, ''), 16) : Number(t);
    if (!Number.isInteger(n) || n < 0 || n > 255) return [];
    out.push(n);
  }
  return out;
}

/** Multi-valued `N,Provider` entries, possibly flattened onto one line by the dump tool. */
function parseCsps(values: string[]): string[] {
  const entries: { prio: number; name: string }[] = [];
  for (const v of values.filter((x) => x.length < 4096)) {
    const re = /(\d+),(.+?)(?=\s+\d+,|$)/g;
    for (let m = re.exec(v); m; m = re.exec(v))
      entries.push({ prio: Number(m[1]), name: (m[2] ?? '').trim() });
  }
  return entries.sort((a, b) => a.prio - b.prio).map((e) => e.name);
}

export interface TemplateExtension {
  /** Template name when Windows could resolve it (`Web Server`), else null. */
  templateName: string | null;
  /** `1.3.6.1.4.1.311.21.8.…` template OID. */
  templateOid: string | null;
  majorVersion: number | null;
  minorVersion: number | null;
  line: number;
}

/**
 * The v2+ template extension rendered as text: certutil's multi-line form
 * (`Template=<oid>` then `Major Version Number=100` …) or Format(0)'s one-line form
 * (`Template=Web Server(<oid>), Major Version Number=100, Minor Version Number=5`).
 */
export function parseTemplateExtensions(text: string): TemplateExtension[] {
  const out: TemplateExtension[] = [];
  let current: TemplateExtension | null = null;
  commandLines(text, 'template extension').forEach((raw, i) => {
    if (raw.length > 2000 || !raw.includes('=')) return; // real renderings are short
    for (const part of raw.split(/,\s*(?=[A-Za-z ]+=)/)) {
      const kv = /^\s*([A-Za-z][A-Za-z ]*?)\s*=\s*(.*?)\s*$/.exec(part);
      if (!kv) continue;
      const key = (kv[1] ?? '').toLowerCase();
      const value = kv[2] ?? '';
      if (key === 'template') {
        const m = /^(.*?)\s*\((\d+(?:\.\d+)+)\)$/.exec(value);
        const bareOid = /^\d+(?:\.\d+)+$/.test(value);
        current = {
          templateName: m ? m[1] || null : bareOid ? null : value || null,
          templateOid: m ? (m[2] ?? null) : bareOid ? value : null,
          majorVersion: null,
          minorVersion: null,
          line: i + 1,
        };
        out.push(current);
      } else if (current && /^major version number$/.test(key)) {
        current.majorVersion = /^\d+$/.test(value) ? Number(value) : null;
      } else if (current && /^minor version number$/.test(key)) {
        current.minorVersion = /^\d+$/.test(value) ? Number(value) : null;
      }
    }
  });
  return out;
}
