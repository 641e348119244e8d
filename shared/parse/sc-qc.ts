// Reads `sc qc <service>` (W3SVC, WAS, PFXCertificateConnectorSvc, NDESConnectorSvc): start type,
// logon account and dependencies. sc prints fixed English keys with numeric codes first
// (`START_TYPE : 2   AUTO_START  (DELAYED)`), and continues DEPENDENCIES on lines holding only
// `: value` (https://learn.microsoft.com/windows-server/administration/windows-commands/sc-qc).
// Empty text gives an all-null result; binary content throws ParseError.
import { commandLines } from './command-text';

export interface ScQc {
  serviceName: string | null;
  /** Whitespace collapsed: `110 WIN32_OWN_PROCESS (interactive)`. */
  type: string | null;
  /** Numeric service type (locale-independent). */
  typeCode: number | null;
  /** Whitespace collapsed: `2 AUTO_START (DELAYED)`. */
  startType: string | null;
  /** 2 auto, 3 demand, 4 disabled (locale-independent). */
  startTypeCode: number | null;
  /** As printed, quotes kept. */
  binaryPathName: string | null;
  dependencies: string[];
  serviceStartName: string | null;
  displayName: string | null;
  /** Win32 error of a `[SC] … FAILED <code>:` line (1060 = service does not exist). */
  errorCode: number | null;
  warnings: string[];
}

const FIELD = /^\s*([A-Z_]+)\s*:\s?(.*)$/;
const CONTINUATION = /^\s+:\s?(.*)$/;

export function parseScQc(text: string): ScQc {
  const r: ScQc = {
    serviceName: null,
    type: null,
    typeCode: null,
    startType: null,
    startTypeCode: null,
    binaryPathName: null,
    dependencies: [],
    serviceStartName: null,
    displayName: null,
    errorCode: null,
    warnings: [],
  };
  let lastKey = '';
  const lines = commandLines(text, 'sc qc');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const failed = /^\[SC\].*FAILED\s+(\d+)/.exec(line);
    if (failed) r.errorCode = Number(failed[1]);
    const cont = CONTINUATION.exec(line);
    if (cont) {
      if (lastKey === 'DEPENDENCIES') pushValue(r.dependencies, cont[1]);
      continue;
    }
    const f = FIELD.exec(line);
    if (!f) continue;
    const key = f[1] ?? '';
    const value = (f[2] ?? '').trim();
    if (key === 'SERVICE_NAME' && r.serviceName !== null) {
      r.warnings.push(`line ${i + 1}: a second service (${value}) was ignored`);
      break;
    }
    lastKey = key;
    const collapsed = value.replace(/\s+/g, ' ') || null;
    switch (key) {
      case 'SERVICE_NAME':
        r.serviceName = value || null;
        break;
      case 'TYPE':
        r.type = collapsed;
        r.typeCode = leadingNumber(value);
        break;
      case 'START_TYPE':
        r.startType = collapsed;
        r.startTypeCode = leadingNumber(value);
        break;
      case 'BINARY_PATH_NAME':
        r.binaryPathName = value || null;
        break;
      case 'DISPLAY_NAME':
        r.displayName = value || null;
        break;
      case 'SERVICE_START_NAME':
        r.serviceStartName = value || null;
        break;
      case 'DEPENDENCIES':
        pushValue(r.dependencies, value);
        break;
    }
  }
  return r;
}

function pushValue(list: string[], v: string | undefined): void {
  const t = (v ?? '').trim();
  if (t !== '') list.push(t);
}

function leadingNumber(v: string): number | null {
  const m = /^(\d+)/.exec(v);
  return m ? Number(m[1]) : null;
}
