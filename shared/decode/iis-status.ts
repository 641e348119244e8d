// What an IIS `sc-status sc-substatus sc-win32-status` triple means on the NDES paths (CHECKS.md
// §4.1). The same status means different things on mscep.dll and on the legacy CRP service, so
// every row names its context. Requests HTTP.sys rejects itself appear only in HTTPERR (§4.2).

export type IisContext = 'mscep' | 'crp-verify' | 'crp-notify' | 'other';

export interface IisStatusEntry {
  /** Request paths the row applies to; `any` for every path. */
  contexts: readonly IisContext[] | 'any';
  status: number;
  /** Omitted: any substatus. */
  substatus?: number;
  /** Omitted: any Win32 code. Unsigned, as IIS writes it. */
  win32?: number;
  /** One English sentence, translated later. */
  meaning: string;
  /** The check that judges this result. */
  checkId?: string;
  /** Further checks the result points to. */
  relatedCheckIds?: readonly string[];
}

export interface IisStatusMeaning {
  /** `status.substatus.win32`, e.g. `500.0.1346`. */
  raw: string;
  meaning: string;
  checkId?: string;
  relatedCheckIds?: readonly string[];
}

const RA_CHECKS = [
  'ra-certificates-present',
  'ra-certificates-valid',
  'ra-certificates-issuer',
  'ra-certificates-csp',
  'ra-private-key-readable',
] as const;

export const IIS_STATUS_TABLE: readonly IisStatusEntry[] = [
  {
    contexts: ['mscep'],
    status: 200,
    substatus: 0,
    win32: 0,
    meaning:
      'The request reached mscep.dll and got an answer; for PKIOperation this proves only the transport, because a SCEP failure (pkiStatus 2) is also sent with status 200.',
  },
  {
    contexts: ['mscep'],
    status: 403,
    substatus: 0,
    meaning:
      'Forbidden on the bare endpoint is the expected answer once the Intune policy module is loaded.',
    checkId: 'mscep-endpoint-403',
  },
  {
    contexts: ['mscep'],
    status: 500,
    substatus: 0,
    win32: 1346,
    meaning:
      'Win32 error 1346 (ERROR_BAD_IMPERSONATION_LEVEL) means IIS_IUSRS lacks the "Impersonate a client after authentication" right.',
    checkId: 'mscep-impersonation-500',
  },
  {
    contexts: ['mscep'],
    status: 500,
    meaning:
      'mscep.dll failed inside NDES, typically because the service account is locked or its password expired, or because the RA certificates are expired, missing or unreadable.',
    checkId: 'service-account-enabled',
    relatedCheckIds: RA_CHECKS,
  },
  {
    contexts: ['mscep'],
    status: 503,
    meaning:
      'The SCEP application pool is stopped or has crashed; HTTPERR often shows it as AppOffline or Disabled.',
    checkId: 'scep-apppool-running',
  },
  {
    contexts: ['mscep'],
    status: 401,
    meaning: 'Anonymous authentication is turned off for the mscep application.',
    checkId: 'mscep-anonymous-auth',
  },
  {
    contexts: ['mscep'],
    status: 404,
    substatus: 0,
    meaning: 'The /CertSrv/mscep application or its application-pool mapping is missing.',
    checkId: 'scep-apppool-identity',
  },
  {
    contexts: ['mscep'],
    status: 404,
    substatus: 14,
    meaning: 'The URL is longer than the IIS request-filtering maxUrl limit.',
    checkId: 'iis-request-limits',
  },
  {
    contexts: ['mscep'],
    status: 404,
    substatus: 15,
    meaning: 'The query string is longer than the IIS request-filtering maxQueryString limit.',
    checkId: 'iis-request-limits',
  },
  {
    contexts: 'any',
    status: 414,
    meaning:
      'Request-URI Too Long: the URL exceeded a length limit of the browser, HTTP.sys or a proxy.',
    checkId: 'mscep-long-url-rejected',
  },
  {
    contexts: 'any',
    status: 400,
    meaning:
      'Bad Request; when HTTPERR shows FieldLength or RequestLength at the same time, an HTTP.sys size limit was hit.',
    checkId: 'httpsys-max-field-length',
    relatedCheckIds: ['httpsys-max-request-bytes'],
  },
  {
    contexts: ['crp-verify'],
    status: 201,
    substatus: 0,
    win32: 0,
    meaning: 'The legacy connector verified the device challenge successfully.',
  },
  {
    contexts: ['crp-verify'],
    status: 403,
    substatus: 16,
    win32: 2148204809,
    meaning:
      'The client certificate is not trusted (0x800B0109 CERT_E_UNTRUSTEDROOT), usually because an intermediate CA certificate sits in the Trusted Root store.',
    checkId: 'root-store-intermediates',
  },
  {
    contexts: ['crp-verify'],
    status: 403,
    meaning:
      'The certificate registration service refused the policy module, typically because the NDESPolicy certificate lacks the Client Authentication EKU.',
    checkId: 'connector-client-cert-valid',
  },
  {
    contexts: ['crp-verify'],
    status: 500,
    substatus: 0,
    win32: 0,
    meaning:
      'The certificate registration service failed, typically because it cannot write to C:\\Windows\\Temp.',
    checkId: 'scep-apppool-crashes',
  },
  {
    contexts: ['crp-notify'],
    status: 204,
    substatus: 0,
    win32: 0,
    meaning: 'The legacy connector reported the issued certificate to Intune successfully.',
    checkId: 'connector-notify-failures',
  },
];

function specificity(e: IisStatusEntry): number {
  return (
    (e.substatus !== undefined ? 2 : 0) +
    (e.win32 !== undefined ? 2 : 0) +
    (e.contexts !== 'any' ? 1 : 0)
  );
}

/**
 * Meaning of an IIS result on a request of `context`, from the most specific matching row;
 * null when §4.1 has no row for it. `win32` may be given signed; it is read as unsigned.
 */
export function decodeIisStatus(
  status: number,
  substatus: number,
  win32: number,
  context: IisContext,
): IisStatusMeaning | null {
  const w = win32 >>> 0;
  let best: IisStatusEntry | null = null;
  for (const e of IIS_STATUS_TABLE) {
    if (e.status !== status) continue;
    if (e.contexts !== 'any' && !e.contexts.includes(context)) continue;
    if (e.substatus !== undefined && e.substatus !== substatus) continue;
    if (e.win32 !== undefined && e.win32 !== w) continue;
    if (!best || specificity(e) > specificity(best)) best = e;
  }
  if (!best) return null;
  const out: IisStatusMeaning = { raw: `${status}.${substatus}.${w}`, meaning: best.meaning };
  if (best.checkId) out.checkId = best.checkId;
  if (best.relatedCheckIds) out.relatedCheckIds = best.relatedCheckIds;
  return out;
}
