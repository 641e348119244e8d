import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-event-errors';
import { DAY, judge, state } from '../../../helpers/snapshot';
import type { Ev } from '../../../../shared/model';
import type { EventRecord } from '../../../../shared/parse/event-xml';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';

const ADMIN = 'events/Microsoft-Intune-CertificateConnectors%4Admin.xml';
const LEGACY = 'events/Microsoft Intune Connector.xml';
const HOUR = 3_600_000;
const current = (id: number, level: number, agoMs: number, recordId: number): EventSpec => ({
  provider: 'Microsoft-Intune-CertificateConnectors',
  channel: 'Microsoft-Intune-CertificateConnectors/Admin',
  id,
  level,
  agoMs,
  recordId,
  data: [{ value: 'ScepRequestId: 6f1c2e0a-7d43-4b6e-9a51-2f0d1c3b4a5e' }, { value: '0x80094800' }],
  // Localized rendering: the rule must not depend on it.
  message: 'A solicitação SCEP falhou.',
});
const legacy = (
  id: number,
  level: number,
  agoMs: number,
  recordId: number,
  code = '0x00000000',
): EventSpec => ({
  provider: 'Microsoft Intune Connector',
  channel: 'Microsoft Intune Connector',
  id,
  level,
  agoMs,
  recordId,
  data: [
    { value: `Diagnostic code: ${code}` },
    { value: 'Thumbprint: 9F3A11223344556677889900AABBCCDDEEFF0011' },
  ],
  message: 'Échec de la récupération du certificat.',
});
const admin = (...specs: EventSpec[]) => eventLog(specs, ADMIN);
const leg = (...specs: EventSpec[]) => eventLog(specs, LEGACY);
const absentAdmin = { state: 'absent' as const, path: ADMIN };
const absentLegacy = { state: 'absent' as const, path: LEGACY };

describe('connector-event-errors', () => {
  it.each<[string, Ev<EventRecord[]>, Ev<EventRecord[]>, string]>([
    [
      'informational events only pass',
      admin(current(4000, 4, HOUR, 1)),
      leg(legacy(10010, 4, HOUR, 2)),
      'pass',
    ],
    ['an Admin error (Level 2) fails', admin(current(4001, 2, HOUR, 3)), absentLegacy, 'fail'],
    [
      'a critical Admin event (Level 1) fails',
      admin(current(1001, 1, HOUR, 4)),
      absentLegacy,
      'fail',
    ],
    [
      'a legacy *_Failure at Level 4 still fails',
      absentAdmin,
      leg(legacy(10302, 4, HOUR, 5, '0x00000404')),
      'fail',
    ],
    [
      'an error older than 14 days passes',
      admin(current(4002, 2, 15 * DAY, 6)),
      absentLegacy,
      'pass',
    ],
    [
      'a legacy warning (20501, Level 3) is not an error here',
      absentAdmin,
      leg(legacy(20501, 3, HOUR, 7, '0x00000411')),
      'pass',
    ],
    ['both channels absent is not applicable', absentAdmin, absentLegacy, 'not-applicable'],
    [
      'a skipped channel without errors elsewhere is unknown',
      state('skipped', ADMIN),
      leg(legacy(10010, 4, HOUR, 8)),
      'unknown',
    ],
    [
      'an error channel next to a failure still fails',
      state('error', ADMIN),
      leg(legacy(20402, 2, HOUR, 9)),
      'fail',
    ],
    ['an empty current channel (legacy absent) passes', admin(), absentLegacy, 'pass'],
  ])('%s', (_name, eventsConnectorAdmin, eventsLegacyConnector, expected) => {
    expect(judge2(eventsConnectorAdmin, eventsLegacyConnector).status).toBe(expected);
  });

  it('groups repeated events by ID and diagnostic code and decodes both', () => {
    const f = judge2(
      absentAdmin,
      leg(
        legacy(20202, 2, 2 * HOUR, 20, '0x00000402'),
        legacy(20202, 2, HOUR, 21, '0x00000402'),
        legacy(10102, 2, 3 * HOUR, 22, '0x00000405'),
      ),
    );
    expect(f.summary).toBe(
      '3 connector error events (IDs 10102, 20202) were logged in the 14 days before collection, the last at 2026-11-20T08:14:03.000Z.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'event',
      file: LEGACY,
      eventId: 20202,
      recordId: 21,
      count: 2,
      firstSeen: '2026-11-20T07:14:03.000Z',
    });
    expect(f.decoded).toEqual([
      {
        raw: 'event 20202 RevokeCert_Failure',
        meaning: expect.stringContaining('Revoking a certificate failed'),
        checkId: 'connector-event-errors',
      },
      {
        raw: '0x00000402 RevokeCert_AccessDenied',
        meaning: 'The account may not revoke certificates on the CA named in the event.',
      },
      {
        raw: 'event 10102 CertificateRenewal_Failure',
        meaning: expect.stringContaining('reinstall the connector'),
        checkId: 'connector-event-errors',
      },
      {
        raw: '0x00000405 Certificate_Expired',
        meaning: 'A certificate has expired; enroll the connector again to renew it.',
      },
    ]);
  });

  it('decodes current-connector events and their HRESULT', () => {
    const f = judge2(admin(current(4001, 2, HOUR, 30)), absentLegacy);
    expect(f.decoded).toEqual([
      {
        raw: 'event 4001 ScepRequestIssuedFailure',
        meaning: 'The CA did not issue the certificate for a SCEP request.',
        checkId: 'connector-event-errors',
      },
      expect.objectContaining({ raw: '0x80094800', checkId: 'mscep-templates-configured' }),
    ]);
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the legacy channel is %s and Admin is clean',
    (st) => {
      expect(judge2(admin(current(4000, 4, HOUR, 1)), state(st, LEGACY)).status).toBe('unknown');
    },
  );
});

function judge2(eventsConnectorAdmin: Ev<EventRecord[]>, eventsLegacyConnector: Ev<EventRecord[]>) {
  return judge(rule, { eventsConnectorAdmin, eventsLegacyConnector });
}
