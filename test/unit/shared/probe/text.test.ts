import { describe, expect, it } from 'vitest';
import { renderProbeText } from '../../../../shared/probe/text';
import type { ProbeReport } from '../../../../shared/probe/types';

const report: ProbeReport = {
  schema: 'ndes-doctor-probe/1',
  url: 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
  startedAt: '2026-11-20T09:14:03.000Z',
  elapsedMs: 412,
  ndes: true,
  verdict: 'fail',
  steps: [
    {
      name: 'base',
      url: 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
      method: 'GET',
      status: 403,
      elapsedMs: 18,
      error: null,
      verdict: 'ok',
      meaning: 'HTTP 403 Forbidden: mscep.dll answers with the Intune policy module loaded.',
      notes: [],
      checkId: 'mscep-endpoint-403',
    },
    {
      name: 'long-url',
      url: 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
      method: 'GET',
      status: 404,
      elapsedMs: 40.25,
      error: null,
      verdict: 'fail',
      meaning: 'URLs up to 16381 bytes got through; 32765 bytes was refused.',
      notes: ['32765 bytes: IIS 404.15.'],
    },
  ],
  tls: null,
  caps: null,
  caCerts: null,
  longUrl: {
    referenceStatus: 500,
    attempts: [
      { bytes: 16381, status: 500, elapsedMs: 9, error: null, rejection: null, accepted: true },
      {
        bytes: 32765,
        status: 404,
        elapsedMs: 7.5,
        error: null,
        rejection: 'iis-404.15',
        accepted: false,
      },
    ],
    largestAccepted: 16381,
    smallestRejected: 32765,
  },
  enrollment: null,
};

describe('renderProbeText', () => {
  it('one line per step, notes indented, the long-URL series and a result line', () => {
    expect(renderProbeText(report)).toBe(
      [
        'SCEP probe of https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll',
        'Started 2026-11-20T09:14:03.000Z; 412 ms in all. Endpoint: NDES (IIS / mscep.dll).',
        '',
        '[OK]   base         GET  403     18.0 ms  HTTP 403 Forbidden: mscep.dll answers with the Intune policy module loaded.',
        '[FAIL] long-url     GET  404     40.3 ms  URLs up to 16381 bytes got through; 32765 bytes was refused.',
        '         - 32765 bytes: IIS 404.15.',
        '',
        'Long URLs (reference HTTP 500):',
        '   16381 bytes  500  9.0 ms  accepted',
        '   32765 bytes  404  7.5 ms  refused (iis-404.15)',
        '',
        'Result: FAIL (1 failed, 0 warnings).',
        '',
      ].join('\n'),
    );
  });
});
