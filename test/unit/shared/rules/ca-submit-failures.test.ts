import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ca-submit-failures';
import type { Snapshot } from '../../../../shared/model';
import { DAY, judge, state } from '../../../helpers/snapshot';
import { eventLog } from '../../../helpers/windows-events';
import type { EventSpec } from '../../../helpers/windows-events';

const NDES = 'Microsoft-Windows-NetworkDeviceEnrollmentService';
const OPS = 'events/Microsoft-Intune-CertificateConnectors%4Operational.xml';
const HOUR = 3_600_000;

let record = 48_000;
const ndes = (
  id: number,
  agoMs: number,
  errorCode: string,
  errorMessage: string,
  message?: string,
): EventSpec => ({
  provider: NDES,
  id,
  agoMs,
  recordId: ++record,
  data: [
    { name: 'ErrorCode', value: errorCode },
    { name: 'ErrorMessage', value: errorMessage },
  ],
  message,
});
// S-4800 sample: the CA text in ErrorCode, 0x80004005 in ErrorMessage.
const S4800 = (agoMs: number) =>
  ndes(31, agoMs, 'The requested certificate template is not supported by this CA.', '0x80004005');
const RPC = (agoMs: number, message?: string) =>
  ndes(31, agoMs, '0x800706ba', 'The RPC server is unavailable.', message);
// Both fields carry a code: the specific one wins over the generic 0x80004005.
const SWAPPED = (agoMs: number) =>
  ndes(
    31,
    agoMs,
    'The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)',
    '0x80004005',
  );
const issuedFailure = (agoMs: number): EventSpec => ({
  provider: 'Microsoft-Intune-CertificateConnectors',
  id: 4007,
  agoMs,
  recordId: ++record,
  channel: 'Microsoft-Intune-CertificateConnectors/Operational',
  data: [
    { name: 'TransactionId', value: '5d0e3c1a-8b7f-4f1e-9a2d-0c6b7e8f9a10' },
    { name: 'ErrorMessage', value: 'CA returned 0x80094800' },
  ],
});

const app = (...specs: EventSpec[]) => eventLog(specs);
const ops = (...specs: EventSpec[]) => eventLog(specs, OPS);

