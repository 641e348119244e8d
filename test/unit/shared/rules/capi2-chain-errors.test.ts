import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/capi2-chain-errors';
import { parseEventXml } from '../../../../shared/parse/event-xml';
import type { Ev } from '../../../../shared/model';
import type { EventRecord } from '../../../../shared/parse/event-xml';
import { DAY, NOW_MS, judge, ok, state } from '../../../helpers/snapshot';

const FILE = 'events/Microsoft-Windows-CAPI2%4Operational.xml';
const UNTRUSTED =
  'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109';
const EXPIRED =
  'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.';

/** A CAPI2 Operational event as wevtutil RenderedXml writes it: the details are UserData. */
function capi2(id: number, level: number, agoMs: number, recordId: number, result: string): string {
  const time = new Date(NOW_MS - agoMs).toISOString();
  const body =
    id === 53
      ? `<CryptRetrieveObjectByUrlWire><URL scheme='http'>http://pki.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crl</URL><Result value='80072EE2'>${result}</Result></CryptRetrieveObjectByUrlWire>`
      : `<CertGetCertificateChain><Certificate fileRef='5B1C.cer' subjectName='NDES01-MSCEP-RA'/><ChainEngineInfo context='machine'/><Result value='800B0109'>${result}</Result></CertGetCertificateChain>`;
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
    `<Provider Name='Microsoft-Windows-CAPI2' Guid='{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}'/><EventID>${id}</EventID>` +
    `<Version>0</Version><Level>${level}</Level><Task>${id}</Task><Opcode>2</Opcode><Keywords>0x4000000000000001</Keywords>` +
    `<TimeCreated SystemTime='${time}'/><EventRecordID>${recordId}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='4312' ThreadID='5120'/><Channel>Microsoft-Windows-CAPI2/Operational</Channel>` +
    `<Computer>NDES01.corp.contoso.com</Computer><Security UserID='S-1-5-21-1004336348-1177238915-682003330-1115'/></System>` +
    `<UserData>${body}</UserData></Event>`
  );
}
const log = (...events: string[]): Ev<EventRecord[]> =>
  ok(parseEventXml(events.join('\r\n')).events, FILE);

describe('capi2-chain-errors', () => {
  it.each([
    ['an enabled channel with no errors passes', log(), 'pass'],
    ['build-chain error 11 warns', log(capi2(11, 2, DAY, 70, UNTRUSTED)), 'warn'],
    ['chain-policy error 30 warns', log(capi2(30, 2, DAY, 71, EXPIRED)), 'warn'],
    [
      'revocation error 41 warns',
      log(
        capi2(
          41,
          2,
          DAY,
          72,
          'The revocation function was unable to check revocation because the revocation server was offline.',
        ),
      ),
      'warn',
    ],
    ['URL retrieval error 53 warns', log(capi2(53, 2, DAY, 73, 'The operation timed out')), 'warn'],
    [
      'information-level 11 passes',
      log(capi2(11, 4, DAY, 74, 'The operation completed successfully.')),
      'pass',
    ],
    ['other IDs pass', log(capi2(90, 2, DAY, 75, UNTRUSTED)), 'pass'],
    ['errors before the window pass', log(capi2(11, 2, 20 * DAY, 76, UNTRUSTED)), 'pass'],
    ['a missing channel is not applicable', state<EventRecord[]>('absent', FILE), 'not-applicable'],
  ] as const)('%s', (_name, eventsCapi2, expected) => {
    expect(judge(rule, { eventsCapi2 }).status).toBe(expected);
  });

  it('notes that a quiet channel may only mean logging is off', () => {
    expect(judge(rule, { eventsCapi2: log() }).summary).toContain('logging was disabled');
  });

  it('groups repeated errors and decodes CERT_E_UNTRUSTEDROOT', () => {
    const f = judge(rule, {
      eventsCapi2: log(
        capi2(11, 2, 2 * DAY, 80, UNTRUSTED),
        capi2(11, 2, DAY, 81, UNTRUSTED),
        capi2(30, 2, DAY, 82, EXPIRED),
      ),
    });
    expect(f.summary).toContain('3 chain or revocation errors (IDs 11, 30)');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        file: FILE,
        eventId: 11,
        count: 2,
        recordId: 81,
        line: 2,
      }),
    );
    expect(f.evidence).toContainEqual(
      expect.objectContaining({ kind: 'event', eventId: 30, count: 1, recordId: 82 }),
    );
    expect(f.decoded).toEqual([
      expect.objectContaining({ raw: '0x800B0109', checkId: 'root-store-intermediates' }),
    ]);
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the channel export is %s',
    (st) => {
      expect(judge(rule, { eventsCapi2: state(st, FILE) }).status).toBe('unknown');
    },
  );
});
