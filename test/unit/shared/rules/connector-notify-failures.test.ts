import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/reporting/connector-notify-failures';
import type { Snapshot } from '../../../../shared/model';
import { DAY, judge, psJson, state } from '../../../helpers/snapshot';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';
import { IIS_HEADER, iisLogs, w3cWhen } from '../../../helpers/w3c-logs';

const LEGACY = 'events/Microsoft Intune Connector.xml';
const OPERATIONAL = 'events/Microsoft-Intune-CertificateConnectors%4Operational.xml';
const HOUR = 3_600_000;
const LOG = 'iis/logs/W3SVC1/u_ex261120.log';
/** A POST from the legacy policy module (UA NDES_Plugin, §5) to the CRP Notify endpoint. */
const notify = (agoMs: number, result: string) =>
  `${w3cWhen(agoMs)} 10.0.0.5 POST /CertificateRegistrationSvc/Certificate/Notify - 443 - 10.0.0.5 NDES_Plugin - ${result} 875`;
const legacyEvent = (id: number, agoMs: number, recordId: number): EventSpec => ({
  provider: 'Microsoft Intune Connector',
  channel: 'Microsoft Intune Connector',
  id,
  level: id === 20602 ? 2 : 4,
  agoMs,
  recordId,
  data: [{ value: 'DiagnosticCode: 0x0FFFFFFF' }],
});
const opEvent = (id: number, agoMs: number, recordId: number): EventSpec => ({
  provider: 'Microsoft-Intune-CertificateConnectors',
  channel: 'Microsoft-Intune-CertificateConnectors/Operational',
  id,
  level: id === 4008 ? 4 : 2,
  agoMs,
  recordId,
  data: [{ name: 'TransactionId', value: '6f1c2e0a-7d43-4b6e-9a51-2f0d1c3b4a5e' }],
});
const presence = (products: string[]): Partial<Snapshot> => ({
  installedProducts: psJson(
    products.map((DisplayName) => ({ DisplayName })),
    'commands/installed-products.json',
  ),
  services: psJson([{ Name: 'W3SVC', State: 'Running' }], 'commands/services.json'),
  regIntune: { state: 'absent', path: 'registry/microsoft-intune.reg' },
});
const LEGACY_ONLY = presence(['Microsoft Intune Connector']);
const CURRENT_ONLY = presence(['Certificate Connector for Microsoft Intune']);
const legacyOk: Partial<Snapshot> = {
  ...LEGACY_ONLY,
  eventsLegacyConnector: eventLog([legacyEvent(20600, HOUR, 1)], LEGACY),
  iisLogs: iisLogs({ [LOG]: [...IIS_HEADER, notify(HOUR, '204 0 0')] }),
};
const currentOk: Partial<Snapshot> = {
  ...CURRENT_ONLY,
  eventsConnectorOperational: eventLog([opEvent(4008, HOUR, 2)], OPERATIONAL),
};

describe('connector-notify-failures', () => {
  it.each<[string, Partial<Snapshot>, string]>([
    ['legacy notify 204 and 20600 pass', legacyOk, 'pass'],
    ['current 4008 passes', currentOk, 'pass'],
    [
      'a legacy 20602 fails',
      { ...legacyOk, eventsLegacyConnector: eventLog([legacyEvent(20602, HOUR, 3)], LEGACY) },
      'fail',
    ],
    [
      'a Notify answered 500 fails',
      { ...legacyOk, iisLogs: iisLogs({ [LOG]: [...IIS_HEADER, notify(HOUR, '500 0 0')] }) },
      'fail',
    ],
    [
      'a current 4009 fails',
      { ...currentOk, eventsConnectorOperational: eventLog([opEvent(4009, HOUR, 4)], OPERATIONAL) },
      'fail',
    ],
    [
      'a current 4010 fails',
      { ...currentOk, eventsConnectorOperational: eventLog([opEvent(4010, HOUR, 5)], OPERATIONAL) },
      'fail',
    ],
    [
      'a 4009 older than 14 days passes',
      {
        ...currentOk,
        eventsConnectorOperational: eventLog([opEvent(4009, 20 * DAY, 6)], OPERATIONAL),
      },
      'pass',
    ],
    [
      'the Operational channel absent on a current connector passes',
      { ...CURRENT_ONLY, eventsConnectorOperational: { state: 'absent', path: OPERATIONAL } },
      'pass',
    ],
    [
      'a skipped legacy log on a legacy connector is unknown',
      { ...legacyOk, eventsLegacyConnector: state('skipped', LEGACY) },
      'unknown',
    ],
    [
      'unreadable IIS logs on a legacy connector are unknown',
      { ...legacyOk, iisLogs: state('error', 'iis/logs/') },
      'unknown',
    ],
    [
      'an unreadable IIS log file on a legacy connector is unknown',
      {
        ...legacyOk,
        iisLogs: iisLogs({ [LOG]: [...IIS_HEADER, notify(HOUR, '204 0 0')] }, [
          { path: 'iis/logs/W3SVC1/u_ex261119.log', state: 'skipped', error: 'size cap' },
        ]),
      },
      'unknown',
    ],
    [
      'IIS logs are not needed for the current connector',
      { ...currentOk, iisLogs: state('error', 'iis/logs/') },
      'pass',
    ],
    [
      'a failure decides even with an unreadable source',
      {
        ...legacyOk,
        eventsLegacyConnector: eventLog([legacyEvent(20602, HOUR, 7)], LEGACY),
        iisLogs: state('error', 'iis/logs/'),
      },
      'fail',
    ],
    [
      'an Operational channel that was not collected on a current connector is unknown',
      { ...CURRENT_ONLY, eventsConnectorOperational: state('missing', OPERATIONAL) },
      'unknown',
    ],
    ['no connector is not applicable', presence([]), 'not-applicable'],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('shows the failing Notify requests with their log lines', () => {
    const iis = iisLogs({
      [LOG]: [...IIS_HEADER, notify(2 * HOUR, '204 0 0'), notify(HOUR, '500 0 0')],
    });
    const f = judge(rule, { ...legacyOk, iisLogs: iis });
    expect(f.summary).toBe(
      '1 failed reports to Intune were found in the 14 days before collection (iis/logs/: 1).',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'table',
      headers: ['Status', 'Method', 'Operation', 'Platform', 'Count', 'First', 'Last'],
      rows: [
        [
          '500.0.0',
          'POST',
          '-',
          'policy-module',
          '1',
          '2026-11-20T08:14:03.000Z',
          '2026-11-20T08:14:03.000Z',
        ],
      ],
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'logLines',
      file: LOG,
      lines: [{ line: 6, text: notify(HOUR, '500 0 0') }],
      total: 1,
      caption: 'HTTP 500 on Notify',
    });
  });

  it('groups and decodes the connector events', () => {
    const f = judge(rule, {
      ...CURRENT_ONLY,
      eventsConnectorOperational: eventLog(
        [opEvent(4009, 2 * HOUR, 8), opEvent(4009, HOUR, 9)],
        OPERATIONAL,
      ),
    });
    expect(f.evidence[0]).toMatchObject({ kind: 'event', eventId: 4009, recordId: 9, count: 2 });
    expect(f.decoded).toEqual([
      {
        raw: 'event 4009 ScepNotifyAttemptFailed',
        meaning: 'An attempt to report the issued certificate to Intune failed.',
        checkId: 'connector-notify-failures',
      },
    ]);
  });
});
