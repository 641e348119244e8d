// The free-text scanner behind Tokenizer.text(): one regular expression finds SIDs, UPNs, LDAP
// DNs, DOMAIN\account names, IPv4/IPv6 addresses, DNS names and the known short names in a single
// left-to-right pass, so a replaced value is never looked at twice.
import type { Tokenizer } from './tokenizer';
import { WELL_KNOWN_ACCOUNTS } from './names';

export type Scanner = (text: string) => string;

const SID = String.raw`\bS-1-(?:5-21(?:-\d{1,10}){3,4}|12-1(?:-\d{1,10}){4})\b`;
const EMAIL = String.raw`(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])`;
const DN = String.raw`\bDC=[A-Za-z0-9-]+(?:\s*,\s*DC=[A-Za-z0-9-]+)*(?![\w-])`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IP4 = String.raw`(?<![\d.])(?:${OCTET}\.){3}${OCTET}(?!\d|\.\d)`;
const IP6 = String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[\w.]+)?(?![\w:.])`;
const DNS = String.raw`(?<![\w.-])(?:\*\.)?[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})+(?![\w-]|\.[A-Za-z0-9])`;
/** Account names: no spaces (multi-word names are matched as known names). */
const SAM = String.raw`[^\s\\/:*?"'<>|,;=+\[\]@()]{1,64}`;
const NEVER = '(?!)';

const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

/** True for a syntactically complete IPv6 address (zone index allowed). */
export function isIpv6(s: string): boolean {
  const addr = s.split('%')[0] ?? '';
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const g = halves.length === 2 ? [...groups(halves[0]!), ...groups(halves[1]!)] : groups(addr);
  if (!g.every((x) => IPV6_GROUP.test(x))) return false;
  return halves.length === 2 ? g.length <= 7 : g.length === 8;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(names: string[]): string {
  if (names.length === 0) return NEVER;
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
}

/** Builds the scanner for the names the tokenizer knows now (rebuilt when it learns more). */
export function buildScanner(tok: Tokenizer): Scanner {
  const known = tok.knownNames();
  const prefixes = alternation([...known.netbios, ...known.hostWords, ...known.domains]);
  const multiWord = alternation(
    [...known.words, ...WELL_KNOWN_ACCOUNTS].filter((w) => /\s/.test(w)),
  );
  const acct =
    prefixes === NEVER
      ? NEVER
      : String.raw`(?<![\w.-])(?:${prefixes})\\{1,2}(?:(?:${multiWord})(?![\w-])|${SAM})`;
  const word = String.raw`(?<![A-Za-z0-9_])(?:${alternation(known.words)})(?![A-Za-z0-9_])`;
  const re = new RegExp(
    `(${SID})|(${EMAIL})|(${DN})|(${acct})|(${IP4})|(${IP6})|(${DNS})|(${word})`,
    'gi',
  );
  return (text) =>
    text.replace(
      re,
      (
        m: string,
        sid?: string,
        email?: string,
        dn?: string,
        ac?: string,
        v4?: string,
        v6?: string,
        dns?: string,
      ) => {
        if (sid) return tok.sid(m);
        if (email) return upn(tok, m);
        if (dn) return dnDomain(tok, m);
        if (ac) return account(tok, m);
        if (v4) return tok.ipv4(m);
        if (v6) return isIpv6(m) ? tok.ipv6(m) : m;
        if (dns) return dnsName(tok, m);
        return wordToken(tok, m);
      },
    );
}

function upn(tok: Tokenizer, m: string): string {
  const at = m.lastIndexOf('@');
  return tok.upn(m.slice(0, at), m.slice(at + 1)) ?? m;
}

/** `DC=corp,DC=contoso,DC=com` -> `DC=domain-1,DC=example`, keeping the separator style. */
function dnDomain(tok: Tokenizer, m: string): string {
  const parts = m.split(/(\s*,\s*)/);
  const values = parts.filter((_, i) => i % 2 === 0).map((p) => p.slice(3).trim());
  const sep = parts[1] ?? ',';
  if (values.length < 2) return m;
  // @peculiar/x509 prints RDNs in DER order, so `DC=com, DC=contoso, DC=corp` is common too.
  const forward = values.join('.');
  const backward = [...values].reverse().join('.');
  const reversed =
    tok.domain(forward) === null &&
    (tok.domain(backward) !== null || (TLD.test(values[0]!) && !TLD.test(values.at(-1)!)));
  const name = reversed ? backward : forward;
  const token = tok.domain(name) ?? (tok.addDomain(name) ? tok.domain(name) : null);
  if (!token) return m;
  const key = m.slice(0, 2);
  const labels = token.split('.');
  return (reversed ? labels.reverse() : labels).map((l) => `${key}=${l}`).join(sep);
}

/** Labels that end a DNS name (generic TLDs, AD pseudo-TLDs, country codes). */
const TLD = /^(com|net|org|edu|gov|mil|int|info|biz|local|lan|corp|internal|intra|ad|[a-z]{2})$/i;

/** `CORP\svc-ndes` -> `DOMAIN-1\account-1`; `NDES01\Administrator` -> `HOST-1\Administrator`. */
function account(tok: Tokenizer, m: string): string {
  const slash = m.indexOf('\\');
  const dom = m.slice(0, slash);
  const seps = /^\\+/.exec(m.slice(slash))?.[0] ?? '\\';
  let name = m.slice(slash + seps.length);
  let trail = '';
  const dots = /\.+$/.exec(name);
  if (dots) {
    trail = dots[0];
    name = name.slice(0, -trail.length);
  }
  const lower = dom.toLowerCase();
  const domToken =
    tok.netbiosName(dom) ??
    (tok.wordKind(lower) === 'host' ? tok.host(dom) : null) ??
    tok.dns(dom) ??
    dom;
  return `${domToken}${seps}${name === '' ? '' : tok.account(name)}${trail}`;
}

function dnsName(tok: Tokenizer, m: string): string {
  const wild = m.startsWith('*.') ? '*.' : '';
  const name = wild ? m.slice(2) : m;
  const t = tok.dns(name);
  if (t !== null) return wild + t;
  // Not under a known domain: still replace labels that are known names (`NDES01.local`).
  // Not under a known domain: known names inside it still go (`NDES01.local`, `backup-NDES01.pfx`).
  const labels = name.split('.');
  let changed = false;
  const out = labels.map((l) => {
    const t = tok.wordKind(l.toLowerCase()) === undefined ? tok.text(l) : wordToken(tok, l);
    if (t !== l) changed = true;
    return t;
  });
  return changed ? wild + out.join('.') : m;
}

function wordToken(tok: Tokenizer, m: string): string {
  switch (tok.wordKind(m.toLowerCase())) {
    case 'host':
      return tok.host(m);
    case 'netbios':
      return tok.netbiosName(m) ?? m;
    case 'account':
      return tok.account(m);
    default:
      return m;
  }
}
