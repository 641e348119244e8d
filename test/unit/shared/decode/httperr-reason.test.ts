import { describe, it, expect } from 'vitest';
import {
  HTTPERR_REASON_TABLE,
  decodeHttpErrReason,
} from '../../../../shared/decode/httperr-reason';

describe('decodeHttpErrReason', () => {
  it.each<[string, string | undefined, boolean, boolean]>([
    ['FieldLength', 'httpsys-max-field-length', false, false],
    ['RequestLength', 'httpsys-max-request-bytes', false, false],
    ['URL', 'mscep-long-url-rejected', false, false],
    ['URL_Length', 'mscep-long-url-rejected', false, false],
    ['AppOffline', 'scep-apppool-running', false, false],
    ['Disabled', 'scep-apppool-running', false, false],
    ['QueueFull', 'scep-apppool-running', true, true],
    ['Connection_Abandoned_By_AppPool', 'scep-apppool-crashes', true, true],
    ['Connection_Abandoned_By_ReqQueue', 'scep-apppool-crashes', true, true],
    ['BadRequest', undefined, true, true],
    ['Header', undefined, true, true],
    ['Verb', undefined, true, true],
    ['Timer_ConnectionIdle', undefined, true, true],
    ['Timer_MinBytesPerSecond', undefined, true, true],
    ['ConnLimit', undefined, true, true],
  ])('%s', (reason, checkId, detailsOnly, fromName) => {
    expect(decodeHttpErrReason(reason)).toEqual({
      reason,
      meaning: expect.stringMatching(/\.$/),
      ...(checkId ? { checkId } : {}),
      detailsOnly,
      fromName,
    });
  });

  it('matches case-insensitively and trims', () => {
    expect(decodeHttpErrReason(' url_length ')?.checkId).toBe('mscep-long-url-rejected');
    expect(decodeHttpErrReason('fieldlength')?.meaning).toContain('MaxFieldLength');
  });

  it('returns null for reasons §4.2 does not list, and for a bare Timer_', () => {
    expect(decodeHttpErrReason('-')).toBeNull();
    expect(decodeHttpErrReason('Timer_')).toBeNull();
    expect(decodeHttpErrReason('Forbidden')).toBeNull();
    expect(decodeHttpErrReason('')).toBeNull();
  });

  it('lists every reason once', () => {
    const all = HTTPERR_REASON_TABLE.flatMap((r) => r.reasons.map((x) => x.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });
});
