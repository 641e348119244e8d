import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/crp-challenge-failures';
import type { Ev } from '../../../../shared/model';
import type { EventRecord } from '../../../../shared/parse/event-xml';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';

const OPERATIONAL = 'events/Microsoft-Intune-CertificateConnectors%4Operational.xml';
const LEGACY = 'events/Microsoft Intune Connector.xml';
const HOUR = 3_600_000;
const DEVICE_A = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const DEVICE_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const legacy = (
  id: number,
  agoMs: number,
  recordId: number,
  code: string,
  device: string,
): EventSpec => ({
  provider: 'Microsoft Intune Connector',
  channel: 'Microsoft Intune Connector',
  id,
  level: id === 20501 ? 3 : 2,
  agoMs,
  recordId,
  data: [{ value: `DeviceId: ${device}` }, { value: `DiagnosticCode: ${code}` }],
  message: 'Falha ao verificar o desafio.',
});
const op = (id: number, agoMs: number, recordId: number): EventSpec => ({
  provider: 'Microsoft-Intune-CertificateConnectors',
  channel: 'Microsoft-Intune-CertificateConnectors/Operational',
  id,
  level: id === 4005 ? 2 : 4,
  agoMs,
  recordId,
  data: [{ name: 'TransactionId', value: DEVICE_B }],
});
const leg = (...s: EventSpec[]) => eventLog(s, LEGACY);
const ops = (...s: EventSpec[]) => eventLog(s, OPERATIONAL);
const absentLegacy = { state: 'absent' as const, path: LEGACY };
const absentOps = { state: 'absent' as const, path: OPERATIONAL };
const run = (
  eventsLegacyConnector: Ev<EventRecord[]>,
  eventsConnectorOperational: Ev<EventRecord[]>,
) => judge(rule, { eventsLegacyConnector, eventsConnectorOperational });

describe('crp-challenge-failures', () => {
  it.each<[string, Ev<EventRecord[]>, Ev<EventRecord[]>, string]>([
    [
      'successful verifications pass',
      leg(legacy(20500, HOUR, 1, '0x00000000', DEVICE_A)),
      ops(op(4003, HOUR, 2), op(4004, HOUR, 3)),
      'pass',
    ],
    [
      'a legacy 20502 fails',
      leg(legacy(20502, HOUR, 4, '0x00000409', DEVICE_A)),
      absentOps,
      'fail',
    ],
    [
      'a legacy 20501 (challenge expired) fails',
      leg(legacy(20501, HOUR, 5, '0x00000411', DEVICE_A)),
      absentOps,
      'fail',
    ],
    ['a current 4005 fails', absentLegacy, ops(op(4003, HOUR, 6), op(4005, HOUR, 7)), 'fail'],
    [
      'a failure older than 14 days passes',
      leg(legacy(20502, 20 * DAY, 8, '0x00000408', DEVICE_A)),
      absentOps,
      'pass',
    ],
    ['neither channel existing is not applicable', absentLegacy, absentOps, 'not-applicable'],
    [
      'an unreadable channel without failures elsewhere is unknown',
      state('error', LEGACY),
      ops(op(4004, HOUR, 9)),
      'unknown',
    ],
    [
      'a failure decides even when the other channel is skipped',
      state('skipped', LEGACY),
      ops(op(4005, HOUR, 10)),
      'fail',
    ],
  ])('%s', (_name, l, o, expected) => {
    expect(run(l, o).status).toBe(expected);
  });

  it('tabulates code and device ID and decodes the diagnostic codes', () => {
    const f = run(
      leg(
        legacy(20502, 3 * HOUR, 11, '0x00000409', DEVICE_A),
        legacy(20502, 2 * HOUR, 12, '0x00000409', DEVICE_A),
        legacy(20501, HOUR, 13, '0x00000411', DEVICE_B),
      ),
      absentOps,
    );
    expect(f.summary).toBe(
      '3 challenge validation failures (events 20501, 20502) were logged in the 14 days before collection, the last at 2026-11-20T08:14:03.000Z.',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'table',
      caption: 'Challenge validation failures by event, code and device',
      headers: ['Event', 'Code', 'Device ID', 'Count'],
      rows: [
        ['20502', '0x00000409', DEVICE_A, '2'],
        ['20501', '0x00000411', DEVICE_B, '1'],
      ],
    });
    expect(f.evidence[1]).toMatchObject({ kind: 'event', eventId: 20501, recordId: 13, count: 1 });
    expect(f.evidence[2]).toMatchObject({ kind: 'event', eventId: 20502, recordId: 12, count: 2 });
    expect(f.decoded.map((d) => d.raw)).toEqual([
      'event 20502 CRPVerifyMetric_Failure',
      '0x00000409 CRPSCEPSigningCert_NotFound',
      'event 20501 CRPVerifyMetric_Warning',
      '0x00000411 CRPSCEPChallenge_Expired',
    ]);
  });

  it('decodes the current connector event', () => {
    const f = run(absentLegacy, ops(op(4005, HOUR, 14)));
    expect(f.decoded).toEqual([
      {
        raw: 'event 4005 ScepVerifyFailure',
        meaning: 'The SCEP challenge could not be verified with Intune.',
        checkId: 'crp-challenge-failures',
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the Operational channel is %s',
    (st) => {
      expect(
        run(leg(legacy(20500, HOUR, 1, '0x00000000', DEVICE_A)), state(st, OPERATIONAL)).status,
      ).toBe('unknown');
    },
  );
});
