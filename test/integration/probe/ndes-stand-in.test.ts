// The probe against local stand-ins that answer like IIS in front of NDES: a healthy
// Intune-managed NDES (403, CA + both RA certificates, the policy module refusing a made-up
// challenge) and the broken ones the seeds describe (NDES page, 500, 503, 404.15, 414, 400, 504).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { runProbe } from '../../../main/probe/probe';
import type { ProbeOptions } from '../../../main/probe/probe';
import type { ProbeReport } from '../../../shared/probe/types';
import {
  FIXTURE_NOW,
  fixedHandler,
  iisDetailed,
  ndesFixture,
  ndesHandler,
  startStandIn,
} from './stand-in';
import type { Handler, NdesFixture, NdesOptions, StandIn } from './stand-in';

let fx: NdesFixture;
const running: StandIn[] = [];

beforeAll(async () => {
  fx = await ndesFixture();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serve(h: Handler): Promise<StandIn> {
  const s = await startStandIn(h);
  running.push(s);
  return s;
}

async function probe(h: Handler, o: ProbeOptions = {}): Promise<ProbeReport> {
  const s = await serve(h);
  return runProbe(s.url, { now: () => FIXTURE_NOW, timeoutMs: 3000, ...o });
}

const ndes = (o: NdesOptions = {}) => ndesHandler(fx, o);

function step(r: ProbeReport, name: string) {
  const s = r.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no ${name} step in ${r.steps.map((x) => x.name).join(',')}`);
  return s;
}

describe('a healthy Intune-managed NDES', () => {
  it('403 on the bare URL: the policy module is loaded', async () => {
    const r = await probe(ndes(), { longUrlSizesKb: [] });
    expect(r.ndes).toBe(true);
    expect(step(r, 'base')).toMatchObject({
      status: 403,
      verdict: 'ok',
      checkId: 'mscep-endpoint-403',
      method: 'GET',
    });
  });

  it("GetCACaps with NDES's default list: AES and POST missing, SHA-1 and DES3 weak", async () => {
    const r = await probe(ndes(), { longUrlSizesKb: [] });
    expect(r.caps?.capabilities).toEqual(['Renewal', 'SHA-512', 'SHA-256', 'SHA-1', 'DES3']);
    expect(r.caps?.missing).toEqual(['AES', 'POSTPKIOperation']);
    expect(r.caps?.weak).toEqual(['DES3', 'SHA-1']);
    expect(r.caps?.chosen).toEqual({ method: 'GET', hash: 'SHA-256', cipher: 'des-ede3-cbc' });
    expect(step(r, 'getcacaps').verdict).toBe('warn');
  });

  it('GetCACert: the degenerate PKCS#7 classified into CA, CEP Encryption and Enrollment Agent', async () => {
    const r = await probe(ndes(), { longUrlSizesKb: [] });
    const c = r.caCerts!;
    expect(c.form).toBe('ca-ra');
    expect(c.contentType).toBe('application/x-x509-ca-ra-cert');
    expect(c.certs.map((x) => x.role)).toEqual(['ra-signature', 'ra-encryption', 'ca']);
    expect(c.certs.map((x) => x.cert.thumbprint)).toEqual([
      fx.raEaThumbprint,
      fx.raCepThumbprint,
      expect.any(String),
    ]);
    const issuing = c.certs[2]!;
    expect(c.certs[0]?.issuedBy).toBe(issuing.cert.thumbprint);
    expect(c.certs[0]?.signatureValid).toBe(true);
    expect(c.certs.every((x) => x.timeValid)).toBe(true);
    expect(c.recipient).toBe(1);
    expect(step(r, 'getcacert')).toMatchObject({ verdict: 'ok', status: 200 });
  });

  it('compares the served RA certificates with the local store', async () => {
    const same = await probe(ndes(), {
      longUrlSizesKb: [],
      localRaThumbprints: [fx.raCepThumbprint, fx.raEaThumbprint.toLowerCase()],
    });
    expect(same.caCerts?.certs.map((x) => x.inLocalStore)).toEqual([true, true, null]);
    expect(step(same, 'getcacert').verdict).toBe('ok');
    const renewed = await probe(ndes(), {
      longUrlSizesKb: [],
      localRaThumbprints: [fx.raCepThumbprint, 'AA'.repeat(20)],
    });
    expect(renewed.caCerts?.certs[0]?.inLocalStore).toBe(false);
    const s = step(renewed, 'getcacert');
    expect(s.verdict).toBe('fail');
    expect(s.notes.join(' ')).toMatch(
      /Enrollment Agent RA certificate .* is not an RA certificate of LocalMachine\\My: .*iisreset/,
    );
  });

  it('RA certificates found expired when the clock is past them', async () => {
    const r = await probe(ndes(), {
      longUrlSizesKb: [],
      now: () => Date.parse('2027-07-01T00:00:00Z'),
    });
    expect(r.caCerts?.certs.map((x) => x.timeValid)).toEqual([false, false, true]);
    expect(step(r, 'getcacert').verdict).toBe('fail');
  });

  it('a made-up challenge comes back as a clean FAILURE from the Intune policy module', async () => {
    const r = await probe(ndes(), { enroll: true, longUrlSizesKb: [] });
    expect(r.enrollment).toMatchObject({
      method: 'GET',
      cipher: 'des-ede3-cbc',
      hash: 'SHA-256',
      challengeMadeUp: true,
      pkiStatus: 'FAILURE',
      failInfo: 'badRequest',
      recipientNonceOk: true,
      transactionIdOk: true,
      signatureValid: true,
      answeredBy: 'policy-module',
    });
    expect(r.enrollment?.signer).toContain('CN=');
    const s = step(r, 'pkioperation');
    expect(s.verdict).toBe('ok');
    expect(s.meaning).toMatch(/Intune policy module for the made-up challenge/);
    expect(s.notes[0]).toBe('Answered by: the Intune policy module.');
  });

  it('the same FAILURE for a given challenge is a failure of the enrollment', async () => {
    const r = await probe(ndes(), { challenge: 'eyJhbGciOi.fake-intune-blob', longUrlSizesKb: [] });
    expect(step(r, 'pkioperation').verdict).toBe('fail');
    expect(r.enrollment?.answeredBy).toBe('policy-module');
  });

  it('POST when asked: the request travels as the body', async () => {
    const s = await serve(ndes());
    const r = await runProbe(s.url, {
      enroll: true,
      method: 'POST',
      longUrlSizesKb: [],
      now: () => FIXTURE_NOW,
    });
    expect(r.enrollment).toMatchObject({
      method: 'POST',
      pkiStatus: 'FAILURE',
      answeredBy: 'policy-module',
    });
    expect(s.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/certsrv/mscep/mscep.dll?operation=PKIOperation',
    });
  });

  it('a CertRep whose signature does not verify fails the step', async () => {
    const r = await probe(ndes({ tamper: true }), { enroll: true, longUrlSizesKb: [] });
    expect(r.enrollment?.signatureValid).toBe(false);
    expect(step(r, 'pkioperation')).toMatchObject({ verdict: 'fail' });
    expect(step(r, 'pkioperation').meaning).toMatch(/signature does not verify/);
  });

  it('pins the issuing CA by SHA-256, not an RA certificate', async () => {
    const fp = createHash('sha256').update(fx.issuingDer).digest('hex');
    const ok = await probe(ndes(), { caFingerprint: fp, longUrlSizesKb: [] });
    expect(step(ok, 'ca-pin').verdict).toBe('ok');
    const ra = ok.caCerts!.certs[1]!.sha256;
    const bad = await probe(ndes(), { caFingerprint: ra, enroll: true, longUrlSizesKb: [] });
    expect(step(bad, 'ca-pin')).toMatchObject({ verdict: 'fail' });
    expect(step(bad, 'ca-pin').meaning).toMatch(/not the CA certificate/);
    expect(bad.enrollment).toBeNull();
  });
});

describe('broken NDES answers on the bare URL', () => {
  it('200 with the NDES page: the policy module is not loaded', async () => {
    const r = await probe(ndes({ base: 'ndes-page' }), { longUrlSizesKb: [] });
    expect(step(r, 'base')).toMatchObject({
      status: 200,
      verdict: 'fail',
      checkId: 'connector-installed',
    });
    expect(step(r, 'base').meaning).toMatch(/policy module is not loaded/);
  });

  it('500 with IIS error 0x80070542: IIS_IUSRS lacks the impersonation right', async () => {
    const r = await probe(
      (_q, res) => {
        res.writeHead(500, { Server: 'Microsoft-IIS/10.0', 'Content-Type': 'text/html' });
        res.end(
          '<h3>HTTP Error 500.0 - Internal Server Error</h3><table><tr><th>Error Code</th><td>0x80070542</td></tr></table>',
        );
      },
      { longUrlSizesKb: [] },
    );
    expect(step(r, 'base')).toMatchObject({
      status: 500,
      verdict: 'fail',
      checkId: 'mscep-impersonation-500',
    });
  });

  it.each([
    [
      500,
      'Internal server error.',
      'service-account-enabled',
      /service account is locked|RA certificates/,
    ],
    [503, 'Service Unavailable', 'scep-apppool-running', /application pool is stopped/],
    [414, 'Request-URI Too Long', 'mscep-long-url-rejected', /length limit/],
    [
      401,
      'Unauthorized: Access is denied due to invalid credentials.',
      'mscep-anonymous-auth',
      /Anonymous/,
    ],
  ])('%i: %s', async (status, title, checkId, meaning) => {
    const r = await probe(fixedHandler(status, title), { longUrlSizesKb: [], enroll: true });
    expect(step(r, 'base')).toMatchObject({ status, verdict: 'fail', checkId });
    expect(step(r, 'base').meaning).toMatch(meaning);
    expect(step(r, 'getcacaps').verdict).toBe('fail');
    expect(step(r, 'getcacert').verdict).toBe('fail');
    expect(step(r, 'pkioperation')).toMatchObject({ verdict: 'fail', status: null });
  });

  it('504 GatewayTimeout from a gateway: the App Proxy connector', async () => {
    const r = await probe(fixedHandler(504, 'GatewayTimeout'), { longUrlSizesKb: [] });
    expect(step(r, 'base').meaning).toMatch(/GatewayTimeout: .*private network connector/);
  });

  it('a redirect is not followed: devices use the URL as it is', async () => {
    const r = await probe(
      (_q, res) => {
        res.writeHead(302, { Location: '/certsrv/mscep/other', Server: 'Microsoft-IIS/10.0' });
        res.end();
      },
      { longUrlSizesKb: [] },
    );
    expect(step(r, 'base')).toMatchObject({ status: 302, verdict: 'fail' });
    expect(step(r, 'base').meaning).toContain('/certsrv/mscep/other (not followed)');
  });
});

describe('long URLs', () => {
  it.each([
    ['404.15', 'iis-404.15', /maxQueryString/],
    ['404.14', 'iis-404.14', /maxUrl/],
    ['414', 'uri-too-long-414', /414/],
    ['httpsys-400', 'httpsys-400', /MaxFieldLength/],
  ] as const)(
    'a %s limit at 20 KiB: largest accepted 16 KiB, and how larger ones fail',
    async (mode, rejection, text) => {
      const r = await probe(ndes({ limit: { bytes: 20_000, mode } }));
      const a = r.longUrl!;
      expect(a.referenceStatus).toBe(500);
      expect(a.attempts.map((x) => x.accepted)).toEqual([true, true, false, false]);
      expect(a.attempts.map((x) => x.rejection)).toEqual([null, null, rejection, rejection]);
      expect(a.largestAccepted).toBeGreaterThan(16 * 1024 - 4);
      expect(a.largestAccepted).toBeLessThanOrEqual(16 * 1024);
      expect(a.smallestRejected).toBeGreaterThan(32 * 1024 - 4);
      const s = step(r, 'long-url');
      expect(s.verdict).toBe('fail');
      expect(s.meaning).toMatch(text);
      expect(s.checkId).toBe('mscep-long-url-ok');
    },
  );

  it('a limit above 32 KiB warns only (T-URL asks for 30 KB)', async () => {
    const r = await probe(ndes({ limit: { bytes: 40_000, mode: '404.15' } }));
    expect(r.longUrl?.attempts.map((x) => x.accepted)).toEqual([true, true, true, false]);
    expect(step(r, 'long-url').verdict).toBe('warn');
  });

  it('a PKIOperation GET longer than the limit is refused before mscep.dll: answered by IIS', async () => {
    const r = await probe(ndes({ limit: { bytes: 2000, mode: '404.15' } }), {
      enroll: true,
      longUrlSizesKb: [],
    });
    const s = step(r, 'pkioperation');
    expect(s).toMatchObject({ status: 404, verdict: 'fail' });
    expect(r.enrollment?.answeredBy).toBe('iis');
  });

  it('a server answering 400 to any synthetic message is no length limit', async () => {
    const r = await probe((req, res) => {
      const op = new URL(req.url ?? '/', 'http://x').searchParams.get('operation');
      res.writeHead(op === 'PKIOperation' ? 400 : 403, { Server: 'Microsoft-IIS/10.0' });
      res.end('bad message');
    });
    expect(r.longUrl?.referenceStatus).toBe(400);
    expect(r.longUrl?.attempts.every((x) => x.accepted)).toBe(true);
  });
});

describe('transport', () => {
  it('a hanging socket times out per request and the later steps are not sent', async () => {
    const s = await serve(() => undefined);
    const t0 = performance.now();
    const r = await runProbe(s.url, { timeoutMs: 300, enroll: true });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(step(r, 'base')).toMatchObject({ status: null, verdict: 'fail' });
    expect(step(r, 'base').error).toMatch(/timeout: no complete answer within 300 ms/);
    expect(step(r, 'base').meaning).toMatch(/No answer in time/);
    expect(step(r, 'getcacaps').meaning).toMatch(/Not sent/);
    expect(s.requests).toHaveLength(1);
  });

  it('connection refused', async () => {
    const s = await serve(() => undefined);
    await s.stop();
    const r = await runProbe(s.url, { timeoutMs: 1000 });
    expect(step(r, 'base').meaning).toMatch(/Connection refused/);
  });

  it('a 404 elsewhere on the site points at the missing application', async () => {
    const s = await serve((_q, res) => iisDetailed(res, 404, 0, 'Not Found'));
    const r = await runProbe(`${s.origin}/certsrv/mscep/mscep.dll`, { longUrlSizesKb: [] });
    expect(step(r, 'base')).toMatchObject({ status: 404, checkId: 'scep-apppool-identity' });
  });
});
