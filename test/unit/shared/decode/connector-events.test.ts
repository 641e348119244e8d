import { describe, it, expect } from 'vitest';
import {
  CONNECTOR_EVENT_TABLE,
  DIAGNOSTIC_CODE_TABLE,
  LEGACY_CONNECTOR_EVENT_TABLE,
  connectorChannel,
  decodeConnectorEvent,
  decodeDiagnosticCode,
  decodeLegacyConnectorEvent,
  findDiagnosticCode,
} from '../../../../shared/decode/connector-events';

describe('legacy connector events (§4.3)', () => {
  it.each<[number, string, string[], boolean, string | undefined]>([
    [10010, 'StartedConnectorService', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [10020, 'StoppedConnectorService', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [10100, 'CertificateRenewal_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [
      10102,
      'CertificateRenewal_Failure',
      ['0x00000000', '0x00000405', '0x0FFFFFFF'],
      true,
      'connector-event-errors',
    ],
    [
      10301,
      'RetrieveCertificate_Warning',
      ['0x00000000', '0x00000403', '0x0FFFFFFF'],
      false,
      undefined,
    ],
    [
      10302,
      'RetrieveCertificate_Error',
      ['0x00000000', '0x00000404', '0x0FFFFFFF'],
      false,
      'connector-event-errors',
    ],
    [20100, 'PkcsCertIssue_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [
      20102,
      'PkcsCertIssue_Failure',
      ['0x00000000', '0x00000400', '0x00000401', '0x0FFFFFFF'],
      true,
      'connector-event-errors',
    ],
    [20200, 'RevokeCert_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [
      20202,
      'RevokeCert_Failure',
      ['0x00000000', '0x00000402', '0x0FFFFFFF'],
      true,
      'connector-event-errors',
    ],
    [20300, 'Upload_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [20302, 'Upload_Failure', ['0x00000000', '0x0FFFFFFF'], true, 'connector-event-errors'],
    [20400, 'Download_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [20402, 'Download_Failure', ['0x00000000', '0x0FFFFFFF'], true, 'connector-event-errors'],
    [20500, 'CRPVerifyMetric_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [
      20501,
      'CRPVerifyMetric_Warning',
      ['0x00000000', '0x00000411', '0x0FFFFFFF'],
      false,
      'crp-challenge-failures',
    ],
    [
      20502,
      'CRPVerifyMetric_Failure',
      ['0x00000000', '0x00000408', '0x00000409', '0x00000410', '0x0FFFFFFF'],
      true,
      'crp-challenge-failures',
    ],
    [20600, 'CRPNotifyMetric_Success', ['0x00000000', '0x0FFFFFFF'], false, undefined],
    [
      20602,
      'CRPNotifyMetric_Failure',
      ['0x00000000', '0x0FFFFFFF'],
      true,
      'connector-notify-failures',
    ],
  ])('%i %s', (id, name, codes, failure, checkId) => {
    const e = decodeLegacyConnectorEvent(id);
    expect(e).toMatchObject({ id, name, codes, failure });
    expect(e?.checkId).toBe(checkId);
  });

  it('has exactly the *_Failure IDs connector-event-errors counts regardless of Level', () => {
    expect(LEGACY_CONNECTOR_EVENT_TABLE.filter((e) => e.failure).map((e) => e.id)).toEqual([
      10102, 20102, 20202, 20302, 20402, 20502, 20602,
    ]);
    expect(decodeLegacyConnectorEvent(4001)).toBeNull();
  });

  it('refers only to codes that §4.4 defines', () => {
    const known = new Set(DIAGNOSTIC_CODE_TABLE.map((d) => d.code));
    for (const e of LEGACY_CONNECTOR_EVENT_TABLE)
      for (const c of e.codes) expect(known).toContain(c);
  });
});

describe('diagnostic codes (§4.4)', () => {
  it.each<[string | number, string]>([
    ['0x00000000', 'Success'],
    ['0x00000400', 'PKCS_Issue_CA_Unavailable'],
    ['0x00000401', 'Symantec_ClientAuthCertNotFound'],
    ['0x00000402', 'RevokeCert_AccessDenied'],
    ['0x00000403', 'CertThumbprint_NotFound'],
    ['0x00000404', 'Certificate_NotFound'],
    ['0x00000405', 'Certificate_Expired'],
    ['0x00000408', 'CRPSCEPCert_NotFound'],
    ['0x00000409', 'CRPSCEPSigningCert_NotFound'],
    ['0x00000410', 'CRPSCEPDeserialize_Failed'],
    ['0x00000411', 'CRPSCEPChallenge_Expired'],
    ['0x0FFFFFFF', 'Unknown_Error'],
    ['0x0fffffff', 'Unknown_Error'],
    ['0x0FFFFFFFF', 'Unknown_Error'],
    ['0x411', 'CRPSCEPChallenge_Expired'],
    [0x409, 'CRPSCEPSigningCert_NotFound'],
  ])('%s', (code, name) => {
    expect(decodeDiagnosticCode(code)?.name).toBe(name);
  });

  it('returns null for unknown codes', () => {
    expect(decodeDiagnosticCode('0x00000406')).toBeNull();
    expect(decodeDiagnosticCode('0xFFFFFFFF')).toBeNull();
    expect(decodeDiagnosticCode('n/a')).toBeNull();
  });

  it('finds the first 8-digit 0x token in event data', () => {
    expect(
      findDiagnosticCode('Device ID: 1234; Diagnostic code 0x00000411; retry 0x00000000'),
    ).toBe('0x00000411');
    expect(findDiagnosticCode('0x411 is too short, 0x0FFFFFFFF too long, 0x0fffffff fits')).toBe(
      '0x0FFFFFFF',
    );
    expect(findDiagnosticCode('nothing')).toBeNull();
  });
});

describe('current connector events (§4.5)', () => {
  it.each<[number, string, string | null, boolean, string | undefined]>([
    [4000, 'Admin', 'ScepRequestSuccess', false, undefined],
    [4001, 'Admin', 'ScepRequestIssuedFailure', true, 'connector-event-errors'],
    [4002, 'Admin', 'ScepRequestUploadFailure', true, 'connector-event-errors'],
    [4003, 'Operational', 'ScepRequestReceived', false, undefined],
    [4004, 'Operational', 'ScepVerifySuccess', false, undefined],
    [4005, 'Operational', 'ScepVerifyFailure', false, 'crp-challenge-failures'],
    [4006, 'Operational', 'ScepIssuedSuccess', false, undefined],
    [4007, 'Operational', 'ScepIssuedFailure', false, 'ca-submit-failures'],
    [4008, 'Operational', 'ScepNotifySuccess', false, undefined],
    [4009, 'Operational', 'ScepNotifyAttemptFailed', false, 'connector-notify-failures'],
    [4010, 'Operational', 'ScepNotifySaveToDiskFailed', false, 'connector-notify-failures'],
    [3051, 'Operational', 'RevokeFailure', false, undefined],
    [1001, 'Admin', null, true, undefined],
    [2000, 'Admin', null, false, undefined],
    [3101, 'Operational', null, false, undefined],
  ])('%i on %s', (id, channel, name, error, checkId) => {
    const e = decodeConnectorEvent(id, channel);
    expect(e).toMatchObject({ id, channel, name, error });
    expect(e?.checkId).toBe(checkId);
  });

  it('keys on the channel too', () => {
    expect(decodeConnectorEvent(4005, 'Admin')).toBeNull();
    expect(decodeConnectorEvent(4001, 'Operational')).toBeNull();
    expect(
      decodeConnectorEvent(4005, 'Microsoft-Intune-CertificateConnectors/Operational')?.name,
    ).toBe('ScepVerifyFailure');
    expect(
      decodeConnectorEvent(4001, 'events/Microsoft-Intune-CertificateConnectors%4Admin.xml')?.name,
    ).toBe('ScepRequestIssuedFailure');
    expect(decodeConnectorEvent(4001, 'Microsoft-AzureADConnect-AgentUpdater/Setup')).toBeNull();
  });

  it('normalizes channel names', () => {
    expect(connectorChannel('Microsoft-Intune-CertificateConnectors/Admin')).toBe('Admin');
    expect(connectorChannel('Microsoft-Intune-CertificateConnectors%4Operational.xml')).toBe(
      'Operational',
    );
    expect(connectorChannel('operational')).toBe('Operational');
    expect(connectorChannel('Application')).toBeNull();
  });

  it('marks exactly the T-MARK error IDs and lists each ID once per channel', () => {
    expect(
      CONNECTOR_EVENT_TABLE.filter((e) => e.error)
        .map((e) => e.id)
        .sort(),
    ).toEqual([1001, 1201, 2001, 3001, 4001, 4002]);
    const keys = CONNECTOR_EVENT_TABLE.map((e) => `${e.channel}#${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(CONNECTOR_EVENT_TABLE.filter((e) => e.channel === 'Operational')).toHaveLength(47);
  });
});
