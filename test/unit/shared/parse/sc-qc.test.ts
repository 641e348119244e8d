import { describe, it, expect } from 'vitest';
import { sample } from '../../../helpers/paths';
import { ParseError } from '../../../../shared/parse/errors';
import { parseScQc } from '../../../../shared/parse/sc-qc';

const text = (rel: string): string => new TextDecoder().decode(sample(rel));

function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('parseScQc on the sc qc sample', () => {
  const [spoolerText, alloyText] = text(
    'command-output/sc-qc-spooler-dependencies-multiline.txt',
  ).split(/^---$/m);

  it('reads Spooler with its two-line DEPENDENCIES', () => {
    const r = parseScQc(spoolerText ?? '');
    expect(r.serviceName).toBe('Spooler');
    expect(r.type).toBe('110 WIN32_OWN_PROCESS (interactive)');
    expect(r.typeCode).toBe(110);
    expect(r.startType).toBe('2 AUTO_START');
    expect(r.startTypeCode).toBe(2);
    expect(r.binaryPathName).toBe('C:\\Windows\\System32\\spoolsv.exe');
    expect(r.displayName).toBe('Print Spooler');
    expect(r.dependencies).toEqual(['RPCSS', 'http']);
    expect(r.serviceStartName).toBe('LocalSystem');
    expect(r.errorCode).toBeNull();
    expect(r.warnings).toEqual([]);
  });

  it('reads Alloy: delayed auto start, quoted path, no dependencies', () => {
    const r = parseScQc(alloyText ?? '');
    expect(r.serviceName).toBe('Alloy');
    expect(r.startType).toBe('2 AUTO_START (DELAYED)');
    expect(r.binaryPathName).toBe(
      '"C:\\Program Files\\GrafanaLabs\\Alloy\\alloy-service-windows-amd64.exe"',
    );
    expect(r.dependencies).toEqual([]);
    expect(r.serviceStartName).toBe('LocalSystem');
  });

  it('keeps the first service of a file holding two, with a warning', () => {
    const r = parseScQc(text('command-output/sc-qc-spooler-dependencies-multiline.txt'));
    expect(r.serviceName).toBe('Spooler');
    expect(r.dependencies).toEqual(['RPCSS', 'http']);
    expect(r.warnings).toEqual(['line 20: a second service (Alloy) was ignored']);
  });
});

describe('parseScQc', () => {
  it('reads the service account of the Intune connector and a disabled start type', () => {
    const r = parseScQc(
      '[SC] QueryServiceConfig SUCCESS\r\n\r\nSERVICE_NAME: PFXCertificateConnectorSvc\r\n' +
        '        TYPE               : 10  WIN32_OWN_PROCESS\r\n        START_TYPE         : 4   DISABLED\r\n' +
        '        SERVICE_START_NAME : CORP\\svc-connector\r\n',
    );
    expect(r.serviceName).toBe('PFXCertificateConnectorSvc');
    expect(r.startTypeCode).toBe(4);
    expect(r.serviceStartName).toBe('CORP\\svc-connector');
  });

  it('reports the Win32 error of a missing service', () => {
    const r = parseScQc(
      '[SC] OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an installed service.\r\n',
    );
    expect(r.errorCode).toBe(1060);
    expect(r.serviceName).toBeNull();
  });

  it('gives an all-null result for empty text', () => {
    const r = parseScQc('');
    expect(r.serviceName).toBeNull();
    expect(r.dependencies).toEqual([]);
  });

  it('throws ParseError on binary garbage', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const bytes = garbage(4096, seed);
      expect(() => parseScQc(new TextDecoder('latin1').decode(bytes))).toThrow(ParseError);
      expect(() => parseScQc(new TextDecoder().decode(bytes))).toThrow(ParseError);
    }
  });
});
