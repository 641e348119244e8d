// Addresses and SIDs of the tokenizer: IPv4 to the RFC 5737 documentation ranges, IPv6 to
// 2001:db8::/32 (RFC 3849), domain and machine SIDs to S-1-5-21-0-0-<n>-<rid> keeping the RIDs
// below 1000 that rules look for (500 Administrator, 512 Domain Admins, …).
import type { TokenClass, TokenMapping } from './tokenizer';

export class AddressTokens {
  private readonly ipv4s = new Map<string, string>();
  private readonly ipv6s = new Map<string, string>();
  private readonly sidDomains = new Map<string, number>();
  private readonly sidRids = new Map<string, number>();

  constructor(
    private readonly record: (m: TokenMapping) => void,
    private readonly count: (c: TokenClass) => void,
  ) {}

  /** IPv4 → documentation ranges (RFC 5737), then 240/4; loopback, 0/8, multicast kept. */
  ipv4(ip: string): string {
    const o = ip.split('.').map(Number);
    const first = o[0] ?? 0;
    const last = o[3] ?? 0;
    if (first === 0 || first === 127 || first >= 224 || last === 0 || last === 255) return ip;
    let t = this.ipv4s.get(ip);
    if (t === undefined) {
      const n = this.ipv4s.size;
      if (n < 254) t = `192.0.2.${n + 1}`;
      else if (n < 508) t = `198.51.100.${n - 253}`;
      else if (n < 762) t = `203.0.113.${n - 507}`;
      else {
        // Reserved 240/4 (never routed) once the three documentation /24s are used up.
        const k = n - 762;
        const host = (k % 254) + 1;
        const net = Math.floor(k / 254);
        t = `240.${Math.floor(net / 256) & 255}.${net % 256}.${host}`;
      }
      this.ipv4s.set(ip, t);
      this.record({ class: 'ip', original: ip, token: t });
    }
    this.count('ip');
    return t;
  }

  /** IPv6 → 2001:db8::/32 (RFC 3849), zone index kept; `::` and `::1` kept. */
  ipv6(ip: string): string {
    const pct = ip.indexOf('%');
    const addr = (pct < 0 ? ip : ip.slice(0, pct)).toLowerCase();
    const zone = pct < 0 ? '' : ip.slice(pct);
    if (addr === '::' || addr === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(addr)) return ip;
    let t = this.ipv6s.get(addr);
    if (t === undefined) {
      t = `2001:db8::${(this.ipv6s.size + 1).toString(16)}`;
      this.ipv6s.set(addr, t);
      this.record({ class: 'ip', original: addr, token: t });
    }
    this.count('ip');
    return t + zone;
  }

  /**
   * Domain and machine SIDs → S-1-5-21-0-0-<n>-<rid>: RIDs below 1000 (Administrator 500, Domain
   * Admins 512, …) are kept so membership rules still see them; higher RIDs are renumbered.
   * Azure AD SIDs (S-1-12-1-…) are renumbered whole. Well-known SIDs never reach here.
   */
  sid(sid: string): string {
    const parts = sid.split('-');
    const prefix = parts.slice(0, 4).join('-');
    if (parts[2] === '12') {
      const key = sid.toUpperCase();
      let n = this.sidRids.get(key);
      if (n === undefined) {
        n = this.sidRids.size + 1000;
        this.sidRids.set(key, n);
        this.record({ class: 'sid', original: sid, token: `${prefix}-0-0-0-${n}` });
      }
      this.count('sid');
      return `${prefix}-0-0-0-${n}`;
    }
    const dom = parts.slice(4, 7).join('-');
    let k = this.sidDomains.get(dom);
    if (k === undefined) {
      k = this.sidDomains.size + 1;
      this.sidDomains.set(dom, k);
      this.record({ class: 'sid', original: `S-1-5-21-${dom}`, token: `S-1-5-21-0-0-${k}` });
    }
    this.count('sid');
    const ridText = parts[7];
    if (ridText === undefined) return `${prefix}-0-0-${k}`;
    let rid = Number(ridText);
    if (rid >= 1000) {
      const key = sid.toUpperCase();
      let r = this.sidRids.get(key);
      if (r === undefined) {
        r = this.sidRids.size + 1000;
        this.sidRids.set(key, r);
        this.record({ class: 'sid', original: sid, token: `${prefix}-0-0-${k}-${r}` });
      }
      rid = r;
    }
    return `${prefix}-0-0-${k}-${rid}`;
  }
}
