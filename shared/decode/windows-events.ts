// Other Windows events the rules read or show (CHECKS.md §4.7): pool crashes, the NDES install
// command line, CAPI2 chain building and device-side SCEP results. Matched on the provider name
// (`System/Provider/@Name`) and ID, never on the localized message.

export interface WindowsEventEntry {
  /** Log (channel) the event is written to. */
  log: string;
  /** Provider name; with `providerPrefix` any provider starting with it (`ASP.NET 4.0.30319.0`). */
  provider: string;
  providerPrefix?: boolean;
  id: number;
  /** One English sentence, translated later. */
  meaning: string;
  checkId?: string;
  /** Written on the device, not on the NDES server. */
  deviceSide?: boolean;
}

const DMEDP = 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider';
const DMEDP_LOG = `${DMEDP}/Admin`;
const CAPI2 = 'Microsoft-Windows-CAPI2';
const CAPI2_LOG = `${CAPI2}/Operational`;
const WAS = 'Microsoft-Windows-WAS';
const CERTENROLL = 'Microsoft-Windows-CertificateServicesClient-CertEnroll';

export const WINDOWS_EVENT_TABLE: readonly WindowsEventEntry[] = [
  {
    log: 'Application',
    provider: 'Application Error',
    id: 1000,
    meaning:
      'A process crashed; for the SCEP pool it is w3wp.exe failing in ntdll.dll with exception 0xc0000005.',
    checkId: 'scep-apppool-crashes',
  },
  {
    log: 'Application',
    provider: 'ASP.NET',
    providerPrefix: true,
    id: 1310,
    meaning:
      'ASP.NET reported event code 3007 (a compilation error), seen when the certificate registration service cannot write to its Temp folder.',
  },
  {
    log: 'System',
    provider: WAS,
    id: 5009,
    meaning: "A worker process of an application pool (for NDES, 'SCEP') terminated unexpectedly.",
    checkId: 'scep-apppool-crashes',
  },
  {
    log: 'System',
    provider: WAS,
    id: 5002,
    meaning: 'An application-pool failure event that the crash check counts together with 5009.',
    checkId: 'scep-apppool-crashes',
  },
  {
    log: 'System',
    provider: WAS,
    id: 5011,
    meaning: 'An application-pool failure event that the crash check shows in its details.',
    checkId: 'scep-apppool-crashes',
  },
  {
    log: 'Microsoft-Windows-CertificateServices-Deployment/Operational',
    provider: 'Microsoft-Windows-CertificateServices-Deployment',
    id: 105,
    meaning:
      'Records the NDES installation command line, including the signing and encryption providers, the CA and the service account.',
    checkId: 'ra-certificates-csp',
  },
  {
    log: CAPI2_LOG,
    provider: CAPI2,
    id: 11,
    meaning: 'CAPI2 built a certificate chain; at error level the chain could not be completed.',
    checkId: 'capi2-chain-errors',
  },
  {
    log: CAPI2_LOG,
    provider: CAPI2,
    id: 30,
    meaning:
      'CAPI2 checked a certificate chain against a policy; at error level the chain was rejected.',
    checkId: 'capi2-chain-errors',
  },
  {
    log: CAPI2_LOG,
    provider: CAPI2,
    id: 41,
    meaning: 'CAPI2 checked the revocation status of a certificate.',
    checkId: 'capi2-chain-errors',
  },
  {
    log: CAPI2_LOG,
    provider: CAPI2,
    id: 53,
    meaning: 'CAPI2 retrieved an object from a URL, such as a CRL or an issuer certificate.',
    checkId: 'capi2-chain-errors',
  },
  {
    log: 'Application',
    provider: CERTENROLL,
    id: 20,
    meaning:
      'A certificate was installed or renewed; after an RA renewal the SCEP pool must restart to use it.',
  },
  {
    log: 'Application',
    provider: CERTENROLL,
    id: 86,
    meaning: 'SCEP initialization failed on the client side of a device.',
    deviceSide: true,
  },
  {
    log: DMEDP_LOG,
    provider: DMEDP,
    id: 36,
    meaning: 'SCEP: the device generated its certificate request successfully.',
    deviceSide: true,
  },
  {
    log: DMEDP_LOG,
    provider: DMEDP,
    id: 39,
    meaning: 'SCEP: the device installed the certificate successfully.',
    deviceSide: true,
  },
  {
    log: DMEDP_LOG,
    provider: DMEDP,
    id: 306,
    meaning: 'SCEP result on the device; result 0x2ab0003 means the request was accepted.',
    deviceSide: true,
  },
  {
    log: DMEDP_LOG,
    provider: DMEDP,
    id: 32,
    meaning: 'SCEP failed on the device.',
    deviceSide: true,
  },
  {
    log: DMEDP_LOG,
    provider: DMEDP,
    id: 307,
    meaning: 'SCEP failed on the device.',
    deviceSide: true,
  },
];

/** The §4.7 row for a provider (case-insensitive) and event ID; null when not listed. */
export function decodeWindowsEvent(provider: string, id: number): WindowsEventEntry | null {
  const p = provider.trim().toLowerCase();
  return (
    WINDOWS_EVENT_TABLE.find((e) => {
      if (e.id !== id) return false;
      const name = e.provider.toLowerCase();
      return e.providerPrefix ? p.startsWith(name) : p === name;
    }) ?? null
  );
}
