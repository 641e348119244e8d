// HRESULTs and Win32 codes seen in NDES event 31, SetupMsi.log, IIS and CAPI2 (CHECKS.md §4.8).
// Only codes in this table are decoded; anything else is shown raw next to the event's own text,
// because a guessed meaning would send the admin the wrong way.
import { findHex8, hex8, parseCode } from './codes';

export interface HresultEntry {
  /** Every numeric form of the code (an HRESULT and its Win32 number, when both are used). */
  codes: readonly number[];
  /** Symbolic name; null when no source gives one. */
  name: string | null;
  /** The Windows message text as quoted by the sources, for display. */
  text?: string;
  /** One English sentence, translated later. */
  meaning: string;
  checkId?: string;
  relatedCheckIds?: readonly string[];
  /** Show as `0x%08X` even though the value is small (an exit code written in hex). */
  hex?: boolean;
  /** The meaning is not confirmed by the research. */
  unverified?: boolean;
}

export interface HresultMeaning {
  /** `0x%08X`, or decimal for a Win32 code (value ≤ 0xFFFF). */
  raw: string;
  name: string | null;
  text?: string;
  meaning: string;
  checkId?: string;
  relatedCheckIds?: readonly string[];
  unverified?: boolean;
}

export const HRESULT_TABLE: readonly HresultEntry[] = [
  {
    codes: [0x80094800],
    name: 'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
    text: 'The requested certificate template is not supported by this CA.',
    meaning: 'The template named in the MSCEP registry is wrong or not published on the CA.',
    checkId: 'mscep-templates-configured',
    relatedCheckIds: ['mscep-templates-published'],
  },
  {
    codes: [0x800706ba, 1722],
    name: 'RPC_S_SERVER_UNAVAILABLE',
    text: 'The RPC server is unavailable.',
    meaning:
      'NDES cannot reach the CA: the CA host is down, Certificate Services is stopped or RPC is blocked.',
    checkId: 'ca-reachable',
  },
  {
    codes: [0x80070057],
    name: 'E_INVALIDARG',
    text: 'The parameter is incorrect.',
    meaning:
      'With NDES events 2 and 10 it means an RA certificate or its private key cannot be used, often because of the key permissions.',
    checkId: 'ra-private-key-readable',
  },
  {
    codes: [0x80070002],
    name: 'ERROR_FILE_NOT_FOUND',
    text: 'The system cannot find the file specified.',
    meaning:
      'With NDES event 2 the MSCEP registry is inconsistent or the policy module failed to start; in SetupMsi.log the IIS site was not found.',
  },
  {
    codes: [0x8009310b],
    name: 'CRYPT_E_ASN1_BADTAG',
    text: 'ASN1 bad tag value met.',
    meaning:
      'A client sent a malformed PKCS#7 message (NDES event 17); the long-URL test produces this on purpose.',
  },
  {
    codes: [0x800b0109],
    name: 'CERT_E_UNTRUSTEDROOT',
    text: 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
    meaning:
      'A certificate chain ends in an untrusted root, typically because an intermediate CA sits in the Trusted Root store or the RA certificates come from another CA.',
    checkId: 'root-store-intermediates',
    relatedCheckIds: ['ra-certificates-issuer'],
  },
  {
    codes: [0x80004005],
    name: 'E_FAIL',
    meaning: 'A generic failure code; the text that comes with it says what actually failed.',
  },
  {
    codes: [0x80072f8f, 12175],
    name: 'ERROR_WINHTTP_SECURE_FAILURE',
    meaning:
      'The TLS connection failed, for example because the server certificate name does not match the host (CERT_CN_INVALID).',
    checkId: 'tls-certificate-valid',
  },
  {
    codes: [0x80090014],
    name: 'NTE_BAD_PROV_TYPE',
    text: 'CryptAcquireContext failed',
    meaning:
      'Connector setup could not use the client certificate key because the certificate was not issued from a version 2 template.',
    checkId: 'connector-setup-succeeded',
  },
  {
    codes: [0x80070005],
    name: 'E_ACCESSDENIED',
    text: 'ADsGetObject failed',
    meaning:
      'The account running connector setup cannot read the NDES service account in Active Directory.',
    checkId: 'connector-setup-succeeded',
  },
  {
    codes: [0x80004003],
    name: 'E_POINTER',
    meaning: 'The legacy connector sign-in failed because the account has no valid Intune license.',
  },
  {
    codes: [0x80094015],
    name: null,
    meaning:
      'A CA-side error listed in the PKCS troubleshooting article; its exact meaning is not confirmed.',
    unverified: true,
  },
  {
    codes: [1346],
    name: 'ERROR_BAD_IMPERSONATION_LEVEL',
    meaning:
      'IIS_IUSRS lacks the "Impersonate a client after authentication" right, so mscep.dll answers 500.',
    checkId: 'iis-iusrs-impersonate-right',
  },
  {
    codes: [1603],
    name: 'ERROR_INSTALL_FAILURE',
    meaning: 'A custom action of the connector installer failed.',
    checkId: 'connector-setup-succeeded',
  },
  {
    codes: [1168],
    name: 'ERROR_NOT_FOUND',
    meaning:
      'ConfigureIISLimits failed but setup reported success, so the IIS request limits may not be set.',
    checkId: 'iis-request-limits',
  },
  {
    codes: [0xc0000005],
    name: 'STATUS_ACCESS_VIOLATION',
    meaning: 'The IIS worker process of the SCEP pool crashed with an access violation.',
    checkId: 'scep-apppool-crashes',
  },
  {
    codes: [0x374],
    name: null,
    meaning:
      'Exit code of the crashed worker process when the certificate registration service cannot write to C:\\Windows\\Temp.',
    checkId: 'scep-apppool-crashes',
    hex: true,
  },
];

/**
 * Decodes `0x80094800`, `-2146875392`, `2148204809`, `1346` and the like; null when the code is
 * not in §4.8 or not a 32-bit number.
 */
export function decodeHresult(code: string | number): HresultMeaning | null {
  const value = parseCode(code);
  if (value === null) return null;
  const e = HRESULT_TABLE.find((row) => row.codes.includes(value));
  if (!e) return null;
  const out: HresultMeaning = {
    raw: value > 0xffff || e.hex ? hex8(value) : String(value),
    name: e.name,
    meaning: e.meaning,
  };
  if (e.text) out.text = e.text;
  if (e.checkId) out.checkId = e.checkId;
  if (e.relatedCheckIds) out.relatedCheckIds = e.relatedCheckIds;
  if (e.unverified) out.unverified = true;
  return out;
}

/** First `0x` + 8 hex digit token in free text (event data, log lines), as `0x%08X`. */
export function findHresult(text: string): string | null {
  return findHex8(text);
}
