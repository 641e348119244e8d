// What an HTTPERR `s-reason` means for NDES (CHECKS.md §4.2, X-HTTPERR). HTTP.sys logs there the
// requests it rejects before IIS sees them (size limits, pool down), so they never reach u_ex logs.

export interface HttpErrReasonEntry {
  /** Reason names as HTTP.sys writes them; a trailing `*` matches a prefix (`Timer_*`). */
  reasons: readonly string[];
  /** One English sentence, translated later. */
  meaning: string;
  /** The check this reason feeds. */
  checkId?: string;
  /** The check shows the reason in its details only; it does not decide the status. */
  detailsOnly: boolean;
  /** The research lists the reason without a definition; the meaning is read from its name. */
  fromName: boolean;
}

export interface HttpErrReasonMeaning {
  /** The reason as given. */
  reason: string;
  meaning: string;
  checkId?: string;
  detailsOnly: boolean;
  fromName: boolean;
}

export const HTTPERR_REASON_TABLE: readonly HttpErrReasonEntry[] = [
  {
    reasons: ['FieldLength'],
    meaning: 'A request header field was longer than the HTTP.sys MaxFieldLength limit.',
    checkId: 'httpsys-max-field-length',
    detailsOnly: false,
    fromName: false,
  },
  {
    reasons: ['RequestLength'],
    meaning: 'The request was larger than the HTTP.sys MaxRequestBytes limit.',
    checkId: 'httpsys-max-request-bytes',
    detailsOnly: false,
    fromName: false,
  },
  {
    // ndes-checks names `URL`, the artifact-formats sample shows `URL_Length`: accept both.
    reasons: ['URL', 'URL_Length'],
    meaning: 'HTTP.sys rejected the URL, usually because it was too long.',
    checkId: 'mscep-long-url-rejected',
    detailsOnly: false,
    fromName: false,
  },
  {
    reasons: ['AppOffline', 'Disabled'],
    meaning: 'The application pool was down or disabled, so HTTP.sys answered 503.',
    checkId: 'scep-apppool-running',
    detailsOnly: false,
    fromName: false,
  },
  {
    reasons: ['QueueFull'],
    meaning: 'The request queue of the application pool was full.',
    checkId: 'scep-apppool-running',
    detailsOnly: true,
    fromName: true,
  },
  {
    reasons: ['Connection_Abandoned_By_AppPool', 'Connection_Abandoned_By_ReqQueue'],
    meaning: 'The worker process dropped the connection before it answered.',
    checkId: 'scep-apppool-crashes',
    detailsOnly: true,
    fromName: true,
  },
  {
    reasons: ['BadRequest', 'Header', 'Verb'],
    meaning: 'HTTP.sys rejected a malformed request.',
    detailsOnly: true,
    fromName: true,
  },
  {
    reasons: ['Timer_*'],
    meaning: 'An HTTP.sys connection timer expired, for example on an idle connection.',
    detailsOnly: true,
    fromName: true,
  },
  {
    reasons: ['ConnLimit'],
    meaning: 'HTTP.sys refused the connection because a connection limit was reached.',
    detailsOnly: true,
    fromName: true,
  },
];

function matches(pattern: string, reason: string): boolean {
  const p = pattern.toLowerCase();
  const r = reason.toLowerCase();
  return p.endsWith('*') ? r.startsWith(p.slice(0, -1)) && r.length > p.length - 1 : p === r;
}

/** Meaning of an HTTPERR `s-reason` (case-insensitive); null when §4.2 does not list it. */
export function decodeHttpErrReason(reason: string): HttpErrReasonMeaning | null {
  const r = reason.trim();
  const e = HTTPERR_REASON_TABLE.find((row) => row.reasons.some((p) => matches(p, r)));
  if (!e) return null;
  const out: HttpErrReasonMeaning = {
    reason: r,
    meaning: e.meaning,
    detailsOnly: e.detailsOnly,
    fromName: e.fromName,
  };
  if (e.checkId) out.checkId = e.checkId;
  return out;
}
