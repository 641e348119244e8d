// The live collector's probe/ files (BUNDLE-FORMAT.md probe/): probe/mscep.json entries and the
// whole GetCACert bodies, from a healthy and a broken stand-in, read back by the bundle rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeExchangesForBundle } from '../../../main/probe/bundle-probe';
import type { BundleProbe } from '../../../main/probe/bundle-probe';
import { PROBE_USER_AGENT } from '../../../main/probe/http';
import { certificatesFromPkcs7, parseCertificate } from '../../../shared/parse/certificates';
import type { ProbeExchange } from '../../../shared/model';
import endpoint403 from '../../../shared/rules/device-to-ndes/mscep-endpoint-403';
import longUrlOk from '../../../shared/rules/device-to-ndes/mscep-long-url-ok';
import { judge, ok } from '../../helpers/snapshot';
import { FIXTURE_NOW, fixedHandler, ndesFixture, ndesHandler, startStandIn } from './stand-in';
import type { NdesFixture, StandIn } from './stand-in';

let fx: NdesFixture;
let healthy: StandIn;
let broken: StandIn;
let probe: BundleProbe;

beforeAll(async () => {
  fx = await ndesFixture();
  healthy = await startStandIn(ndesHandler(fx));
  broken = await startStandIn(fixedHandler(503, 'Service Unavailable'));
  probe = await probeExchangesForBundle([healthy.url, broken.url], {
    now: () => FIXTURE_NOW,
    timeoutMs: 3000,
  });
});
afterAll(async () => {
  await healthy.stop();
  await broken.stop();
});

/** probe/mscep.json as the reader builds it (buildProbe): header names lower-cased. */
async function asSnapshot(p: BundleProbe): Promise<ProbeExchange[]> {
  const json = JSON.parse(JSON.stringify(p.exchanges)) as ProbeExchange[];
  let n = 0;
  const out: ProbeExchange[] = [];
  for (const x of json) {
    const headers = Object.fromEntries(
      Object.entries(x.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const e: ProbeExchange = { ...x, headers };
    if (x.name === 'getcacert') {
      n += 1;
      const file = p.p7b.find((f) => f.index === n);
      e.p7bFile = file ? `probe/getcacert-${n}.p7b` : null;
      e.p7bCerts = file
        ? await Promise.all(
            (await certificatesFromPkcs7(file.bytes)).map((d) => parseCertificate(d)),
          )
        : null;
    }
    out.push(e);
  }
  return out;
}

describe('probeExchangesForBundle', () => {
  it('writes the entries in probe order per URL, with the fields of probe/mscep.json', () => {
    expect(probe.exchanges.map((x) => x.name)).toEqual([
      ...['base', 'getcacaps', 'getcacert', 'long-url', 'long-url', 'long-url', 'long-url'],
      ...['base', 'getcacaps', 'getcacert', 'long-url', 'long-url', 'long-url', 'long-url'],
    ]);
    for (const x of probe.exchanges) {
      expect(Object.keys(x).sort()).toEqual([
        'bodyBase64',
        'elapsedMs',
        'error',
        'headers',
        'method',
        'name',
        'status',
        'url',
      ]);
      expect(x.elapsedMs).toBeGreaterThan(0);
    }
    expect(probe.exchanges[0]).toMatchObject({
      url: healthy.url,
      method: 'GET',
      status: 403,
      error: null,
    });
    expect(probe.exchanges[0]?.headers).toMatchObject({
      Server: 'Microsoft-IIS/10.0',
      'Content-Type': 'text/html',
    });
    expect(probe.exchanges[7]).toMatchObject({ url: broken.url, status: 503 });
    expect(probe.reports.map((r) => r.verdict)).toEqual(['warn', 'fail']);
  });

  it('keeps the GetCACert body whole as getcacert-<n>.p7b, numbered by getcacert entry', () => {
    expect(probe.p7b.map((f) => f.index)).toEqual([1]);
    expect(probe.p7b[0]?.bytes).toEqual(fx.p7b);
    const entry = probe.exchanges.find((x) => x.name === 'getcacert')!;
    expect(Buffer.from(entry.bodyBase64!, 'base64')).toEqual(Buffer.from(fx.p7b));
  });

  it('caps stored bodies at 64 KiB (the 60 KiB long URL answer is small, the URL is kept whole)', () => {
    const longest = probe.exchanges.filter((x) => x.name === 'long-url')[3]!;
    expect(longest.url.length).toBeGreaterThan(60 * 1024 - 8);
    for (const x of probe.exchanges)
      expect(Buffer.from(x.bodyBase64 ?? '', 'base64').length).toBeLessThanOrEqual(65536);
  });

  it('every request carried the probe User-Agent, so log checks can leave them out', () => {
    for (const s of [healthy, broken])
      expect(new Set(s.requests.map((q) => q.userAgent))).toEqual(new Set([PROBE_USER_AGENT]));
  });

  it('the bundle rules read the entries: 403 passes locally, the 503 URL fails', async () => {
    const value = await asSnapshot(probe);
    const f = judge(endpoint403, { probe: ok(value, 'probe/mscep.json') });
    expect(f.status).toBe('fail');
    expect(f.summary).toContain(`${broken.url} (HTTP 503)`);
    const onlyHealthy = value.filter((x) => x.url.startsWith(healthy.origin));
    expect(judge(endpoint403, { probe: ok(onlyHealthy, 'probe/mscep.json') }).status).toBe('pass');
    expect(judge(longUrlOk, { probe: ok(onlyHealthy, 'probe/mscep.json') }).status).toBe('pass');
  });
});
