// `ndes-doctor collect`: usage errors and the non-Windows refusal exit 2; a run prints progress
// and a summary on stderr and the bundle path on stdout.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectCommand } from '../../../main/acquire/windows/cli-collect';
import type { Manifest } from '../../../shared/model/manifest';
import { healthyHost } from '../../fixtures/lib/spec';
import { makeStandinHost, removeStandinHosts, liveOf } from './standin/host';

afterAll(() => removeStandinHosts());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

describe('ndes-doctor collect', () => {
  it('refuses off Windows with exit 2', async () => {
    const o = io();
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ndes-cli-collect-')), 'b');
    expect(await collectCommand(['--out', dir], o.io)).toBe(2);
    expect(o.err.join('')).toBe('ndes-doctor: live collection runs on the NDES server (Windows)\n');
    expect(o.out).toEqual([]);
  });

  it.each([
    [[], 'collect needs --out <folder|zip>'],
    [['--out'], "Option '--out <value>' argument missing"],
    [['--out', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 for %j', async (args, message) => {
    const o = io();
    expect(await collectCommand(args, o.io)).toBe(2);
    expect(o.err.join('')).toContain(message);
    expect(o.err.join('')).toContain('usage: ndes-doctor collect --out <folder|zip>');
  });

  it('rejects a bad --days', async () => {
    const host = await makeStandinHost(healthyHost());
    const o = io();
    const live = liveOf(host);
    const args = ['--out', path.join(host.root, 'o'), '--days', 'soon'];
    expect(await collectCommand(args, { ...o.io, live })).toBe(2);
    expect(o.err.join('')).toBe('ndes-doctor: --days must be a positive number, not NaN\n');
  });

  it('collects, reports progress, and lists what elevation would add', async () => {
    const spec = healthyHost();
    spec.collector.elevated = false;
    const host = await makeStandinHost(spec);
    const o = io();
    const out = path.join(host.root, 'bundle');
    const code = await collectCommand(['--out', out, '--no-probe', '--log-cap-mb', '50'], {
      ...o.io,
      live: liveOf(host),
    });
    expect(code).toBe(0);
    expect(o.out).toEqual([`${out}\n`]);
    const err = o.err.join('');
    expect(err).toMatch(/^\[1\/\d+\] /);
    expect(err).toContain('registry/mscep.reg: ok');
    expect(err).toMatch(/Collected \d+ artifacts: \d+ ok, \d+ absent, 1 skipped, 0 error\./);
    expect(err).toContain('Not elevated: run NDES Doctor as administrator to also collect:');
    expect(err).toContain('  commands/secedit-user-rights.inf: ');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.collector.elevated).toBe(false);
    expect(manifest.artifacts.find((a) => a.path === 'probe/mscep.json')).toMatchObject({
      status: 'skipped',
      error: 'the SCEP probe was turned off (--no-probe)',
    });
  });
});
