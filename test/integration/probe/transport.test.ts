// The probe's HTTP layer against local servers: TLS facts of an https URL (chain, host name,
// expiry, protocol), capped bodies (huge and endless), redirects, and that only the URL given is
// contacted.
import { afterEach, describe, expect, it } from 'vitest';
import * as x509 from '../../../shared/parse/x509-lib';
import { httpRequest, KEEP_BYTES, PROBE_USER_AGENT } from '../../../main/probe/http';
import { runProbe } from '../../../main/probe/probe';
import { ndesFixture, ndesHandler, startStandIn } from './stand-in';
import type { Handler, StandIn } from './stand-in';

const running: StandIn[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serve(h: Handler, tls?: { key: string; cert: string }): Promise<StandIn> {
  const s = await startStandIn(h, tls);
  running.push(s);
  return s;
}

const DAY = 86_400_000;

/** A self-signed server certificate for `names` (DNS or IP), valid from..to. */
async function tlsIdentity(
  names: string[],
  from: number,
  to: number,
): Promise<{ key: string; cert: string }> {
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01a2b3',
    name: `CN=${names[0]}`,
    notBefore: new Date(from),
    notAfter: new Date(to),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => ({
          type: /^[\d.]+$/.test(n) ? ('ip' as const) : ('dns' as const),
          value: n,
        })),
      ),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString(
    'base64',
  );
  return {
    key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`,
    cert: cert.toString('pem'),
  };
}

describe('TLS of https URLs', () => {
  it('reports protocol, chain and host name; a self-signed chain is untrusted here: warn', async () => {
    const now = Date.now();
    const s = await serve(
      ndesHandler(await ndesFixture()),
      await tlsIdentity(['localhost', '127.0.0.1'], now - DAY, now + 90 * DAY),
    );
    const r = await runProbe(s.url, { longUrlSizesKb: [] });
    expect(r.tls).toMatchObject({ protocol: 'TLSv1.3', authorized: false, hostnameError: null });
    expect(r.tls?.authorizationError).toMatch(/SELF_SIGNED|self.signed/i);
    expect(r.tls?.chain[0]).toMatchObject({
      subject: 'CN=localhost',
      subjectAltName: 'DNS:localhost, IP Address:127.0.0.1',
    });
    expect(r.tls?.chain[0]?.fingerprint256).toMatch(/^[0-9A-F]{64}$/);
    const t = r.steps.find((x) => x.name === 'tls')!;
    expect(t).toMatchObject({ method: 'TLS', verdict: 'warn', checkId: 'tls-certificate-valid' });
    expect(t.meaning).toMatch(/does not trust the chain/);
    expect(r.steps.find((x) => x.name === 'base')).toMatchObject({ status: 403, verdict: 'ok' });
  });

  it('a certificate for another name fails the host-name check', async () => {
    const now = Date.now();
    const s = await serve(
      (_q, res) => res.end('x'),
      await tlsIdentity(['ndes01.corp.contoso.com'], now - DAY, now + 90 * DAY),
    );
    const r = await runProbe(s.url, { longUrlSizesKb: [] });
    expect(r.tls?.hostnameError).toMatch(/IP: 127.0.0.1 is not in the cert's list/);
    const t = r.steps.find((x) => x.name === 'tls')!;
    expect(t.verdict).toBe('fail');
    expect(t.meaning).toMatch(/does not match the host name/);
  });

  it('an expired certificate fails; one expiring within 30 days warns', async () => {
    const now = Date.now();
    const expired = await serve(
      (_q, res) => res.end('x'),
      await tlsIdentity(['127.0.0.1'], now - 400 * DAY, now - DAY),
    );
    const r1 = await runProbe(expired.url, { longUrlSizesKb: [] });
    expect(r1.steps.find((x) => x.name === 'tls')).toMatchObject({
      verdict: 'fail',
      meaning: expect.stringMatching(/not time-valid/),
    });
    const soon = await serve(
      (_q, res) => res.end('x'),
      await tlsIdentity(['127.0.0.1'], now - DAY, now + 10 * DAY),
    );
    const r2 = await runProbe(soon.url, { longUrlSizesKb: [] });
    const t = r2.steps.find((x) => x.name === 'tls')!;
    expect(t.verdict).toBe('warn');
    expect(t.meaning).toMatch(/expires on .* in (9|10) days/);
  });
});

describe('bodies are capped', () => {
  it('a huge body is counted whole but only 64 KiB are kept', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(Buffer.alloc(size, 0x41));
    });
    const r = await httpRequest({ url: s.url });
    expect(r).toMatchObject({ status: 200, bodyBytes: size, bodyComplete: true, error: null });
    expect(r.body.length).toBe(KEEP_BYTES);
  });

  it('an endless body stops at the read limit instead of hanging', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x42);
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    const t0 = performance.now();
    const r = await httpRequest({ url: s.url, maxReadBytes: 2 * 1024 * 1024, timeoutMs: 5000 });
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(r.status).toBe(200);
    expect(r.bodyComplete).toBe(false);
    expect(r.bodyBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(r.body.length).toBe(KEEP_BYTES);
  });

  it('a body that stalls after the head ends in a timeout that keeps the status', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
    });
    const r = await httpRequest({ url: s.url, timeoutMs: 300 });
    expect(r).toMatchObject({ status: 200, bodyComplete: false, errorCode: 'ETIMEDOUT' });
    expect(new TextDecoder().decode(r.body)).toBe('partial');
  });
});

describe('only the URL given is contacted', () => {
  it('redirects are reported, not followed, unless asked; then same-origin only', async () => {
    const other = await serve((_q, res) => res.end('other'));
    const s = await serve((req, res) => {
      if (req.url === '/away') {
        res.writeHead(302, { Location: `${other.origin}/certsrv/mscep/mscep.dll` });
        return res.end();
      }
      if (req.url === '/start') {
        res.writeHead(301, { Location: '/final' });
        return res.end();
      }
      res.writeHead(403);
      res.end();
    });
    const plain = await httpRequest({ url: `${s.origin}/start` });
    expect(plain).toMatchObject({ status: 301, redirects: [] });
    const followed = await httpRequest({ url: `${s.origin}/start`, followRedirects: true });
    expect(followed).toMatchObject({ status: 403, url: `${s.origin}/final` });
    expect(followed.redirects).toEqual([{ status: 301, location: `${s.origin}/final` }]);
    const away = await httpRequest({ url: `${s.origin}/away`, followRedirects: true });
    expect(away.status).toBe(302);
    expect(away.error).toMatch(/redirect to another origin not followed/);
    expect(other.requests).toEqual([]);
  });

  it('every request of a full probe goes to the given host with the probe User-Agent', async () => {
    const s = await serve(ndesHandler(await ndesFixture()));
    await runProbe(s.url, { enroll: true, timeoutMs: 3000 });
    expect(s.requests.map((q) => q.url.replace(/message=.*/, 'message=…'))).toEqual([
      '/certsrv/mscep/mscep.dll',
      '/certsrv/mscep/mscep.dll?operation=GetCACaps&message=…',
      '/certsrv/mscep/mscep.dll?operation=GetCACert&message=…',
      ...Array(5).fill('/certsrv/mscep/mscep.dll?operation=PKIOperation&message=…'),
      '/certsrv/mscep/mscep.dll?operation=PKIOperation&message=…',
    ]);
    expect(new Set(s.requests.map((q) => q.userAgent))).toEqual(new Set([PROBE_USER_AGENT]));
    expect(new Set(s.requests.map((q) => q.host))).toEqual(new Set([new URL(s.origin).host]));
  });
});
