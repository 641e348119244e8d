// compareRuns on pairs of fixture hosts: the healthy reference against one broken cause each, in
// both directions, and across hosts. Asserts the checks that move and the evidence that explains them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChange, compareRuns } from '../../../../shared/engine/compare';
import type { EvidenceDiff, RunDiff } from '../../../../shared/engine/compare';
import type { Diagnosis } from '../../../../main/analysis/diagnose';
import { readsOf } from '../../../../main/store/runs';
import { diagnoseHost, removeStoreTemp } from '../../../helpers/store-runs';

const HTTP = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const runs = new Map<string, Diagnosis>();

beforeAll(async () => {
  const names = [
    'healthy',
    'http-414-httpsys-limits',
    'http-503-apppool-stopped',
    'ra-certs-expired',
    'ra-key-not-readable',
    'not-collected',
    'localized-fr-fr',
    'http-500-impersonation',
    'http-500-account-locked',
  ];
  for (const n of names) runs.set(n, await diagnoseHost(n));
}, 120_000);
afterAll(removeStoreTemp);

function diff(before: string, after: string): RunDiff {
  return compareRuns(runs.get(before)!, runs.get(after)!, { readsOf });
}

const moved = (d: RunDiff) =>
  Object.fromEntries(
    d.checks.filter((c) => c.change !== 'unchanged').map((c) => [c.checkId, c.change]),
  );

const row = (d: RunDiff, item: string): EvidenceDiff | undefined =>
  d.evidence.find((e) => e.item === item);

describe('classifyChange', () => {
  it.each([
    ['pass', 'fail', 'new'],
    ['not-applicable', 'warn', 'new'],
    [null, 'fail', 'new'],
    ['fail', 'pass', 'fixed'],
    ['error', 'not-applicable', 'fixed'],
    ['warn', 'info', 'fixed'],
    ['pass', 'unknown', 'changed'],
    ['unknown', 'fail', 'changed'],
    ['fail', 'warn', 'changed'],
    [null, 'pass', 'changed'],
    ['fail', null, 'removed'],
    ['fail', 'fail', 'unchanged'],
  ] as const)('%s → %s is %s', (before, after, change) => {
    expect(classifyChange(before, after)).toBe(change);
  });
});

