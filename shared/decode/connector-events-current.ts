// Current Certificate Connector for Microsoft Intune events (CHECKS.md §4.5, M-CONN): Admin and
// Operational channels, where one healthy SCEP request reads 4003 → 4004 → 4006 → 4008. IDs listed
// without a name are kept so the UI can still say which area of the connector wrote them.

export const CONNECTOR_CHANNEL_PREFIX = 'Microsoft-Intune-CertificateConnectors';

export type ConnectorChannel = 'Admin' | 'Operational';

export interface ConnectorEvent {
  id: number;
  channel: ConnectorChannel;
  /** Name from M-CONN; null for the IDs it lists without one. */
  name: string | null;
  /** One English sentence, translated later. */
  meaning: string;
  /** T-MARK treats it as an error. */
  error: boolean;
  checkId?: string;
}

const UNNAMED_MEANING = {
  pkcs: 'A PKCS certificate event of the connector; Microsoft lists the ID without a name.',
  pkcsImport: 'A PKCS import event of the connector; Microsoft lists the ID without a name.',
  revoke: 'A revocation event of the connector; Microsoft lists the ID without a name.',
} as const;

const T_MARK_ERRORS = new Set([1001, 1201, 2001, 3001, 4001, 4002]);

function named(
  id: number,
  channel: ConnectorChannel,
  name: string,
  meaning: string,
  checkId?: string,
): ConnectorEvent {
  const row: ConnectorEvent = { id, channel, name, meaning, error: T_MARK_ERRORS.has(id) };
  if (checkId) row.checkId = checkId;
  return row;
}

function unnamed(channel: ConnectorChannel, ids: readonly number[]): ConnectorEvent[] {
  return ids.map((id) => {
    const kind = id < 2000 ? 'pkcs' : id < 3000 ? 'pkcsImport' : 'revoke';
    return {
      id,
      channel,
      name: null,
      meaning: UNNAMED_MEANING[kind],
      error: T_MARK_ERRORS.has(id),
    };
  });
}

export const CONNECTOR_EVENT_TABLE: readonly ConnectorEvent[] = [
  named(4000, 'Admin', 'ScepRequestSuccess', 'A SCEP request completed successfully.'),
  named(
    4001,
    'Admin',
    'ScepRequestIssuedFailure',
    'The CA did not issue the certificate for a SCEP request.',
    'connector-event-errors',
  ),
  named(
    4002,
    'Admin',
    'ScepRequestUploadFailure',
    'The result of a SCEP request could not be uploaded to Intune.',
    'connector-event-errors',
  ),
  named(
    4003,
    'Operational',
    'ScepRequestReceived',
    'The connector received a SCEP request to process.',
  ),
  named(4004, 'Operational', 'ScepVerifySuccess', 'The SCEP challenge was verified with Intune.'),
  named(
    4005,
    'Operational',
    'ScepVerifyFailure',
    'The SCEP challenge could not be verified with Intune.',
    'crp-challenge-failures',
  ),
  named(
    4006,
    'Operational',
    'ScepIssuedSuccess',
    'The CA issued the certificate for the SCEP request.',
  ),
  named(
    4007,
    'Operational',
    'ScepIssuedFailure',
    'The CA did not issue the certificate for the SCEP request.',
    'ca-submit-failures',
  ),
  named(
    4008,
    'Operational',
    'ScepNotifySuccess',
    'Intune was told that the certificate was issued.',
  ),
  named(
    4009,
    'Operational',
    'ScepNotifyAttemptFailed',
    'An attempt to report the issued certificate to Intune failed.',
    'connector-notify-failures',
  ),
  named(
    4010,
    'Operational',
    'ScepNotifySaveToDiskFailed',
    'The connector could not save the pending report to Intune on disk.',
    'connector-notify-failures',
  ),
  named(3051, 'Operational', 'RevokeFailure', 'Revoking a certificate failed.'),
  ...unnamed('Admin', [1000, 1001, 1200, 1201, 2000, 2001, 3000, 3001]),
  ...unnamed(
    'Operational',
    [
      [1002, 1003, 1020, 1032, 1050, 1051, 1052, 1100, 1101, 1102, 1202, 1203, 1220],
      [1250, 1251, 1252, 1253, 1300, 1301, 1302, 2020, 2050, 2051, 2052, 2100, 2101, 2102],
      [2202, 2203, 3002, 3003, 3020, 3032, 3050, 3052, 3100, 3101, 3102],
    ].flat(),
  ),
];

/**
 * `Admin` or `Operational` from a channel name (`Microsoft-Intune-CertificateConnectors/Admin`),
 * its bundle file name (`…%4Operational.xml`) or the bare suffix; null otherwise.
 */
export function connectorChannel(channel: string): ConnectorChannel | null {
  const tail = (channel.split(/\/|%4/).pop() ?? '').replace(/\.xml$/i, '').toLowerCase();
  if (tail === 'admin') return 'Admin';
  if (tail === 'operational') return 'Operational';
  return null;
}

/** The §4.5 row for a current-connector event; null when the ID is not listed for that channel. */
export function decodeConnectorEvent(id: number, channel: string): ConnectorEvent | null {
  const ch = connectorChannel(channel);
  return CONNECTOR_EVENT_TABLE.find((e) => e.id === id && e.channel === ch) ?? null;
}
