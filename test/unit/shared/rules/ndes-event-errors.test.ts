import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/ndes-event-errors';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';

const NDES = 'Microsoft-Windows-NetworkDeviceEnrollmentService';
const MIN = 60_000;
const ndes = (
  id: number,
  agoMs: number,
  recordId: number,
  code?: string,
  text = '',
): EventSpec => ({
  provider: NDES,
  id,
  level: [1, 3, 49].includes(id) ? 4 : 2,
  agoMs,
  recordId,
  data: code ? [{ value: code }, { value: text }] : [],
  message: code
    ? `The Network Device Enrollment Service event ${id} (${code}). ${text}`
    : undefined,
});
const BAD_TAG = (agoMs: number, recordId: number) =>
  ndes(17, agoMs, recordId, '0x8009310b', 'ASN1 bad tag value met.');
const NOT_STARTED = ndes(2, DAY, 501, '0x80070057', 'The parameter is incorrect.');

describe('ndes-event-errors', () => {
  it.each([
    ['only "service started" passes', [ndes(1, DAY, 400)], 'pass'],
    ['event 2 fails', [NOT_STARTED], 'fail'],
    ['event 6 fails', [ndes(6, DAY, 502)], 'fail'],
    ['event 10 fails', [ndes(10, DAY, 503, '0x80070057', 'The parameter is incorrect.')], 'fail'],
    ['event 16 fails', [ndes(16, DAY, 504)], 'fail'],
    ['event 18 fails', [ndes(18, DAY, 505)], 'fail'],
    [
      "event 17 with 0x8009310b from the collector's long-URL probe passes",
      [BAD_TAG(4 * MIN, 506)],
      'pass',
    ],
    ['the same event 17 two hours earlier fails', [BAD_TAG(120 * MIN, 507)], 'fail'],
    [
      'event 17 with another code in the probe minutes fails',
      [ndes(17, 4 * MIN, 508, '0x80093102', 'ASN1 unexpected end of data.')],
      'fail',
    ],
    ['event 31 belongs to ca-submit-failures', [ndes(31, DAY, 509, '0x80094800')], 'pass'],
    ['events before the window do not count', [ndes(2, 20 * DAY, 510, '0x80070057')], 'pass'],
    [
      'another provider with ID 2 does not count',
      [{ ...NOT_STARTED, provider: 'Microsoft-Windows-CertificateServicesClient-CertEnroll' }],
      'pass',
    ],
    [
      'events 3, 4, 7 and 49 are information only',
      [ndes(3, DAY, 511), ndes(4, DAY, 512), ndes(7, DAY, 513), ndes(49, DAY, 514)],
      'pass',
    ],
  ] as const)('%s', (_name, specs, expected) => {
    expect(judge(rule, { eventsApplication: eventLog([...specs]) }).status).toBe(expected);
  });

  it('groups repeated events, points at the newest and decodes the HRESULT', () => {
    const f = judge(rule, {
      eventsApplication: eventLog([
        ndes(10, 3 * DAY, 601, '0x80070057', 'The parameter is incorrect.'),
        ndes(10, 2 * DAY, 602, '0x80070057', 'The parameter is incorrect.'),
        NOT_STARTED,
        ndes(1, DAY, 603),
      ]),
    });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain('3 NDES error events (IDs 2, 10)');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        file: 'events/Application.xml',
        eventId: 10,
        count: 2,
        recordId: 602,
        line: 2,
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'event', eventId: 1, recordId: 603 }),
    );
    expect(f.decoded).toContainEqual(expect.objectContaining({ raw: 'event 2' }));
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '0x80070057', checkId: 'ra-private-key-readable' }),
    );
  });

  it('says that probe events were ignored', () => {
    const f = judge(rule, {
      eventsApplication: eventLog([BAD_TAG(2 * MIN, 701), BAD_TAG(3 * MIN, 702)]),
    });
    expect(f.evidence).toContainEqual({
      kind: 'text',
      text: expect.stringContaining('2 event 17 entries'),
    });
  });

  it('is unknown when the Application log is absent', () => {
    expect(
      judge(rule, { eventsApplication: state('absent', 'events/Application.xml') }).status,
    ).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when Application.xml is %s',
    (st) => {
      expect(judge(rule, { eventsApplication: state(st, 'events/Application.xml') }).status).toBe(
        'unknown',
      );
    },
  );
});
