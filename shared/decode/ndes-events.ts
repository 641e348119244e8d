// NDES events in the Application log (CHECKS.md §4.6). Names come from X-GRAD, which built them
// from the message table, not from official Microsoft documentation; the HRESULT in the event
// data (§4.8) usually says more than the ID.

export const NDES_PROVIDER = 'Microsoft-Windows-NetworkDeviceEnrollmentService';

export interface NdesEventEntry {
  id: number;
  /** Message-table symbol, when known. */
  symbol: string | null;
  /** One English sentence, translated later. */
  meaning: string;
  /** ndes-event-errors counts it (`error`) or lists it as information (`info`). */
  kind: 'error' | 'info';
  checkId?: string;
}

export const NDES_EVENT_TABLE: readonly NdesEventEntry[] = [
  { id: 1, symbol: null, meaning: 'The Network Device Enrollment Service started.', kind: 'info' },
  {
    id: 2,
    symbol: 'EVENT_MSCEP_FAILED_TO_LOAD',
    meaning:
      'NDES could not start: with 0x80070002 the MSCEP registry is inconsistent or the policy module failed, with 0x80070057 no usable RA certificate or key was found.',
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  { id: 3, symbol: null, meaning: 'The Network Device Enrollment Service stopped.', kind: 'info' },
  {
    id: 4,
    symbol: null,
    meaning: 'The Network Device Enrollment Service could not be stopped.',
    kind: 'info',
  },
  {
    id: 6,
    symbol: null,
    meaning: 'The service account has no Enroll permission on a certificate template.',
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  {
    id: 7,
    symbol: null,
    meaning: 'NDES failed to return the CA certificates.',
    kind: 'info',
  },
  {
    id: 10,
    symbol: 'EVENT_MSCEP_FAILED_RA_CERT',
    meaning:
      'NDES cannot retrieve one of its RA certificates; this often comes with event 2 and 0x80070057.',
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  {
    id: 16,
    symbol: 'EVENT_MSCEP_FAIL_TO_DECODE',
    meaning: 'NDES could not decode the message a client sent.',
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  {
    id: 17,
    symbol: 'EVENT_MSCEP_FAIL_TO_RETRIEVE_INFO',
    meaning:
      "NDES could not read the client's PKCS#7 message (0x8009310b, ASN1 bad tag); the long-URL test causes this too.",
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  {
    id: 18,
    symbol: 'EVENT_MSCEP_FAIL_TO_DECRYPT_INNER',
    meaning: "NDES could not decrypt the inner content of the client's message.",
    kind: 'error',
    checkId: 'ndes-event-errors',
  },
  {
    id: 31,
    symbol: 'EVENT_MSCEP_FAIL_SUBMIT',
    meaning:
      'Submitting the request to the CA failed; the ErrorCode and ErrorMessage data say why.',
    kind: 'error',
    checkId: 'ca-submit-failures',
  },
  {
    id: 49,
    symbol: null,
    meaning:
      'NDES cannot decrypt the MSCEP EncryptedPassword registry value; deleting that value fixes it.',
    kind: 'info',
  },
];

/** The §4.6 row for an NDES event ID; null when the ID is not listed. */
export function decodeNdesEvent(id: number): NdesEventEntry | null {
  return NDES_EVENT_TABLE.find((e) => e.id === id) ?? null;
}
