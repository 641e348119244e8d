import { describe, it, expect } from 'vitest';
import { HRESULT_TABLE, decodeHresult, findHresult } from '../../../../shared/decode/hresult';

describe('decodeHresult', () => {
  it.each<[string | number, string, string | null, string | undefined]>([
    ['0x80094800', '0x80094800', 'CERTSRV_E_UNSUPPORTED_CERT_TYPE', 'mscep-templates-configured'],
    ['-2146875392', '0x80094800', 'CERTSRV_E_UNSUPPORTED_CERT_TYPE', 'mscep-templates-configured'],
    [-2146875392, '0x80094800', 'CERTSRV_E_UNSUPPORTED_CERT_TYPE', 'mscep-templates-configured'],
    ['0x800706ba', '0x800706BA', 'RPC_S_SERVER_UNAVAILABLE', 'ca-reachable'],
    ['1722', '1722', 'RPC_S_SERVER_UNAVAILABLE', 'ca-reachable'],
    ['0x80070057', '0x80070057', 'E_INVALIDARG', 'ra-private-key-readable'],
    ['0x80070002', '0x80070002', 'ERROR_FILE_NOT_FOUND', undefined],
    ['0x8009310b', '0x8009310B', 'CRYPT_E_ASN1_BADTAG', undefined],
    [2148204809, '0x800B0109', 'CERT_E_UNTRUSTEDROOT', 'root-store-intermediates'],
    ['2148204809', '0x800B0109', 'CERT_E_UNTRUSTEDROOT', 'root-store-intermediates'],
    ['0x80004005', '0x80004005', 'E_FAIL', undefined],
    ['0x80072f8f', '0x80072F8F', 'ERROR_WINHTTP_SECURE_FAILURE', 'tls-certificate-valid'],
    ['12175', '12175', 'ERROR_WINHTTP_SECURE_FAILURE', 'tls-certificate-valid'],
    ['0x80090014', '0x80090014', 'NTE_BAD_PROV_TYPE', 'connector-setup-succeeded'],
    ['0x80070005', '0x80070005', 'E_ACCESSDENIED', 'connector-setup-succeeded'],
    ['0x80004003', '0x80004003', 'E_POINTER', undefined],
    ['0x80094015', '0x80094015', null, undefined],
    ['1346', '1346', 'ERROR_BAD_IMPERSONATION_LEVEL', 'iis-iusrs-impersonate-right'],
    ['0x542', '1346', 'ERROR_BAD_IMPERSONATION_LEVEL', 'iis-iusrs-impersonate-right'],
    [1603, '1603', 'ERROR_INSTALL_FAILURE', 'connector-setup-succeeded'],
    ['1168', '1168', 'ERROR_NOT_FOUND', 'iis-request-limits'],
    ['0xc0000005', '0xC0000005', 'STATUS_ACCESS_VIOLATION', 'scep-apppool-crashes'],
    ['-1073741819', '0xC0000005', 'STATUS_ACCESS_VIOLATION', 'scep-apppool-crashes'],
    ['0x0000374', '0x00000374', null, 'scep-apppool-crashes'],
  ])('%s', (code, raw, name, checkId) => {
    const d = decodeHresult(code);
    expect(d?.raw).toBe(raw);
    expect(d?.name).toBe(name);
    expect(d?.checkId).toBe(checkId);
  });

  it('keeps the Windows text and related checks, and marks the unverified code', () => {
    expect(decodeHresult('0x80094800')).toMatchObject({
      text: 'The requested certificate template is not supported by this CA.',
      relatedCheckIds: ['mscep-templates-published'],
    });
    expect(decodeHresult('0x800B0109')?.relatedCheckIds).toEqual(['ra-certificates-issuer']);
    expect(decodeHresult('0x80094015')?.unverified).toBe(true);
    expect(decodeHresult('0x80094800')?.unverified).toBeUndefined();
  });

  it('returns null for codes outside §4.8 and for non-codes', () => {
    for (const bad of ['0x80070006', '0', 'abc', '', '0x', '0x1FFFFFFFF', 1.5, 2 ** 40, '1e3']) {
      expect(decodeHresult(bad), String(bad)).toBeNull();
    }
  });

  it('has no code twice', () => {
    const all = HRESULT_TABLE.flatMap((r) => r.codes);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('findHresult', () => {
  it('takes the first 0x token of exactly 8 hex digits', () => {
    expect(
      findHresult(
        'The requested certificate template is not supported by this CA. 0x80094800 (-2146875392)',
      ),
    ).toBe('0x80094800');
    expect(findHresult('Error 0x542 then 0x800706ba and 0x80070057')).toBe('0x800706BA');
    expect(findHresult('AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed')).toBe(
      '0x80090014',
    );
  });

  it('ignores longer hex runs and tokens glued to words', () => {
    expect(findHresult('0x0FFFFFFFF and ab0x80094800')).toBeNull();
    expect(findHresult('no code here')).toBeNull();
  });
});