describe('ca-submit-failures', () => {
  it.each<[string, Partial<Snapshot>, string]>([
    ['an RPC failure yesterday fails', { eventsApplication: app(RPC(DAY)) }, 'fail'],
    ['the S-4800 template failure fails', { eventsApplication: app(S4800(2 * HOUR)) }, 'fail'],
    [
      'a pt-BR host is judged by provider and ID, not by its message',
      {
        eventsApplication: app(
          RPC(
            DAY,
            'O Serviço de Registro de Dispositivo de Rede não pode enviar a solicitação de certificado (0x800706ba).',
          ),
        ),
      },
      'fail',
    ],
    [
      'an event 31 older than 14 days is outside the window',
      { eventsApplication: app(RPC(15 * DAY)) },
      'pass',
    ],
    [
      'other NDES errors (2, 10) are not submission failures',
      {
        eventsApplication: app(
          ndes(2, DAY, '0x80070057', 'The parameter is incorrect.'),
          ndes(10, DAY, '0x80070057', 'The parameter is incorrect.'),
        ),
      },
      'pass',
    ],
    [
      'event 31 of another provider does not count',
      {
        eventsApplication: app({
          provider: 'Microsoft-Windows-CertificationAuthority',
          id: 31,
          agoMs: DAY,
          recordId: 1,
        }),
      },
      'pass',
    ],
    ['an empty Application log passes', { eventsApplication: app() }, 'pass'],
    [
      'connector 4007 alone is a detail, not a failure',
      { eventsApplication: app(), eventsConnectorOperational: ops(issuedFailure(DAY)) },
      'pass',
    ],
    [
      'an absent Application log is unknown',
      { eventsApplication: { state: 'absent', path: 'events/Application.xml' } },
      'unknown',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('groups repeated failures with count, first and last seen, and decodes the HRESULT', () => {
    const f = judge(rule, { eventsApplication: app(RPC(3 * DAY), RPC(DAY), RPC(2 * HOUR)) });
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toMatchObject({
      kind: 'event',
      file: 'events/Application.xml',
      provider: NDES,
      eventId: 31,
      count: 3,
      recordId: record,
      data: [
        { name: 'ErrorCode', value: '0x800706ba' },
        { name: 'ErrorMessage', value: 'The RPC server is unavailable.' },
      ],
    });
    const group = f.evidence[0];
    expect(
      group?.kind === 'event' &&
        Date.parse(group.firstSeen ?? '') < Date.parse(group.timeCreated ?? ''),
    ).toBe(true);
    expect(f.summary).toMatch(
      /^NDES logged 3 CA submission failures \(event 31\) in the 14 days before collection, the last at .*Z; most recent code: 0x800706BA\.$/,
    );
    expect(f.decoded).toEqual([
      expect.objectContaining({
        raw: 'event 31 EVENT_MSCEP_FAIL_SUBMIT',
        checkId: 'ca-submit-failures',
      }),
      expect.objectContaining({ raw: '0x800706BA', checkId: 'ca-reachable' }),
    ]);
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it('takes the code from ErrorMessage in the S-4800 layout and keeps the CA text', () => {
    const f = judge(rule, { eventsApplication: app(S4800(HOUR)) });
    expect(f.summary).toMatch(/most recent code: 0x80004005\.$/);
    expect(f.evidence[0]).toMatchObject({
      data: expect.arrayContaining([
        {
          name: 'ErrorCode',
          value: 'The requested certificate template is not supported by this CA.',
        },
      ]),
    });
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: '0x80004005', meaning: expect.stringMatching(/^E_FAIL: /) }),
    );
  });

  it('prefers a specific code over 0x80004005 when both fields hold one', () => {
    const f = judge(rule, { eventsApplication: app(SWAPPED(HOUR)) });
    expect(f.summary).toMatch(/most recent code: 0x80094800\.$/);
    expect(f.decoded.map((d) => d.raw)).toEqual([
      'event 31 EVENT_MSCEP_FAIL_SUBMIT',
      '0x80094800',
      '0x80004005',
    ]);
    expect(f.decoded[1]).toMatchObject({ checkId: 'mscep-templates-configured' });
  });

  it('shows connector 4007 events next to event 31', () => {
    const f = judge(rule, {
      eventsApplication: app(SWAPPED(HOUR)),
      eventsConnectorOperational: ops(issuedFailure(HOUR), issuedFailure(2 * HOUR)),
    });
    expect(f.status).toBe('fail');
    expect(f.evidence[1]).toMatchObject({ kind: 'event', file: OPS, eventId: 4007, count: 2 });
    expect(f.decoded).toContainEqual(
      expect.objectContaining({ raw: 'event 4007 ScepIssuedFailure' }),
    );
  });

  it('notes 4007 events when NDES logged no event 31', () => {
    const f = judge(rule, {
      eventsApplication: app(),
      eventsConnectorOperational: ops(issuedFailure(DAY)),
    });
    expect(f.summary).toBe(
      'NDES logged no CA submission failure (event 31) in the 14 days before collection.',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'text',
      text: 'NDES logged no event 31, but the Intune connector logged ScepIssuedFailure (event 4007) in the window (count: 1); see the event details.',
    });
  });

  it('still judges event 31 when the connector log is unreadable', () => {
    expect(
      judge(rule, {
        eventsApplication: app(RPC(DAY)),
        eventsConnectorOperational: state('error', OPS),
      }).status,
    ).toBe('fail');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the Application log is %s',
    (st) => {
      expect(judge(rule, { eventsApplication: state(st, 'events/Application.xml') }).status).toBe(
        'unknown',
      );
    },
  );
});
