// Intune connector events: the legacy "Microsoft Intune Connector" log with its diagnostic codes
// (CHECKS.md §4.3, §4.4, from SEED-CFG / S-EVENTS); the current connector's channels (§4.5) live in
// connector-events-current.ts and are re-exported here so callers have one module.
import { findHex8, hex8, parseCode } from './codes';

export {
  CONNECTOR_CHANNEL_PREFIX,
  CONNECTOR_EVENT_TABLE,
  connectorChannel,
  decodeConnectorEvent,
} from './connector-events-current';
export type { ConnectorChannel, ConnectorEvent } from './connector-events-current';

export const LEGACY_CONNECTOR_LOG = 'Microsoft Intune Connector';

export interface LegacyConnectorEvent {
  id: number;
  name: string;
  /** One English sentence, translated later. */
  meaning: string;
  /** Diagnostic codes the event can carry (§4.4). */
  codes: readonly string[];
  /** A `*_Failure` ID: connector-event-errors counts it whatever its Level. */
  failure: boolean;
  checkId?: string;
}

const OK = ['0x00000000', '0x0FFFFFFF'] as const;

function legacy(
  id: number,
  name: string,
  meaning: string,
  extraCodes: readonly string[] = [],
  checkId?: string,
): LegacyConnectorEvent {
  const failure = name.endsWith('_Failure');
  const row: LegacyConnectorEvent = {
    id,
    name,
    meaning,
    codes: [OK[0], ...extraCodes, OK[1]],
    failure,
  };
  const check = checkId ?? (failure ? 'connector-event-errors' : undefined);
  if (check) row.checkId = check;
  return row;
}

export const LEGACY_CONNECTOR_EVENT_TABLE: readonly LegacyConnectorEvent[] = [
  legacy(10010, 'StartedConnectorService', 'The connector service started.'),
  legacy(10020, 'StoppedConnectorService', 'The connector service stopped.'),
  legacy(
    10100,
    'CertificateRenewal_Success',
    "The connector's enrollment certificate was renewed.",
  ),
  legacy(
    10102,
    'CertificateRenewal_Failure',
    "Renewing the connector's enrollment certificate failed; reinstall the connector.",
    ['0x00000405'],
  ),
  legacy(
    10301,
    'RetrieveCertificate_Warning',
    'Retrieving a certificate produced a warning; the diagnostic data in the event has the details.',
    ['0x00000403'],
  ),
  legacy(
    10302,
    'RetrieveCertificate_Error',
    "The connector's enrollment certificate could not be read from the registry; the event names its thumbprint.",
    ['0x00000404'],
    'connector-event-errors',
  ),
  legacy(
    20100,
    'PkcsCertIssue_Success',
    'A PKCS certificate was issued; the event names the device or user, CA, template and thumbprint.',
  ),
  legacy(20102, 'PkcsCertIssue_Failure', 'Issuing a PKCS certificate failed.', [
    '0x00000400',
    '0x00000401',
  ]),
  legacy(20200, 'RevokeCert_Success', 'A certificate was revoked.'),
  legacy(
    20202,
    'RevokeCert_Failure',
    'Revoking a certificate failed; the NDES connector service logs have the details.',
    ['0x00000402'],
  ),
  legacy(20300, 'Upload_Success', 'Request or revocation data was uploaded to Intune.'),
  legacy(
    20302,
    'Upload_Failure',
    'Uploading data to Intune failed; the Upload State in the event details says which.',
  ),
  legacy(
    20400,
    'Download_Success',
    'A signing, client-certificate or revocation request was downloaded from Intune.',
  ),
  legacy(20402, 'Download_Failure', 'Downloading requests from Intune failed.'),
  legacy(20500, 'CRPVerifyMetric_Success', "The registration point verified a device's challenge."),
  legacy(
    20501,
    'CRPVerifyMetric_Warning',
    'The registration point finished the verification but rejected the request.',
    ['0x00000411'],
    'crp-challenge-failures',
  ),
  legacy(
    20502,
    'CRPVerifyMetric_Failure',
    "The registration point could not verify a device's challenge; the event holds the device ID.",
    ['0x00000408', '0x00000409', '0x00000410'],
    'crp-challenge-failures',
  ),
  legacy(
    20600,
    'CRPNotifyMetric_Success',
    'The registration point completed Notify and the certificate was sent to the device.',
  ),
  legacy(
    20602,
    'CRPNotifyMetric_Failure',
    'Notify failed at the registration point; check the connection between NDES and the CA.',
    [],
    'connector-notify-failures',
  ),
];

