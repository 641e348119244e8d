// Reads `setspn -L <account>`: the SPNs of the NDES app pool account. Kerberos to the SCEP site
// needs HTTP/<ndes fqdn> on that account (Microsoft's Validate-NDESConfiguration.ps1 checks it).
// Header "Registered ServicePrincipalNames for <DN>:" (the DN is recognised in localized headers
// too), then one tab-indented SPN per line. Empty text gives []; binary content throws ParseError.
import { commandLines } from './command-text';

export interface SetspnAccount {
  /** Distinguished name from the header; null when the header carries none. */
  account: string | null;
  spns: string[];
  /** 1-based line of the header. */
  line: number;
}

const ENGLISH = /^Registered ServicePrincipalNames for (.*):\s*$/i;
const DN_START = /\b(?:CN|OU|DC)=/i;

export function parseSetspn(text: string): SetspnAccount[] {
  const out: SetspnAccount[] = [];
  let current: SetspnAccount | null = null;
  commandLines(text, 'setspn -L').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line === '') return;
    if (/^\s/.test(line)) {
      current?.spns.push(line.trim());
      return;
    }
    current = null;
    if (!line.endsWith(':')) return;
    const english = ENGLISH.exec(line);
    const dnAt = line.search(DN_START);
    if (!english && dnAt < 0) return;
    const account = english ? (english[1] ?? '').trim() : line.slice(dnAt, -1).trim();
    current = { account: account === '' ? null : account, spns: [], line: i + 1 };
    out.push(current);
  });
  return out;
}
