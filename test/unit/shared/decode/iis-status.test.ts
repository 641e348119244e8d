import { describe, it, expect } from 'vitest';
import { IIS_STATUS_TABLE, decodeIisStatus } from '../../../../shared/decode/iis-status';
import type { IisContext } from '../../../../shared/decode/iis-status';

describe('decodeIisStatus', () => {
  it.each<[number, number, number, IisContext, string, string | undefined]>([
    [200, 0, 0, 'mscep', '200.0.0', undefined],
    [403, 0, 5, 'mscep', '403.0.5', 'mscep-endpoint-403'],
    [500, 0, 1346, 'mscep', '500.0.1346', 'mscep-impersonation-500'],
    [500, 0, 0, 'mscep', '500.0.0', 'service-account-enabled'],
    [500, 19, 13, 'mscep', '500.19.13', 'service-account-enabled'],
    [503, 0, 0, 'mscep', '503.0.0', 'scep-apppool-running'],
    [401, 2, 5, 'mscep', '401.2.5', 'mscep-anonymous-auth'],
    [404, 0, 2, 'mscep', '404.0.2', 'scep-apppool-identity'],
    [404, 14, 0, 'mscep', '404.14.0', 'iis-request-limits'],
    [404, 15, 0, 'mscep', '404.15.0', 'iis-request-limits'],
    [414, 0, 0, 'mscep', '414.0.0', 'mscep-long-url-rejected'],
    [414, 0, 0, 'other', '414.0.0', 'mscep-long-url-rejected'],
    [400, 0, 0, 'crp-verify', '400.0.0', 'httpsys-max-field-length'],
    [201, 0, 0, 'crp-verify', '201.0.0', undefined],
    [403, 16, 2148204809, 'crp-verify', '403.16.2148204809', 'root-store-intermediates'],
    [403, 0, 0, 'crp-verify', '403.0.0', 'connector-client-cert-valid'],
    [403, 16, 0, 'crp-verify', '403.16.0', 'connector-client-cert-valid'],
    [500, 0, 0, 'crp-verify', '500.0.0', 'scep-apppool-crashes'],
    [204, 0, 0, 'crp-notify', '204.0.0', 'connector-notify-failures'],
  ])('%i.%i.%i on %s', (status, sub, win32, context, raw, checkId) => {
    const d = decodeIisStatus(status, sub, win32, context);
    expect(d?.raw).toBe(raw);
    expect(d?.checkId).toBe(checkId);
    expect(d?.meaning).toMatch(/\.$/);
  });

  it('explains 1346 and points other 500s at the service account and RA checks', () => {
    expect(decodeIisStatus(500, 0, 1346, 'mscep')?.meaning).toContain(
      'ERROR_BAD_IMPERSONATION_LEVEL',
    );
    expect(decodeIisStatus(500, 0, 0, 'mscep')?.relatedCheckIds).toEqual([
      'ra-certificates-present',
      'ra-certificates-valid',
      'ra-certificates-issuer',
      'ra-certificates-csp',
      'ra-private-key-readable',
    ]);
    expect(decodeIisStatus(400, 0, 0, 'mscep')?.relatedCheckIds).toEqual([
      'httpsys-max-request-bytes',
    ]);
  });

  it('reads a win32 status written as signed int32 as unsigned', () => {
    expect(decodeIisStatus(403, 16, -2146762487, 'crp-verify')).toMatchObject({
      raw: '403.16.2148204809',
      checkId: 'root-store-intermediates',
    });
  });

  it('does not apply a row outside its context, and returns null for unlisted results', () => {
    expect(decodeIisStatus(201, 0, 0, 'mscep')).toBeNull();
    expect(decodeIisStatus(403, 16, 2148204809, 'mscep')).toBeNull();
    expect(decodeIisStatus(200, 0, 64, 'mscep')).toBeNull();
    expect(decodeIisStatus(204, 0, 0, 'other')).toBeNull();
    expect(decodeIisStatus(302, 0, 0, 'mscep')).toBeNull();
  });

  it('holds one sentence per row', () => {
    for (const row of IIS_STATUS_TABLE) {
      expect(row.meaning).toMatch(/^\S.*\.$/);
      expect(row.meaning.split(/\.\s+[A-Z]/)).toHaveLength(1);
    }
  });
});