/** The §4.3 row for a legacy connector event ID; null when not listed. */
export function decodeLegacyConnectorEvent(id: number): LegacyConnectorEvent | null {
  return LEGACY_CONNECTOR_EVENT_TABLE.find((e) => e.id === id) ?? null;
}

export interface DiagnosticCodeEntry {
  /** `0x%08X`. */
  code: string;
  name: string;
  /** One English sentence, translated later. */
  meaning: string;
}

export const DIAGNOSTIC_CODE_TABLE: readonly DiagnosticCodeEntry[] = [
  { code: '0x00000000', name: 'Success', meaning: 'The operation succeeded.' },
  {
    code: '0x00000400',
    name: 'PKCS_Issue_CA_Unavailable',
    meaning:
      'The CA is invalid or unreachable; check that it is running and reachable from this server.',
  },
  {
    code: '0x00000401',
    name: 'Symantec_ClientAuthCertNotFound',
    meaning: 'The Symantec client authentication certificate is not in the local store.',
  },
  {
    code: '0x00000402',
    name: 'RevokeCert_AccessDenied',
    meaning: 'The account may not revoke certificates on the CA named in the event.',
  },
  {
    code: '0x00000403',
    name: 'CertThumbprint_NotFound',
    meaning: 'No certificate matches the input; enroll the connector again.',
  },
  {
    code: '0x00000404',
    name: 'Certificate_NotFound',
    meaning: 'No certificate matches the information given; enroll the connector again.',
  },
  {
    code: '0x00000405',
    name: 'Certificate_Expired',
    meaning: 'A certificate has expired; enroll the connector again to renew it.',
  },
  {
    code: '0x00000408',
    name: 'CRPSCEPCert_NotFound',
    meaning:
      'The registration point encryption certificate was not found; check the NDES and connector configuration.',
  },
  {
    code: '0x00000409',
    name: 'CRPSCEPSigningCert_NotFound',
    meaning:
      'The signing certificate was not retrieved; the connector service must be configured and running, and its download events must have succeeded.',
  },
  {
    code: '0x00000410',
    name: 'CRPSCEPDeserialize_Failed',
    meaning:
      'The SCEP challenge request could not be read; check the NDES and connector configuration.',
  },
  {
    code: '0x00000411',
    name: 'CRPSCEPChallenge_Expired',
    meaning: 'The challenge has expired; the device can retry once it gets a new one.',
  },
  {
    code: '0x0FFFFFFF',
    name: 'Unknown_Error',
    meaning: 'An error occurred on the server side; retry the operation.',
  },
];

/**
 * The §4.4 row for a diagnostic code (`0x00000411`, `0x411`, 1041); null when not listed.
 * SEED-CFG misprints Unknown_Error as `0x0FFFFFFFF` (9 digits); that spelling is accepted too.
 */
export function decodeDiagnosticCode(code: string | number): DiagnosticCodeEntry | null {
  if (typeof code === 'string' && code.trim().toUpperCase() === '0X0FFFFFFFF') {
    return DIAGNOSTIC_CODE_TABLE.find((e) => e.name === 'Unknown_Error') ?? null;
  }
  const value = parseCode(code);
  if (value === null) return null;
  return DIAGNOSTIC_CODE_TABLE.find((e) => e.code === hex8(value)) ?? null;
}

/** The diagnostic code in event data: the first `0x` token of exactly 8 hex digits, as `0x%08X`. */
export function findDiagnosticCode(text: string): string | null {
  return findHex8(text);
}
