import { describe, it, expect } from 'vitest';
import { WINDOWS_EVENT_TABLE, decodeWindowsEvent } from '../../../../shared/decode/windows-events';

describe('decodeWindowsEvent', () => {
  it.each<[string, number, string | undefined, boolean]>([
    ['Application Error', 1000, 'scep-apppool-crashes', false],
    ['ASP.NET 4.0.30319.0', 1310, undefined, false],
    ['Microsoft-Windows-WAS', 5009, 'scep-apppool-crashes', false],
    ['Microsoft-Windows-WAS', 5002, 'scep-apppool-crashes', false],
    ['Microsoft-Windows-WAS', 5011, 'scep-apppool-crashes', false],
    ['Microsoft-Windows-CertificateServices-Deployment', 105, 'ra-certificates-csp', false],
    ['Microsoft-Windows-CAPI2', 11, 'capi2-chain-errors', false],
    ['Microsoft-Windows-CAPI2', 30, 'capi2-chain-errors', false],
    ['Microsoft-Windows-CAPI2', 41, 'capi2-chain-errors', false],
    ['Microsoft-Windows-CAPI2', 53, 'capi2-chain-errors', false],
    ['Microsoft-Windows-CertificateServicesClient-CertEnroll', 20, undefined, false],
    ['Microsoft-Windows-CertificateServicesClient-CertEnroll', 86, undefined, true],
    ['Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 36, undefined, true],
    ['Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 39, undefined, true],
    ['Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 306, undefined, true],
    ['Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 32, undefined, true],
    ['Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 307, undefined, true],
  ])('%s %i', (provider, id, checkId, deviceSide) => {
    const e = decodeWindowsEvent(provider, id);
    expect(e?.id).toBe(id);
    expect(e?.checkId).toBe(checkId);
    expect(e?.deviceSide ?? false).toBe(deviceSide);
  });

  it('matches providers case-insensitively; only ASP.NET by prefix', () => {
    expect(decodeWindowsEvent('microsoft-windows-was', 5009)?.log).toBe('System');
    expect(decodeWindowsEvent('Application Error Reporting', 1000)).toBeNull();
    expect(decodeWindowsEvent('ASP.NET 2.0.50727.0', 1310)?.meaning).toContain('3007');
  });

  it('keys on provider and ID together', () => {
    expect(decodeWindowsEvent('Microsoft-Windows-WAS', 1000)).toBeNull();
    expect(decodeWindowsEvent('Application Error', 5009)).toBeNull();
    expect(decodeWindowsEvent('Microsoft-Windows-CAPI2', 12)).toBeNull();
  });

  it('mentions the accepted-result code of event 306 and lists each provider/ID once', () => {
    expect(
      decodeWindowsEvent('Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 306)
        ?.meaning,
    ).toContain('0x2ab0003');
    const keys = WINDOWS_EVENT_TABLE.map((e) => `${e.provider}#${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
