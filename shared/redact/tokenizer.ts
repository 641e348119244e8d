// Consistent pseudonyms for one export (BUNDLE-FORMAT.md, Redaction): a host, domain, account, UPN,
// IP or SID becomes the same token in every file, whatever its case, so the rules that compare
// names across files (FQDN vs TLS SAN, CAInfo host vs this host, service account vs ACLs) agree.
import { isPublicDomain, PROTECTED_WORDS, TWO_LABEL_SUFFIXES, WELL_KNOWN_ACCOUNTS } from './names';
import { buildScanner, type Scanner } from './scan';
import { AddressTokens } from './addresses';

export type TokenClass = 'hostnames' | 'domains' | 'upn' | 'accounts' | 'ip' | 'sid';

/** One original value and its token, for the admin's own mapping file. */
export interface TokenMapping {
  class: TokenClass;
  original: string;
  token: string;
}

/** Upper-case token for an all-upper original (`NDES01` -> `HOST-1`), lower-case otherwise. */
export function caseLike(original: string, token: string): string {
  return /[A-Z]/.test(original) && !/[a-z]/.test(original) ? token.toUpperCase() : token;
}

/** The tokenizer of one export: mappings grow as values are discovered, never change. */
export class Tokenizer {
  private readonly hosts = new Map<string, number>();
  private readonly domains = new Map<string, number>();
  private readonly netbios = new Map<string, number>();
  private readonly accounts = new Map<string, number>();
  private readonly users = new Map<string, number>();
  /** Lower-case names matched as whole words in free text, with what they are. */
  private readonly words = new Map<string, 'host' | 'netbios' | 'account'>();
  private nextDomain = 1;
  private scanner: Scanner | null = null;
  private readonly addresses = new AddressTokens(
    (m) => this.mappings.push(m),
    (c) => this.counts[c]++,
  );
  /** Every assignment, in order (for the mapping file). */
  readonly mappings: TokenMapping[] = [];
  /** Replacements made per class. */
  readonly counts: Record<TokenClass, number> = {
    hostnames: 0,
    domains: 0,
    upn: 0,
    accounts: 0,
    ip: 0,
    sid: 0,
  };

  // ---- discovery ------------------------------------------------------------------------

