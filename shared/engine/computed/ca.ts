// What NDES needs to reach and use its CA (step 4): the CA in MSCEP\CAInfo\Configuration
// ("<CA host>\<CA name>"), the three MSCEP template slots (SEED-CFG step 4, S-4800), HRESULTs in
// certutil exit codes and event 31 data (§4.8), and the RA key providers recorded at install (105).
import type { CertStores, Decoded, Ev, RegistryValueEvidence } from '../../model';
import type { RegFile } from '../../parse/reg-file';
import type { EventRecord } from '../../parse/event-xml';
import type { CertSummary } from '../../parse/certificates';
import { OID } from '../../parse/certificates';
import type { PsValue } from '../../parse/ps-json';
import { psArray, psProp, psString } from '../../parse/ps-json';
import { decodeHresult } from '../../decode/hresult';
import { hex8, parseCode } from '../../decode/codes';
import { eventData } from './events';
import { regLookup, regString } from './registry';

export const MSCEP_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';
export const CAINFO_KEY = `${MSCEP_KEY}\\CAInfo`;
/** The value NDES setup writes into all three slots: "not configured for Intune" (T-VALID #13). */
export const DEFAULT_TEMPLATE = 'IPSECIntermediateOffline';
export const TEMPLATE_SLOTS = [
  'SignatureTemplate',
  'EncryptionTemplate',
  'GeneralPurposeTemplate',
] as const;
export type TemplateSlot = (typeof TEMPLATE_SLOTS)[number];

/** One MSCEP template slot: its REG_SZ text (null when missing or not a string) and pointer. */
export interface MscepTemplate {
  slot: TemplateSlot;
  value: string | null;
  evidence: RegistryValueEvidence;
}

/** The three template values of the MSCEP key, in slot order. */
export function mscepTemplates(reg: Ev<RegFile>): MscepTemplate[] {
  return TEMPLATE_SLOTS.map((slot) => {
    const found = regLookup(reg, MSCEP_KEY, slot);
    return { slot, value: regString(found.value?.data), evidence: found.evidence };
  });
}

/** True for the setup default `IPSECIntermediateOffline` (case-insensitive). */
export function isDefaultTemplate(value: string): boolean {
  return value.trim().toLowerCase() === DEFAULT_TEMPLATE.toLowerCase();
}

/** Slots holding a template other than the default (the ones the CA must publish). */
export function configuredTemplates(templates: readonly MscepTemplate[]): MscepTemplate[] {
  return templates.filter(
    (t) => t.value !== null && t.value.trim() !== '' && !isDefaultTemplate(t.value),
  );
}

/** `CA01.corp.contoso.com\Contoso Issuing CA` split at the first backslash. */
export interface CaConfig {
  raw: string;
  host: string;
  /** Text after the first `\`; null when there is none. */
  caName: string | null;
}

/** Parses a CA configuration string; null when it is empty. */
export function parseCaConfig(raw: string): CaConfig | null {
  const text = raw.trim();
  if (text === '') return null;
  const i = text.indexOf('\\');
  if (i < 0) return { raw: text, host: text, caName: null };
  return { raw: text, host: text.slice(0, i).trim(), caName: text.slice(i + 1).trim() || null };
}

/** MSCEP\CAInfo\Configuration, parsed, with its registry pointer. */
export function caInfo(reg: Ev<RegFile>): {
  config: CaConfig | null;
  evidence: RegistryValueEvidence;
} {
  const found = regLookup(reg, CAINFO_KEY, 'Configuration');
  const text = regString(found.value?.data);
  return { config: text === null ? null : parseCaConfig(text), evidence: found.evidence };
}

/** Case-insensitive, trimmed name comparison (CA names, template names). */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** `0x800706BA (-2147023174)`: an exit code or HRESULT in both forms Windows prints. */
export function codeLabel(code: number): string {
  const value = parseCode(code);
  if (value === null || value <= 0xffff) return String(code);
  return `${hex8(value)} (${value | 0})`;
}

/** §4.8 meaning of a code as a finding's `decoded` entry; null when the table does not list it. */
export function decodedCode(code: string | number): Decoded | null {
  const d = decodeHresult(code);
  if (!d) return null;
  return {
    raw: d.raw,
    meaning: d.name ? `${d.name}: ${d.meaning}` : d.meaning,
    ...(d.checkId ? { checkId: d.checkId } : {}),
  };
}

const HRESULT_TOKEN = /(?<![0-9A-Za-z_])0x8[0-9a-f]{7}(?![0-9A-Za-z_])/gi;
const E_FAIL = '0x80004005';

