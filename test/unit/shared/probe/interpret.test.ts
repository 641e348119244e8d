import { describe, expect, it } from 'vitest';
import {
  assessCaps,
  assessLongUrl,
  chooseAlgorithms,
  decodeLongUrl,
  iisPageStatus,
  interpretBase,
  transportMeaning,
} from '../../../../shared/probe/interpret';
import type { HttpAnswer } from '../../../../shared/probe/interpret';
import type { LongUrlAttempt } from '../../../../shared/probe/types';
import { sample } from '../../../helpers/paths';
import { iisErrorPage } from '../../../fixtures/lib/healthy/probe';

const LOCAL = 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll';
const EXTERNAL = 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll';

function answer(status: number | null, body = '', extra: Partial<HttpAnswer> = {}): HttpAnswer {
  return { status, headers: {}, body: new TextEncoder().encode(body), error: null, ...extra };
}

/** A GetCACaps body from the samples file: the lines after the `# 4x)` header up to the next `#`. */
function capsSample(tag: string): string {
  const lines = new TextDecoder().decode(sample('scep/scep-wire-examples.txt')).split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(`# ${tag})`));
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('#')) break;
    body.push(l);
  }
  return body.join('\r\n');
}

describe('interpretBase (mscep-endpoint-403)', () => {
  const forbidden = '<h2>HTTP Error 403.0 - Forbidden</h2>';
  it.each([
    ['403.0 from mscep.dll', answer(403, forbidden), 'ok', /policy module loaded/],
    [
      '403 generic remote page',
      answer(403, iisErrorPage(403, 'Forbidden: Access is denied.', '')),
      'ok',
      /expected answer/,
    ],
    [
      '403.14 from IIS itself',
      answer(403, '<h3>HTTP Error 403.14 - Forbidden</h3>'),
      'warn',
      /403\.14 came from IIS itself/,
    ],
    [
      '200 NDES page',
      answer(200, '<Title>Network Device Enrollment Service</Title>'),
      'fail',
      /policy module is not loaded/,
    ],
    [
      '200 something else',
      answer(200, '<html>Welcome</html>'),
      'fail',
      /something other than mscep\.dll/,
    ],
    [
      '500.0.1346',
      answer(500, '<h3>HTTP Error 500.0</h3><th>Error Code</th><td>0x80070542</td>'),
      'fail',
      /ERROR_BAD_IMPERSONATION_LEVEL/,
    ],
    [
      '500',
      answer(500, iisErrorPage(500, 'Internal server error.', '')),
      'fail',
      /service account is locked/,
    ],
    ['503', answer(503, 'Service Unavailable'), 'fail', /SCEP application pool is stopped/],
    ['414', answer(414, ''), 'fail', /Request-URI Too Long/],
    ['404.15', answer(404, '<h3>HTTP Error 404.15 - Not Found</h3>'), 'fail', /maxQueryString/],
  ])('%s', (_n, a, verdict, meaning) => {
    const i = interpretBase(a, LOCAL, true);
    expect(i.verdict).toBe(verdict);
    expect(i.meaning).toMatch(meaning);
  });

  it('names the check each answer belongs to', () => {
    expect(interpretBase(answer(503), LOCAL, true).checkId).toBe('scep-apppool-running');
    expect(
      interpretBase(answer(500, '0x80070542 Error Code 0x80070542'), LOCAL, true).checkId,
    ).toBe('mscep-impersonation-500');
    expect(interpretBase(answer(504, 'GatewayTimeout'), EXTERNAL, true).checkId).toBe(
      'app-proxy-connector-running',
    );
    expect(interpretBase(answer(403), LOCAL, true).checkId).toBe('mscep-endpoint-403');
  });

  it('transport errors: DNS on an App Proxy URL is "This page can\'t be displayed"', () => {
    const dns = interpretBase(
      answer(null, '', { error: 'getaddrinfo ENOTFOUND x', errorCode: 'ENOTFOUND' }),
      EXTERNAL,
      true,
    );
    expect(dns.verdict).toBe('fail');
    expect(dns.meaning).toMatch(/This page can't be displayed/);
    expect(transportMeaning(answer(null, '', { errorCode: 'ECONNREFUSED', error: 'x' }))).toMatch(
      /refused/,
    );
    expect(transportMeaning(answer(null, '', { errorCode: 'ECONNRESET', error: 'x' }))).toMatch(
      /no certificate bound/,
    );
    expect(
      transportMeaning(answer(null, '', { error: 'timeout: no complete answer within 10 ms' })),
    ).toMatch(/No answer in time/);
  });

  it('a 3xx names where it points', () => {
    const i = interpretBase(
      answer(302, '', { headers: { Location: 'https://login.example/' } }),
      LOCAL,
      true,
    );
    expect(i.meaning).toContain('https://login.example/ (not followed)');
  });

  it('a non-NDES SCEP server is not held to the 403', () => {
    expect(
      interpretBase(answer(500, 'operation not implemented'), 'http://127.0.0.1:8080/scep', false)
        .verdict,
    ).toBe('info');
  });

  it('reads substatus and Win32 code of IIS detailed pages', () => {
    expect(iisPageStatus('<h3>HTTP Error 404.15 - Not Found</h3>')).toEqual({
      substatus: 15,
      win32: null,
    });
    expect(iisPageStatus('<th>Error Code</th><td>0x80070542</td>')).toEqual({
      substatus: null,
      win32: 1346,
    });
    expect(iisPageStatus(iisErrorPage(403, 'Forbidden', ''))).toEqual({
      substatus: null,
      win32: null,
    });
  });
});

describe('assessCaps (GetCACaps)', () => {
  it('EJBCA via sscep: no AES; SHA-1 and DES3 weak; POST, SHA-256, 3DES chosen', () => {
    const r = assessCaps(
      answer(200, capsSample('4a'), { headers: { 'Content-Type': 'text/plain' } }),
    );
    expect(r.caps).toEqual({
      capabilities: ['POSTPKIOperation', 'Renewal', 'SHA-512', 'SHA-256', 'SHA-1', 'DES3'],
      missing: ['AES'],
      weak: ['DES3', 'SHA-1'],
      chosen: { method: 'POST', hash: 'SHA-256', cipher: 'des-ede3-cbc' },
    });
    expect(r.verdict).toBe('warn');
    expect(r.notes).toEqual([
      'Not advertised: AES.',
      'Weak algorithms advertised: DES3, SHA-1 (devices that pick them get weaker protection).',
    ]);
  });

  it('Dogtag: SCEPStandard covers AES, POST and SHA-256: ok', () => {
    const r = assessCaps(
      answer(200, capsSample('4b'), { headers: { 'content-type': 'text/plain' } }),
    );
    expect(r.caps?.capabilities).toEqual([
      'AES',
      'GetNextCACert',
      'POSTPKIOperation',
      'SCEPStandard',
      'SHA-256',
    ]);
    expect(r.caps?.missing).toEqual([]);
    expect(r.verdict).toBe('ok');
  });

  it('NDES without POSTPKIOperation: GET, and the missing Content-Type is noted (jscep #49)', () => {
    const r = assessCaps(answer(200, 'SHA-512\r\nSHA-1\r\nDES3\r\n'));
    expect(r.caps?.missing).toEqual(['AES', 'POSTPKIOperation']);
    expect(r.caps?.chosen).toEqual({ method: 'GET', hash: 'SHA-512', cipher: 'des-ede3-cbc' });
    expect(r.notes.join(' ')).toMatch(/long-URL limits decide/);
    expect(r.notes.join(' ')).toMatch(/jscep #49/);
  });

  it('fails on an HTTP error or a body without keywords', () => {
    expect(assessCaps(answer(500, iisErrorPage(500, 'Internal server error.', ''))).verdict).toBe(
      'fail',
    );
    expect(assessCaps(answer(200, '<html><body>Hello there!</body></html>')).verdict).toBe('fail');
    expect(assessCaps(answer(null, '', { error: 'x', errorCode: 'ECONNREFUSED' })).caps).toBeNull();
  });

  it('chooses the RFC 8894 defaults without any capability', () => {
    expect(chooseAlgorithms([])).toEqual({ method: 'GET', hash: 'SHA-1', cipher: 'des-ede3-cbc' });
    expect(chooseAlgorithms(['scepstandard'])).toEqual({
      method: 'POST',
      hash: 'SHA-256',
      cipher: 'aes-128-cbc',
    });
  });
});

describe('long URLs', () => {
  it.each([
    [414, '', 500, 'uri-too-long-414'],
    [404, '<h3>HTTP Error 404.15 - Not Found</h3>', 500, 'iis-404.15'],
    [404, '<h3>HTTP Error 404.14 - Not Found</h3>', 500, 'iis-404.14'],
    [400, '<h2>Bad Request - Request Too Long</h2>', 400, 'httpsys-400'],
    [400, 'Bad Request', 500, 'other-400'],
    [400, 'Bad Request', 400, null],
    [404, 'Not Found', 404, null],
    [500, '', 500, null],
    [200, '', 500, null],
  ] as const)('%i %j (reference %i) → %s', (status, body, ref, want) => {
    expect(decodeLongUrl(status, body, ref)).toBe(want);
  });

  const at = (bytes: number, accepted: boolean, status = accepted ? 500 : 404): LongUrlAttempt => ({
    bytes,
    status,
    elapsedMs: 3,
    error: null,
    rejection: accepted ? null : 'iis-404.15',
    accepted,
  });

  it('reports the largest accepted and how the next one failed', () => {
    const r = assessLongUrl([at(4093, true), at(16381, true), at(32765, false), at(61437, false)]);
    expect(r.verdict).toBe('fail');
    expect(r.meaning).toBe(
      'URLs up to 16381 bytes got through; 32765 bytes was refused (IIS 404.15: the query string exceeds request filtering maxQueryString (set 65534)). Devices whose requests are longer fail at PKIOperation.',
    );
    expect(r.notes).toHaveLength(2);
  });

  it('ok when all get through; warn when only the 60 KiB one is refused; fail when none', () => {
    expect(assessLongUrl([at(4093, true), at(61437, true)]).verdict).toBe('ok');
    expect(assessLongUrl([at(32765, true), at(61437, false)]).verdict).toBe('warn');
    expect(assessLongUrl([at(4093, false)]).meaning).toMatch(/Even the shortest/);
    expect(assessLongUrl([{ ...at(4093, false), status: null, rejection: null }]).verdict).toBe(
      'warn',
    );
  });
});
