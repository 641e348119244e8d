// Seeds the tokenizer from the structured artifacts before any file is redacted, so a short name
// (NDES01, CORP, svc-ndes) is known as a name wherever it shows up later, even in free text.
// Sources: manifest host, computer.json, service-account.json, processModel userName, MSCEP CAInfo,
// local-groups.json and the certificate index (by SID: only S-1-5-21 principals are customers'),
// services, SPNs, bindings, HTTP.sys SNI entries, probe URLs and certificate names.
import type { CertSummary } from '../parse/certificates';
import { parsePsJson, psArray, psProp, psString } from '../parse/ps-json';
import type { PsValue } from '../parse/ps-json';
import { parseRegFile, findKey, findValue } from '../parse/reg-file';
import type { Tokenizer } from './tokenizer';

export interface DiscoveryInput {
  host: { computerName: string; dnsHostName?: string; domain?: string };
  /** Decoded text of structured artifacts, by bundle path (any case). */
  texts: Map<string, string>;
  /** Certificates of the stores and of GetCACert answers. */
  certs: CertSummary[];
}

/** Authorities whose principals are the same on every machine (English and common localized). */
const BUILTIN =
  /^(nt authority|builtin|nt service|iis apppool|window manager|font driver host|nt virtual machine|application package authority|autorite nt|nt-autorität|nt-instanz|nt-autoriteit|autoridad nt|autoridade nt|nt instans|nt-myndighet|nt-forvaltning|nt-viranomainen)$/i;

function json(texts: Map<string, string>, path: string): PsValue | undefined {
  const t = get(texts, path);
  if (t === undefined) return undefined;
  try {
    return parsePsJson(t);
  } catch {
    return undefined;
  }
}

function get(texts: Map<string, string>, path: string): string | undefined {
  for (const [k, v] of texts) if (k.toLowerCase() === path.toLowerCase()) return v;
  return undefined;
}

function str(v: PsValue | undefined): string | null {
  const s = psString(Array.isArray(v) && v.length === 1 ? v[0] : v);
  return s && s.trim() !== '' ? s.trim() : null;
}

/** `DOMAIN\name` (with its SID when known): customer principals only. */
function principal(
  tok: Tokenizer,
  name: string | null,
  sid: string | null,
  computer: string,
): void {
  if (!name) return;
  if (sid !== null && !/^S-1-5-21-/i.test(sid) && !/^S-1-12-1-/i.test(sid)) return;
  const slash = name.lastIndexOf('\\');
  const dom = slash < 0 ? '' : name.slice(0, slash);
  if (dom !== '' && BUILTIN.test(dom)) return;
  if (sid === null && dom !== '' && dom !== '.' && /\s/.test(dom)) return;
  if (dom.toLowerCase() === computer.toLowerCase()) {
    tok.addAccount(name.slice(slash + 1));
    return;
  }
  tok.addAccount(name);
}

function hostOfUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url.includes('://') ? url : `http://${url}`).hostname;
  } catch {
    return null;
  }
}