describe('compareRuns', () => {
  it('healthy → HTTP.sys limits removed: 4 new failures explained by the two missing values', () => {
    const d = diff('healthy', 'http-414-httpsys-limits');
    expect(moved(d)).toEqual({
      'httpsys-max-field-length': 'new',
      'httpsys-max-request-bytes': 'new',
      'mscep-long-url-ok': 'new',
      'mscep-long-url-rejected': 'new',
    });
    expect(d.counts).toMatchObject({ new: 4, fixed: 0, changed: 0, removed: 0 });
    expect(d.crossHost).toBe(false);
    expect(row(d, `${HTTP}\\MaxFieldLength`)).toMatchObject({
      area: 'registry',
      before: '65534',
      after: null,
      key: 'regHttpParameters',
    });
    expect(row(d, `${HTTP}\\MaxFieldLength`)!.checks).toContain('httpsys-max-field-length');
    expect(row(d, `${HTTP}\\MaxRequestBytes`)).toMatchObject({ before: '65534', after: null });
    expect(row(d, 'HTTPERR 400 FieldLength (mscep)')).toMatchObject({ before: '0', after: '37' });
    expect(row(d, 'HTTPERR 414 URL_Length (mscep)')).toMatchObject({ before: '0', after: '10' });
    expect(row(d, 'Probe long-url')).toMatchObject({ before: 'HTTP 200', after: 'HTTP 414' });
    const step = d.steps.find((s) => s.id === 'device-to-ndes')!;
    expect(step).toMatchObject({ before: 'ok', after: 'fail', change: 'worse' });
    expect(step.checks.new).toBe(4);
    expect(d.steps.find((s) => s.id === 'host')).toMatchObject({ change: 'unchanged' });
  });

  it('the same pair the other way round reports the four checks as fixed', () => {
    const d = diff('http-414-httpsys-limits', 'healthy');
    expect(Object.values(moved(d))).toEqual(['fixed', 'fixed', 'fixed', 'fixed']);
    expect(row(d, `${HTTP}\\MaxFieldLength`)).toMatchObject({ before: null, after: '65534' });
    expect(d.steps.find((s) => s.id === 'device-to-ndes')).toMatchObject({ change: 'better' });
  });

  it('a stopped app pool shows as the pool state, 503s in the IIS log and a WAS event', () => {
    const d = diff('healthy', 'http-503-apppool-stopped');
    expect(moved(d)).toMatchObject({
      'scep-apppool-running': 'new',
      'scep-apppool-crashes': 'new',
    });
    expect(row(d, 'SCEP')).toMatchObject({
      area: 'app-pools',
      before: 'Started; v4.0; Classic',
      after: 'Stopped; v4.0; Classic',
    });
    expect(row(d, 'SCEP')!.checks).toContain('scep-apppool-running');
    expect(row(d, 'IIS /mscep 503.0.0')).toMatchObject({ area: 'logs', before: '0', after: '28' });
    expect(row(d, 'HTTPERR 503 AppOffline (mscep)')).toMatchObject({ before: '0', after: '4' });
    expect(row(d, 'System: Microsoft-Windows-WAS 5002')).toMatchObject({
      area: 'events',
      after: '1',
    });
    // Nothing else about the host changed: no registry, IIS config or certificate rows.
    expect(d.evidence.filter((e) => ['registry', 'iis', 'certificates'].includes(e.area))).toEqual(
      [],
    );
  });

  it('expired RA certificates: renewed thumbprints paired by role with both expiry dates', () => {
    const d = diff('healthy', 'ra-certs-expired');
    expect(moved(d)['ra-certificates-valid']).toBe('new');
    const cep = row(d, 'My: NDES01-MSCEP-RA (CEPEncryption)')!;
    expect(cep.before).toBe(
      'E8CE23FB6789561DAFF26DFAFD64B38C00F9DA06, expires 2027-06-12T13:15:09.000Z',
    );
    expect(cep.after).toMatch(/^[0-9A-F]{40}, expires 2026-10-20T08:51:17\.000Z$/);
    expect(cep.checks).toContain('ra-certificates-valid');
    expect(d.evidence.filter((e) => e.area === 'certificates')).toHaveLength(2);
  });

  it('an RA key the service account can no longer read shows as the changed key ACL', () => {
    const d = diff('healthy', 'ra-key-not-readable');
    expect(moved(d)['ra-private-key-readable']).toBe('new');
    const key = row(d, 'My: NDES01-MSCEP-RA (CEPEncryption) private key')!;
    expect(key.before).toContain('CORP\\svc-ndes (Read)');
    expect(key.after).not.toContain('svc-ndes');
  });

  it('500.0.1346: IIS_IUSRS lost SeImpersonatePrivilege (secedit SIDs shown by name)', () => {
    const d = diff('healthy', 'http-500-impersonation');
    expect(moved(d)['iis-iusrs-impersonate-right']).toBe('new');
    expect(row(d, 'User right SeImpersonatePrivilege')).toMatchObject({
      area: 'accounts',
      before: 'Administrators, IIS_IUSRS, LOCAL SERVICE, NETWORK SERVICE, SERVICE',
      after: 'Administrators, LOCAL SERVICE, NETWORK SERVICE, SERVICE',
    });
    expect(row(d, 'IIS /mscep 500.0.1346')).toMatchObject({ before: '0', after: '78' });
  });

  it('a locked-out service account', () => {
    const d = diff('healthy', 'http-500-account-locked');
    expect(moved(d)['service-account-enabled']).toBe('new');
    expect(row(d, 'Service account svc-ndes')).toMatchObject({
      before: 'enabled, not locked, password valid',
      after: 'enabled, locked out, password valid',
      checks: ['service-account-enabled'],
    });
  });

  it('evidence that could not be collected is one state row, not a list of vanished values', () => {
    const d = diff('healthy', 'not-collected');
    expect(d.counts.new).toBe(0);
    expect(moved(d)['iis-request-limits']).toBe('changed');
    expect(row(d, 'iis/applicationHost.config (collection)')).toMatchObject({
      area: 'iis',
      before: 'ok',
      after: 'error',
    });
    expect(row(d, 'events/Application.xml (collection)')).toMatchObject({ after: 'error' });
    expect(d.evidence.some((e) => e.item.includes('at /CertSrv/mscep'))).toBe(false);
    expect(d.evidence.some((e) => e.item.startsWith('Application: '))).toBe(false);
  });

  it('compares across hosts: a different server with the same health has no check change', () => {
    const d = diff('healthy', 'localized-fr-fr');
    expect(d.crossHost).toBe(true);
    expect(d.before.host).toBe('NDES01');
    expect(d.after.host).toBe('NDES02');
    expect(d.counts.unchanged).toBe(d.checks.length);
    expect(row(d, 'SSL binding 0.0.0.0:443')).toMatchObject({
      before: 'B88AA0F7CBDD9496FDF8174A5556F99A1AE6C536 (My)',
      after: 'C292BF8B5D2E11A29323645074C9771518F221C1 (My)',
    });
    expect(row(d, 'My: NDES02-MSCEP-RA (CEPEncryption)')).toMatchObject({ before: null });
  });

  it('identical runs have no difference at all', () => {
    const d = diff('healthy', 'healthy');
    expect(d.evidence).toEqual([]);
    expect(d.counts.unchanged).toBe(d.checks.length);
    expect(d.steps.every((s) => s.change === 'unchanged')).toBe(true);
  });

  it('takes well under 200 ms for two realistic snapshots', () => {
    const a = runs.get('healthy')!;
    const b = runs.get('http-503-apppool-stopped')!;
    compareRuns(a, b);
    const times = [1, 2, 3, 4, 5].map(() => {
      const t = performance.now();
      compareRuns(a, b, { readsOf });
      return performance.now() - t;
    });
    expect(Math.min(...times)).toBeLessThan(200);
  });
});