  /** A DNS domain (and its parents, down to two labels) of the customer. */
  addDomain(name: string): boolean {
    const d = name.trim().toLowerCase().replace(/\.$/, '');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d) || /^[\d.]+$/.test(d) || isPublicDomain(d)) {
      return false;
    }
    if (TWO_LABEL_SUFFIXES.has(d)) return false;
    if (!this.domains.has(d)) {
      const n = this.nextDomain++;
      this.domains.set(d, n);
      this.mappings.push({ class: 'domains', original: d, token: `domain-${n}.example` });
      this.scanner = null;
    }
    const parent = d.slice(d.indexOf('.') + 1);
    if (parent.includes('.')) this.addDomain(parent);
    return true;
  }

  /** A host, short (`NDES01`) or FQDN; `word` also matches the short name alone in free text. */
  addHost(name: string, word = true): void {
    const n = name.trim().toLowerCase().replace(/\.$/, '');
    if (n === '' || /^[\d.]+$/.test(n) || n.includes(':')) return;
    const dot = n.indexOf('.');
    const label = dot < 0 ? n : n.slice(0, dot);
    if (dot >= 0 && !this.addDomain(n.slice(dot + 1))) return;
    this.hostNumber(label, label);
    if (word) this.addWord(label, 'host');
  }

  /**
   * A NetBIOS domain name (`CORP` of `CORP\svc-ndes`), numbered like its DNS domain: `dnsDomain`
   * when the caller knows it, else a domain with that label.
   */
  addNetbios(name: string, dnsDomain?: string): void {
    const n = name.trim().toLowerCase();
    if (n === '' || n === '.' || PROTECTED_WORDS.has(n) || this.netbios.has(n)) return;
    if (this.hosts.has(n) && this.words.get(n) === 'host') return;
    const known = dnsDomain ? this.domains.get(dnsDomain.toLowerCase()) : undefined;
    const linked = [...this.domains].find(([d]) => d.split('.').includes(n));
    const num = known ?? (linked ? linked[1] : this.nextDomain++);
    this.netbios.set(n, num);
    this.mappings.push({ class: 'domains', original: name.trim(), token: `DOMAIN-${num}` });
    this.addWord(n, 'netbios');
  }

  /** An account (`svc-ndes`, `DOMAIN\svc-ndes`, `svc-ndes@corp.contoso.com`). */
  addAccount(name: string, word = true): void {
    const raw = name.trim();
    const at = raw.indexOf('@');
    if (at > 0) {
      this.addDomain(raw.slice(at + 1));
      return this.addAccount(raw.slice(0, at), word);
    }
    const slash = raw.lastIndexOf('\\');
    if (slash >= 0) {
      const dom = raw.slice(0, slash);
      if (dom.includes('.')) this.addDomain(dom);
      else if (dom !== '.' && !this.isHostWord(dom)) this.addNetbios(dom);
    }
    const sam = raw.slice(slash + 1).replace(/\$$/, '');
    const key = sam.toLowerCase();
    if (key === '' || WELL_KNOWN_ACCOUNTS.has(key) || this.isHostWord(key)) return;
    this.accountNumber(key, sam);
    if (word) this.addWord(key, 'account');
  }

  private isHostWord(name: string): boolean {
    return this.words.get(name.toLowerCase()) === 'host';
  }

  private addWord(lower: string, kind: 'host' | 'netbios' | 'account'): void {
    if (lower.length < 3 || PROTECTED_WORDS.has(lower) || /^\d+$/.test(lower)) return;
    if (this.words.has(lower)) return;
    this.words.set(lower, kind);
    this.scanner = null;
  }

  private hostNumber(label: string, original: string): number {
    let n = this.hosts.get(label);
    if (n === undefined) {
      n = this.hosts.size + 1;
      this.hosts.set(label, n);
      this.mappings.push({ class: 'hostnames', original, token: `host-${n}` });
    }
    return n;
  }

  private accountNumber(key: string, original: string): number {
    let n = this.accounts.get(key);
    if (n === undefined) {
      n = this.accounts.size + 1;
      this.accounts.set(key, n);
      this.mappings.push({ class: 'accounts', original, token: `account-${n}` });
    }
    return n;
  }

  // ---- tokens -----------------------------------------------------------------------------

  /** Token of a host label (`ndes01` -> `host-1`), in the original's case. */
  host(label: string): string {
    this.counts.hostnames++;
    return caseLike(label, `host-${this.hostNumber(label.toLowerCase(), label)}`);
  }

  /** Token of a known domain, or null. */
  domain(name: string): string | null {
    const n = this.domains.get(name.toLowerCase());
    if (n === undefined) return null;
    this.counts.domains++;
    return caseLike(name, `domain-${n}.example`);
  }

  /**
   * A DNS name under a known domain: the longest known suffix becomes its domain token, the first
   * label a host token, labels in between a sub-domain. Null when no suffix is known.
   */
  dns(name: string): string | null {
    const labels = name.split('.');
    const lower = name.toLowerCase().split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const suffix = lower.slice(i).join('.');
      if (!this.domains.has(suffix)) continue;
      const domainText = labels.slice(i).join('.');
      if (i === 0) return this.domain(domainText);
      if (i > 1) this.addDomain(lower.slice(1).join('.'));
      const dom = this.domain(labels.slice(1).join('.')) ?? this.domain(domainText);
      return `${this.host(labels[0]!)}.${dom}`;
    }
    return null;
  }

  /** Token of an account name (`svc-ndes` -> `account-1`); trailing `$` kept (gMSA, machine). */
  account(name: string): string {
    const dollar = name.endsWith('$') ? '$' : '';
    const sam = dollar ? name.slice(0, -1) : name;
    const key = sam.toLowerCase();
    if (key === '' || WELL_KNOWN_ACCOUNTS.has(key)) return name;
    if (this.hosts.has(key) && this.words.get(key) === 'host') return this.host(sam) + dollar;
    this.counts.accounts++;
    return caseLike(sam, `account-${this.accountNumber(key, sam)}`) + dollar;
  }

  /** Token of a NetBIOS domain name, or null when it is not known. */
  netbiosName(name: string): string | null {
    const n = this.netbios.get(name.toLowerCase());
    if (n === undefined) return null;
    this.counts.domains++;
    return caseLike(name, `DOMAIN-${n}`);
  }

  /** `local@domain`: a known account keeps its account token, anyone else becomes `user-N`. */
  upn(local: string, domain: string): string | null {
    const d = domain.toLowerCase();
    if (isPublicDomain(d)) return null;
    if (!this.domains.has(d) && !this.addDomain(d)) return null;
    const dom = this.domain(domain) ?? domain;
    const key = local.toLowerCase();
    if (this.accounts.has(key)) return `${this.account(local)}@${dom}`;
    let n = this.users.get(key);
    if (n === undefined) {
      n = this.users.size + 1;
      this.users.set(key, n);
      this.mappings.push({ class: 'upn', original: `${local}@${domain}`, token: `user-${n}` });
    }
    this.counts.upn++;
    return `${caseLike(local, `user-${n}`)}@${dom}`;
  }

  /** IPv4 → documentation ranges (RFC 5737); see addresses.ts. */
  ipv4(ip: string): string {
    return this.addresses.ipv4(ip);
  }

  /** IPv6 → 2001:db8::/32 (RFC 3849); see addresses.ts. */
  ipv6(ip: string): string {
    return this.addresses.ipv6(ip);
  }

  /** Domain, machine and Azure AD SIDs; see addresses.ts. */
  sid(sid: string): string {
    return this.addresses.sid(sid);
  }

  // ---- free text ----------------------------------------------------------------------------

  /** Lower-case known names for the scanner. */
  knownNames(): {
    netbios: string[];
    hostWords: string[];
    domains: string[];
    words: string[];
  } {
    const hostWords = [...this.words].filter(([, k]) => k === 'host').map(([w]) => w);
    return {
      netbios: [...this.netbios.keys()],
      hostWords,
      domains: [...this.domains.keys()],
      words: [...this.words.keys()],
    };
  }

  /** True for a label of a customer domain that is not a top-level label (`northwindtraders`). */
  isDomainLabel(text: string): boolean {
    const l = text.toLowerCase();
    if (l.length < 4) return false;
    for (const d of this.domains.keys()) {
      const labels = d.split('.');
      if (labels.slice(0, -1).includes(l)) return true;
    }
    return false;
  }

  /** Kind of a free-text word, when it is one. */
  wordKind(lower: string): 'host' | 'netbios' | 'account' | undefined {
    return this.words.get(lower);
  }

  /** Replaces every identity in `text`; returns `text` itself when nothing changed. */
  text(text: string): string {
    if (text.length === 0) return text;
    this.scanner ??= buildScanner(this);
    const out = this.scanner(text);
    return out === text ? text : out;
  }

  /** True when `text` names something this tokenizer would replace. */
  containsIdentity(text: string): boolean {
    const before = { ...this.counts };
    const changed = this.text(text) !== text;
    Object.assign(this.counts, before);
    return changed;
  }
}