/** Every `0x8…` HRESULT token in a text, as `0x%08X`, in order of appearance. */
export function hresultTokens(text: string): string[] {
  return [...text.matchAll(HRESULT_TOKEN)].map((m) => hex8(parseInt(m[0].slice(2), 16)));
}

/**
 * HRESULTs of an NDES event 31 (or a connector failure): from `ErrorCode`, then `ErrorMessage`
 * (the S-4800 sample puts the CA text in ErrorCode and 0x80004005 in ErrorMessage), then any other
 * data, then the message. `primary` prefers a specific code over the generic E_FAIL.
 */
export function submitCodes(e: EventRecord): { primary: string | null; codes: string[] } {
  const named = [eventData(e, 'ErrorCode'), eventData(e, 'ErrorMessage')];
  const fields = [...named, ...e.data.map((d) => d.value), e.message].filter(
    (v): v is string => typeof v === 'string',
  );
  const codes = [...new Set(fields.flatMap(hresultTokens))];
  return { primary: codes.find((c) => c !== E_FAIL) ?? codes[0] ?? null, codes };
}

export const DEPLOYMENT_PROVIDER = 'Microsoft-Windows-CertificateServices-Deployment';

/** RA key providers named on the NDES install command line (event 105, T-VALID #6). */
export interface InstallProviders {
  /** `-SigningProviderName`: the Enrollment Agent (signing) key. */
  signing: string | null;
  /** `-EncryptionProviderName`: the CEP Encryption key. */
  encryption: string | null;
  event: EventRecord;
}

function param(text: string, name: string): string | null {
  const m = new RegExp(`-${name}(?::|\\s)\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"']+))`, 'i').exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() || null : null;
}

/** The newest event 105 whose command text names a signing or encryption provider; null if none. */
export function installProviders(events: readonly EventRecord[]): InstallProviders | null {
  const found = events
    .filter((e) => e.eventId === 105 && sameName(e.provider, DEPLOYMENT_PROVIDER))
    .map((e) => {
      const text = [...e.data.map((d) => d.value), e.message ?? ''].join('\n');
      return {
        signing: param(text, 'SigningProviderName'),
        encryption: param(text, 'EncryptionProviderName'),
        event: e,
      };
    })
    .filter((p) => p.signing !== null || p.encryption !== null);
  const t = (p: InstallProviders) => Date.parse(p.event.timeCreated ?? '') || 0;
  return found.sort((a, b) => t(b) - t(a))[0] ?? null;
}

/**
 * A key provider as NDES sees it: `ksp` for a CNG Key Storage Provider (NDES cannot use it,
 * W-NDESACCT); the TPM's "Microsoft Platform Crypto Provider" is a KSP without the words in its
 * name. `csp` for a CryptoAPI CSP ("… Cryptographic Provider"); `other` when the name says neither.
 */
export function providerKind(name: string): 'ksp' | 'csp' | 'other' {
  if (/key storage provider|platform crypto provider/i.test(name)) return 'ksp';
  if (/cryptographic (service )?provider/i.test(name)) return 'csp';
  return 'other';
}

/** Template OID → name from `commands/template-oids.json` (`[{ Name, DisplayName, Oid }]`). */
export function templateOidNames(ev: Ev<PsValue>): Map<string, string> {
  const names = new Map<string, string>();
  if (ev.state !== 'ok' || ev.value === undefined) return names;
  for (const t of psArray(ev.value)) {
    const oid = psString(psProp(t, 'Oid'));
    const name = psString(psProp(t, 'Name'));
    if (oid && name) names.set(oid, name);
  }
  return names;
}

/** The stores with v2 template names resolved from their OID where the name is still unknown. */
export function withTemplateNames(stores: CertStores, names: Map<string, string>): CertStores {
  if (names.size === 0) return stores;
  const certs = stores.certs.map((c) =>
    c.template === null && c.templateOid && names.has(c.templateOid)
      ? { ...c, template: names.get(c.templateOid) ?? null }
      : c,
  );
  return { ...stores, certs };
}

/** CA certificates of a GetCACert answer whose subject CN is the CA name (RA certs excluded). */
export function caCertsNamed(certs: readonly CertSummary[], caName: string): CertSummary[] {
  return certs.filter(
    (c) =>
      c.subjectCN !== null &&
      sameName(c.subjectCN, caName) &&
      c.eku?.includes(OID.certificateRequestAgent) !== true,
  );
}

/** Lines of a command output (1-based numbers as the certutil parsers count them), blank ones left out. */
export function outputLines(
  text: string,
  keep: (n: number) => boolean = () => true,
): { line: number; text: string }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l.replace(/\r+$/, '') }))
    .filter((l) => l.text.trim() !== '' && keep(l.line));
}