/** Registers every customer name found in the structured artifacts. */
export function discover(tok: Tokenizer, input: DiscoveryInput): void {
  const { host, texts } = input;
  const computerJson = json(texts, 'commands/computer.json');
  const account = json(texts, 'commands/service-account.json');
  const acct = Array.isArray(account) ? account[0] : account;

  // Domains first, so NetBIOS names can take their numbers.
  if (host.domain) tok.addDomain(host.domain);
  const compDomain = str(psProp(computerJson, 'Domain'));
  if (compDomain) tok.addDomain(compDomain);
  const dn = str(psProp(acct, 'distinguishedName'));
  const dcs = dn ? [...dn.matchAll(/DC=([^,]+)/gi)].map((m) => m[1]!.trim()) : [];
  if (dcs.length > 1) tok.addDomain(dcs.join('.'));

  tok.addHost(host.computerName);
  if (host.dnsHostName) tok.addHost(host.dnsHostName);
  for (const k of ['Name', 'DNSHostName']) {
    const v = str(psProp(computerJson, k));
    if (v) tok.addHost(v);
  }

  const sam = str(psProp(acct, 'sAMAccountName'));
  const upn = str(psProp(acct, 'userPrincipalName'));
  if (sam) tok.addAccount(sam);
  if (upn) tok.addAccount(upn);
  for (const spn of psArray(psProp(acct, 'servicePrincipalName'))) {
    const h = /^[^/]+\/([^:/]+)/.exec(psString(spn) ?? '')?.[1];
    if (h) tok.addHost(h);
  }

  const appHost = get(texts, 'iis/applicationHost.config') ?? '';
  for (const m of appHost.matchAll(/<processModel\b[^>]*\buserName\s*=\s*"([^"]+)"/gi)) {
    const user = m[1]!;
    // The pool account is the one service-account.json describes: its NetBIOS domain is the DN's.
    const [dom, name] = user.includes('\\') ? user.split('\\') : ['', user];
    if (dom && sam && dcs.length > 1 && name?.toLowerCase() === sam.toLowerCase()) {
      tok.addNetbios(dom, dcs.join('.'));
    }
    if (!/^(iusr|)$/i.test(user))
      principal(tok, user.replace(/^\.\\/, ''), null, host.computerName);
  }
  for (const m of appHost.matchAll(/bindingInformation\s*=\s*"[^"]*:\d+:([^"]+)"/gi))
    tok.addHost(m[1]!);

  const mscep = regValue(
    texts,
    'registry/mscep.reg',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo',
    'Configuration',
  );
  const caHost = mscep?.split('\\')[0]?.trim();
  if (caHost) tok.addHost(caHost);
  const proxyKey =
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector\\Proxy';
  const proxyHost = hostOfUrl(
    regValue(texts, 'registry/microsoft-intune.reg', proxyKey, 'ProxyServer'),
  );
  if (proxyHost && !/^[\d.]+$/.test(proxyHost)) tok.addHost(proxyHost, false);
  const proxyUser = regValue(texts, 'registry/microsoft-intune.reg', proxyKey, 'Username');
  if (proxyUser) tok.addAccount(proxyUser);

  const groups = json(texts, 'commands/local-groups.json');
  if (groups && typeof groups === 'object' && !Array.isArray(groups)) {
    for (const members of Object.values(groups)) {
      for (const m of psArray(members)) {
        principal(tok, str(psProp(m, 'Name')), str(psProp(m, 'SID')), host.computerName);
      }
    }
  }
  for (const row of psArray(json(texts, 'certs/index.json'))) {
    for (const a of psArray(psProp(row, 'PrivateKeyAcl'))) {
      principal(tok, str(psProp(a, 'Identity')), str(psProp(a, 'Sid')), host.computerName);
    }
  }
  for (const s of psArray(json(texts, 'commands/services.json'))) {
    const start = str(psProp(s, 'StartName'));
    if (start && start.includes('\\') && !/^\.?\\?localsystem$/i.test(start)) {
      principal(tok, start.replace(/^\.\\/, `${host.computerName}\\`), null, host.computerName);
    } else if (start && start.includes('@')) tok.addAccount(start);
  }

  for (const line of (get(texts, 'commands/setspn-L.txt') ?? '').split(/\r?\n/)) {
    const h = /^\s+[^\s/]+\/([^:/\s]+)/.exec(line)?.[1];
    if (h) tok.addHost(h);
  }
  const netsh = get(texts, 'commands/netsh-http-show-sslcert.txt') ?? '';
  for (const m of netsh.matchAll(/:\s+([A-Za-z][\w-]*(?:\.[\w-]+)+):\d{1,5}\s*$/gm))
    tok.addHost(m[1]!, false);

  for (const x of psArray(json(texts, 'probe/mscep.json'))) {
    const h = hostOfUrl(str(psProp(x, 'url')));
    if (h && !/^[\d.[\]:]+$/.test(h) && h !== 'localhost') tok.addHost(h, false);
  }

  for (const c of input.certs) {
    for (const name of [...c.sanDns, ...(c.subjectCN?.includes('.') ? [c.subjectCN] : [])]) {
      const n = name.replace(/^\*\./, '');
      if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(n) && !/^[\d.]+$/.test(n)) {
        if (name.startsWith('*.')) tok.addDomain(n);
        else tok.addHost(n, false);
      }
    }
    for (const o of c.sanOther) {
      const m = /^(?:upn|email|rfc822Name):(.+@.+)$/i.exec(o);
      if (m) tok.addAccount(m[1]!, false);
    }
  }
}

function regValue(
  texts: Map<string, string>,
  path: string,
  key: string,
  name: string,
): string | null {
  const t = get(texts, path);
  if (!t) return null;
  try {
    const d = findValue(findKey(parseRegFile(t), key), name)?.data;
    return d && (d.type === 'REG_SZ' || d.type === 'REG_EXPAND_SZ') ? d.value.trim() || null : null;
  } catch {
    return null;
  }
}
