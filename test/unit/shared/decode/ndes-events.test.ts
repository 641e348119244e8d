import { describe, it, expect } from 'vitest';
import {
  NDES_EVENT_TABLE,
  NDES_PROVIDER,
  decodeNdesEvent,
} from '../../../../shared/decode/ndes-events';

describe('decodeNdesEvent', () => {
  it.each<[number, string | null, 'error' | 'info', string | undefined]>([
    [1, null, 'info', undefined],
    [2, 'EVENT_MSCEP_FAILED_TO_LOAD', 'error', 'ndes-event-errors'],
    [3, null, 'info', undefined],
    [4, null, 'info', undefined],
    [6, null, 'error', 'ndes-event-errors'],
    [7, null, 'info', undefined],
    [10, 'EVENT_MSCEP_FAILED_RA_CERT', 'error', 'ndes-event-errors'],
    [16, 'EVENT_MSCEP_FAIL_TO_DECODE', 'error', 'ndes-event-errors'],
    [17, 'EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO', 'error', 'ndes-event-errors'],
    [18, 'EVENT_MSCEP_FAIL_TO_DECRYPT_INNER', 'error', 'ndes-event-errors'],
    [31, 'EVENT_MSCEP_FAIL_SUBMIT', 'error', 'ca-submit-failures'],
    [49, null, 'info', undefined],
  ])('event %i', (id, symbol, kind, checkId) => {
    expect(decodeNdesEvent(id)).toMatchObject({ id, symbol, kind });
    expect(decodeNdesEvent(id)?.checkId).toBe(checkId);
  });

  it('matches the error set of ndes-event-errors: 2, 6, 10, 16, 17, 18', () => {
    const counted = NDES_EVENT_TABLE.filter((e) => e.checkId === 'ndes-event-errors').map(
      (e) => e.id,
    );
    expect(counted).toEqual([2, 6, 10, 16, 17, 18]);
  });

  it('names the HRESULTs that tell event 2 causes apart', () => {
    expect(decodeNdesEvent(2)?.meaning).toContain('0x80070002');
    expect(decodeNdesEvent(2)?.meaning).toContain('0x80070057');
    expect(decodeNdesEvent(17)?.meaning).toContain('0x8009310b');
  });

  it('returns null for unlisted IDs', () => {
    expect(decodeNdesEvent(5)).toBeNull();
    expect(decodeNdesEvent(1000)).toBeNull();
    expect(NDES_PROVIDER).toBe('Microsoft-Windows-NetworkDeviceEnrollmentService');
  });
});
