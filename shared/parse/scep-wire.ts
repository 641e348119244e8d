// SCEP wire text (RFC 8894): the GetCACaps body the probe captured, and SCEP request URLs found in
// device or connector logs. NDES may answer GetCACaps without the expected Content-Type (jscep #49),
// so the body is read on its own; the advertised list decides AES / POST / SHA-256 support (AF §8).

/** A SCEP keyword: letters, digits, `-`, `_`, `.` (e.g. `SHA-256`, `POSTPKIOperation`). */
const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Capabilities of a GetCACaps body, one per line (CRLF or LF), trimmed, in order, case kept.
 * Lines that cannot be keywords (an HTML error page, prose) are dropped, so an error body
 * yields few or no capabilities rather than bogus ones.
 */
export function parseGetCaCaps(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => KEYWORD.test(l));
}

/** RFC 8894 §3.5.2: clients compare capability keywords case-insensitively. */
export function hasCapability(caps: readonly string[], keyword: string): boolean {
  const k = keyword.toLowerCase();
  return caps.some((c) => c.toLowerCase() === k);
}

export interface ScepRequest {
  /** The URL as written in the log. */
  url: string;
  /** Path part, e.g. `/certsrv/mscep/mscep.dll`. */
  path: string;
  /** `operation=` value as written (GetCACert, GetCACaps, PKIOperation, …). */
  operation: string;
  /** Percent-decoded `message=` value, or null when absent. PKIOperation carries base64 here. */
  message: string | null;
  /** 1-based line of the text where the URL was found. */
  line: number;
}

function queryParam(query: string, name: string): string | null {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).toLowerCase() !== name) continue;
    const raw = part.slice(eq + 1);
    // Not form decoding: iOS leaves base64 `+` unescaped, and it must stay `+`.
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** Parses one SCEP URL (absolute, or a path with query); null when it has no `operation=`. */
export function parseScepUrl(url: string, line = 1): ScepRequest | null {
  const noScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const q = noScheme.indexOf('?');
  if (q < 0) return null;
  const query = noScheme.slice(q + 1).split('#')[0] ?? '';
  const operation = queryParam(query, 'operation');
  if (!operation) return null;
  return {
    url,
    path: noScheme.slice(0, q),
    operation,
    message: queryParam(query, 'message'),
    line,
  };
}

/** Every SCEP request URL (a path containing `mscep`, with `operation=`) in free text, in order. */
export function findScepRequests(text: string): ScepRequest[] {
  const out: ScepRequest[] = [];
  text.split(/\r\n|\n|\r/).forEach((lineText, i) => {
    for (const m of lineText.matchAll(/https?:\/\/[^\s\\"']+/gi)) {
      // Prose wraps URLs in parentheses or ends a sentence after them; base64 never ends so.
      const url = m[0].replace(/[),.;\]>]+$/, '');
      if (!/\/mscep/i.test(url)) continue;
      const req = parseScepUrl(url, i + 1);
      if (req) out.push(req);
    }
  });
  return out;
}
