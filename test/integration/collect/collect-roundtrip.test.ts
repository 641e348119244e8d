// Live collection end to end against the stand-in host: the bundle it writes reads back through
// the bundle reader and diagnoses exactly like the fixture bundle it was collected from.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectLive } from '../../../main/acquire/windows/cli-collect';
import type { CollectProgress } from '../../../main/acquire/windows/cli-collect';
import { openBundle } from '../../../main/acquire/bundle/reader';
import { diagnoseBundle } from '../../../main/analysis/diagnose';
import { fixtureHost } from '../../fixtures/hosts';
import { writeBundle } from '../../fixtures/lib/write-bundle';
import { makeStandinHost, removeStandinHosts, liveOf } from './standin/host';

afterAll(() => removeStandinHosts());

async function statuses(dir: string): Promise<Record<string, string>> {
  const { report } = await diagnoseBundle(dir);
  return Object.fromEntries(report.findings.map((f) => [f.checkId, f.status]));
}

async function roundTrip(name: string, out: 'folder' | 'zip') {
  const fixture = fixtureHost(name);
  if (!fixture) throw new Error(`no fixture host ${name}`);
  const host = await makeStandinHost(fixture.spec);
  const direct = path.join(host.root, 'direct');
  await writeBundle(fixture.spec, direct);
  const progress: CollectProgress[] = [];
  const target = path.join(host.root, out === 'zip' ? 'collected.zip' : 'collected');
  const result = await collectLive({
    out: target,
    ...liveOf(host),
    onProgress: (e) => progress.push(e),
  });
  return { host, direct, result, progress };
}

describe('live collection round trip', () => {
  it('collects the healthy host into a folder that diagnoses like the fixture', async () => {
    const { host, direct, result, progress } = await roundTrip('healthy', 'folder');
    expect(await statuses(result.bundlePath)).toEqual(await statuses(direct));

    const m = result.manifest;
    expect(m.collectedAt).toBe('2026-11-20T09:14:03Z');
    expect(m.host).toEqual({
      computerName: 'NDES01',
      dnsHostName: 'ndes01.corp.contoso.com',
      domain: 'corp.contoso.com',
    });
    expect(m.collector).toMatchObject({
      elevated: true,
      culture: 'en-US',
      timeZone: 'Eastern Standard Time',
      utcOffsetMinutes: -300,
    });
    // Every file the fixture has, the collection has, byte for byte.
    const byPath = new Map(m.artifacts.map((a) => [a.path, a]));
    for (const a of host.manifest.artifacts) {
      const got = byPath.get(a.path);
      expect(got?.status, a.path).toBe(a.status);
      if (a.status === 'ok') expect(got?.sha256, a.path).toBe(a.sha256);
    }
    expect(byPath.get('commands/certutil-ping.txt')).toMatchObject({
      status: 'ok',
      exitCode: 0,
      source: 'certutil -config "CA01.corp.contoso.com\\Contoso Issuing CA" -ping',
    });
    expect(byPath.get('registry/reboot-pending-cbs.reg')?.status).toBe('absent');
    // wevtutil exits 15007 (channel not found): absent, not error.
    expect(byPath.get('events/Microsoft Intune Connector.xml')?.status).toBe('absent');
    expect(readFileSync(path.join(host.dataDir, 'probe-urls.json'), 'utf8')).toBe(
      '["https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"]',
    );
    // Progress: every collector started and finished once; the last event closes the count.
    const starts = progress.filter((p) => p.phase === 'start').map((p) => p.artifact);
    const dones = progress.filter((p) => p.phase === 'done').map((p) => p.artifact);
    expect(new Set(starts).size).toBe(starts.length);
    expect([...dones].sort()).toEqual([...starts].sort());
    expect(progress.at(-1)).toMatchObject({ completed: starts.length, total: starts.length });
  });

  it('writes a zip that the bundle reader opens and diagnoses the same', async () => {
    const { direct, result } = await roundTrip('healthy', 'zip');
    expect(result.bundlePath.endsWith('collected.zip')).toBe(true);
    const bundle = await openBundle(result.bundlePath);
    try {
      expect(bundle.kind).toBe('zip');
      expect(bundle.entry('manifest.json')).toBeDefined();
      expect(bundle.entry('registry/mscep.reg')?.size).toBeGreaterThan(0);
    } finally {
      await bundle.close();
    }
    expect(await statuses(result.bundlePath)).toEqual(await statuses(direct));
  });

  it.each(['http-404-15-request-limits', 'localized-fr-fr', 'ra-key-not-readable'])(
    'collects %s so that it diagnoses like its fixture',
    async (name) => {
      const { direct, result, host } = await roundTrip(name, 'folder');
      expect(await statuses(result.bundlePath)).toEqual(await statuses(direct));
      if (name === 'http-404-15-request-limits') {
        const wc = 'iis/web.config/Default Web Site/CertSrv/mscep/web.config';
        expect(existsSync(path.join(result.bundlePath, ...wc.split('/')))).toBe(true);
        expect(readFileSync(path.join(result.bundlePath, ...wc.split('/')))).toEqual(
          readFileSync(path.join(host.fixtureDir, ...wc.split('/'))),
        );
      }
    },
  );
});

describe('collectLive off Windows', () => {
  it('refuses with the message the CLI prints', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'ndes-nowin-')), 'b');
    await expect(collectLive({ out, platform: 'linux' })).rejects.toThrow(
      'live collection runs on the NDES server (Windows)',
    );
    expect(existsSync(out)).toBe(false);
  });
});
