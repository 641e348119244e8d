// The probe against a real SCEP server (Debian's scepserver, micromdm/scep) on 127.0.0.1:
// capabilities, the CA certificate, a successful enrollment with the right challenge, a refused one
// with a wrong or made-up challenge, and interop with scepclient both ways (pinning, issued chain).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HAVE_SCEP, SKIP_MESSAGE, startScepServer } from './scep-server';
import type { ScepServer } from './scep-server';
import { runProbe } from '../../../main/probe/probe';
import { enroll, getCaCaps, getCaCert } from '../../../main/probe/scep-client';
import { probeCommand } from '../../../main/probe/cli-probe';
import { PROBE_USER_AGENT } from '../../../main/probe/http';
import { generateKey } from '../../../main/probe/scep-message';

if (!HAVE_SCEP) console.warn(SKIP_MESSAGE);

const step = (r: Awaited<ReturnType<typeof runProbe>>, name: string) => {
  const s = r.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no ${name} step`);
  return s;
};

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
  };
}

describe.skipIf(!HAVE_SCEP)('probe against scepserver', () => {
  let server: ScepServer;
  let caSha256: string;
  const work = mkdtempSync(path.join(tmpdir(), 'ndes-scepclient-'));

  beforeAll(async () => {
    server = await startScepServer('secret');
    caSha256 = createHash('sha256').update(server.caDer).digest('hex').toUpperCase();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads GetCACaps: SCEPStandard, POST, AES; SHA-1 and DES3 flagged as weak', async () => {
    const r = await runProbe(server.url, { longUrlSizesKb: [] });
    expect(r.caps?.capabilities).toEqual([
      'Renewal',
      'SHA-1',
      'SHA-256',
      'AES',
      'DES3',
      'SCEPStandard',
      'POSTPKIOperation',
    ]);
    expect(r.caps?.missing).toEqual([]);
    expect(r.caps?.weak).toEqual(['DES3', 'SHA-1']);
    expect(r.caps?.chosen).toEqual({ method: 'POST', hash: 'SHA-256', cipher: 'aes-128-cbc' });
    expect(step(r, 'getcacaps')).toMatchObject({ status: 200, verdict: 'warn' });
    // scepserver is no NDES: its bare URL answers 500 "operation not implemented".
    expect(r.ndes).toBe(false);
    expect(step(r, 'base')).toMatchObject({ status: 500, verdict: 'info' });
  });

  it('reads GetCACert: one DER CA certificate (application/x-x509-ca-cert), no RA', async () => {
    const ca = await getCaCert(server.url);
    expect(ca.http.headers['Content-Type']).toBe('application/x-x509-ca-cert');
    expect(ca.form).toBe('ca');
    expect(ca.ders).toEqual([server.caDer]);
    const r = await runProbe(server.url, { longUrlSizesKb: [] });
    expect(r.caCerts?.certs).toHaveLength(1);
    expect(r.caCerts?.certs[0]).toMatchObject({ role: 'ca', sha256: caSha256, timeValid: true });
    expect(r.caCerts?.certs[0]?.cert.subject).toContain('O=NDES Doctor Test CA');
    expect(r.caCerts?.recipient).toBe(0);
    expect(step(r, 'getcacert').verdict).toBe('ok');
  });

  it('enrolls with the right challenge: SUCCESS, nonces checked, certificate issued by the CA', async () => {
    const r = await runProbe(server.url, { challenge: 'secret' });
    const e = r.enrollment!;
    expect(e).toMatchObject({
      method: 'POST',
      hash: 'SHA-256',
      cipher: 'aes-128-cbc',
      challengeMadeUp: false,
      pkiStatus: 'SUCCESS',
      failInfo: null,
      recipientNonceOk: true,
      transactionIdOk: true,
      signatureValid: true,
      answeredBy: 'scep-server',
      decodeError: null,
    });
    expect(e.issued?.subject).toBe(e.subject);
    expect(e.issued?.issuer).toContain('O=NDES Doctor Test CA');
    expect(step(r, 'pkioperation')).toMatchObject({ method: 'POST', status: 200, verdict: 'ok' });
    expect(r.steps.filter((s) => s.verdict === 'fail')).toEqual([]);
    // The server keeps what it issued in its depot, serial-numbered.
    const issued = readdirSync(server.depot).filter((f) => f.endsWith('.pem') && f !== 'ca.pem');
    expect(issued.some((f) => f.startsWith(e.subject.replace(/^.*CN=/, '')))).toBe(true);
  });

  it.each([
    ['GET', 'des-ede3-cbc'],
    ['GET', 'aes-256-cbc'],
    ['POST', 'aes-256-cbc'],
  ] as const)('enrolls by %s with %s as well', async (method, cipher) => {
    const r = await runProbe(server.url, {
      challenge: 'secret',
      method,
      cipher,
      longUrlSizesKb: [],
    });
    expect(r.enrollment).toMatchObject({ method, cipher, pkiStatus: 'SUCCESS' });
    expect(r.enrollment?.issued).not.toBeNull();
  });

  it.each(['SHA-512', 'SHA-1'] as const)(
    'signs with %s on a key generated early for SHA-256 (rebound, as the probe does)',
    async (hash) => {
      const ca = await getCaCert(server.url);
      const out = await enroll({
        url: server.url,
        recipientDer: ca.ders[0]!,
        caCertDers: ca.ders,
        challenge: 'secret',
        challengeMadeUp: false,
        method: 'POST',
        hash,
        cipher: 'aes-128-cbc',
        key: generateKey('SHA-256'),
      });
      expect(out.assessment).toMatchObject({ hash, pkiStatus: 'SUCCESS', signatureValid: true });
      expect(out.issuedDer).not.toBeNull();
    },
  );

  it('a wrong challenge comes back as FAILURE badRequest: the step fails and says who answered', async () => {
    const r = await runProbe(server.url, { challenge: 'wrong', longUrlSizesKb: [] });
    expect(r.enrollment).toMatchObject({
      pkiStatus: 'FAILURE',
      failInfo: 'badRequest',
      recipientNonceOk: true,
      signatureValid: true,
      issued: null,
      answeredBy: 'scep-server',
    });
    const s = step(r, 'pkioperation');
    expect(s.verdict).toBe('fail');
    expect(s.notes).toContain('Answered by: the SCEP server.');
  });

  it('a made-up challenge (--enroll alone) refused is the expected, clean answer', async () => {
    const r = await runProbe(server.url, { enroll: true, longUrlSizesKb: [] });
    expect(r.enrollment).toMatchObject({
      challengeMadeUp: true,
      pkiStatus: 'FAILURE',
      failInfo: 'badRequest',
    });
    expect(step(r, 'pkioperation').verdict).toBe('ok');
  });

  it('a server that checks no challenge issues to a made-up one: warned', async () => {
    const open = await startScepServer(null);
    try {
      const r = await runProbe(open.url, { enroll: true, longUrlSizesKb: [] });
      expect(r.enrollment?.pkiStatus).toBe('SUCCESS');
      expect(step(r, 'pkioperation').verdict).toBe('warn');
    } finally {
      await open.stop();
    }
  }, 30_000);

  it('pins the CA: the right SHA-256 passes, a wrong one fails and no PKCSReq is sent', async () => {
    const good = await runProbe(server.url, {
      challenge: 'secret',
      caFingerprint: caSha256.toLowerCase(),
      longUrlSizesKb: [],
    });
    expect(step(good, 'ca-pin').verdict).toBe('ok');
    expect(good.enrollment?.pkiStatus).toBe('SUCCESS');
    const bad = await runProbe(server.url, {
      challenge: 'secret',
      caFingerprint: 'AB'.repeat(32),
      longUrlSizesKb: [],
    });
    expect(step(bad, 'ca-pin').verdict).toBe('fail');
    expect(bad.enrollment).toBeNull();
    expect(step(bad, 'pkioperation')).toMatchObject({ verdict: 'fail', status: null });
  });

  it('the long-URL series gets through (Go accepts 60 KiB request lines)', async () => {
    const r = await runProbe(server.url);
    expect(r.longUrl?.attempts.map((a) => a.accepted)).toEqual([true, true, true, true]);
    expect(r.longUrl?.largestAccepted).toBeGreaterThan(60 * 1024 - 8);
    expect(r.longUrl?.largestAccepted).toBeLessThanOrEqual(60 * 1024);
    expect(step(r, 'long-url').verdict).toBe('ok');
  });

  it('interop: scepclient pins the CA with the SHA-256 the probe reports, and refuses another', () => {
    const dir = path.join(work, 'pinned');
    const args = (fp: string, d: string) => [
      '-server-url',
      server.url,
      '-challenge',
      'secret',
      '-ca-fingerprint',
      fp,
      '-private-key',
      path.join(d, 'key.pem'),
      '-certificate',
      path.join(d, 'cert.pem'),
    ];
    spawnSync('mkdir', ['-p', dir, `${dir}-wrong`]);
    const ok = spawnSync('scepclient', args(caSha256.toLowerCase(), dir), {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(ok.status, ok.stderr).toBe(0);
    const wrong = spawnSync('scepclient', args('ab'.repeat(32), `${dir}-wrong`), {
      encoding: 'utf8',
      cwd: `${dir}-wrong`,
    });
    expect(wrong.status).not.toBe(0);
    expect(existsSync(path.join(`${dir}-wrong`, 'cert.pem'))).toBe(false);
  });

  it('interop: scepclient and the probe get certificates of the same CA, verifiable with GetCACert', async () => {
    const dir = path.join(work, 'both');
    spawnSync('mkdir', ['-p', dir]);
    const sc = spawnSync(
      'scepclient',
      [
        '-server-url',
        server.url,
        '-challenge',
        'secret',
        '-cn',
        'scepclient-peer',
        '-private-key',
        path.join(dir, 'key.pem'),
        '-certificate',
        path.join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8', cwd: dir },
    );
    expect(sc.status, sc.stderr).toBe(0);
    const ca = await getCaCert(server.url);
    const caCert = new X509Certificate(Buffer.from(ca.ders[0]!));
    const theirs = new X509Certificate(readFileSync(path.join(dir, 'cert.pem')));
    const caps = await getCaCaps(server.url);
    expect(caps.status).toBe(200);
    const ours = await enroll({
      url: server.url,
      recipientDer: ca.ders[0]!,
      caCertDers: ca.ders,
      challenge: 'secret',
      challengeMadeUp: false,
      method: 'POST',
      hash: 'SHA-256',
      cipher: 'aes-128-cbc',
    });
    const mine = new X509Certificate(Buffer.from(ours.issuedDer!));
    expect(theirs.subject).toContain('CN=scepclient-peer');
    expect(theirs.verify(caCert.publicKey)).toBe(true);
    expect(mine.verify(caCert.publicKey)).toBe(true);
    expect(mine.issuer).toBe(theirs.issuer);
  });

  it('sends the probe User-Agent on every request (a recording proxy in front of scepserver)', async () => {
    const { startStandIn } = await import('./stand-in');
    const seen: string[] = [];
    const proxy = await startStandIn((req, res, body) => {
      seen.push(String(req.headers['user-agent']));
      fetch(`${server.url.replace('/scep', '')}${req.url}`, {
        method: req.method,
        body: req.method === 'POST' ? new Uint8Array(body) : undefined,
      }).then(async (r) => {
        res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? '' });
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
    try {
      await runProbe(`${proxy.origin}/scep`, { challenge: 'secret' });
      expect(seen.length).toBe(1 + 1 + 1 + 5 + 1);
      expect(new Set(seen)).toEqual(new Set([PROBE_USER_AGENT]));
    } finally {
      await proxy.stop();
    }
  });

  describe('ndes-doctor probe (probeCommand)', () => {
    it('--json prints one document; exit 0 when nothing fails', async () => {
      const { out, io } = capture();
      const code = await probeCommand(
        [server.url, '--json', '--challenge', 'secret', '--ca-fingerprint', caSha256],
        io,
      );
      expect(code).toBe(0);
      const doc = JSON.parse(out.stdout) as { schema: string; steps: { name: string }[] };
      expect(doc.schema).toBe('ndes-doctor-probe/1');
      expect(doc.steps.map((s) => s.name)).toEqual([
        'base',
        'getcacaps',
        'getcacert',
        'ca-pin',
        'long-url',
        'pkioperation',
      ]);
    });

    it('text output; exit 1 when the enrollment is refused', async () => {
      const { out, io } = capture();
      const code = await probeCommand(
        [server.url, '--challenge', 'wrong', '--long-url-sizes', '4'],
        io,
      );
      expect(code).toBe(1);
      expect(out.stdout).toMatch(/\[FAIL\] pkioperation POST 200 .*FAILURE \(badRequest\)/);
      expect(out.stdout).toContain('Answered by: the SCEP server.');
      expect(out.stdout).toMatch(/CertRep: pkiStatus FAILURE, failInfo badRequest, nonce ok/);
      expect(out.stdout).toMatch(/Result: FAIL \(1 failed, 1 warnings\)\.\n$/);
    });
  });
});

describe('ndes-doctor probe usage', () => {
  it.each([
    [[]],
    [['ftp://example.com/']],
    [['http://127.0.0.1:1/', '--ca-fingerprint', 'abc']],
    [['http://127.0.0.1:1/', '--timeout', 'soon']],
    [['http://127.0.0.1:1/', '--bogus']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const { out, io } = capture();
    expect(await probeCommand(args, io)).toBe(2);
    expect(out.stderr).toMatch(/^ndes-doctor probe: /);
    expect(out.stdout).toBe('');
  });
});
