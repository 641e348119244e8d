import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/mscep-long-url-ok';
import type { ProbeExchange } from '../../../../shared/model';
import { judge, ok, state } from '../../../helpers/snapshot';
import { EXTERNAL, LOCAL, exchange } from '../../../helpers/probe';

// T-URL's synthetic request: PKIOperation with a ~30 KB message.
const QUERY = `?operation=PKIOperation&message=${'A'.repeat(30_000)}`;
const longUrl = (url: string, status: number | null, error: string | null = null) =>
  exchange('long-url', `${url}${QUERY}`, status, { error });
const probe = (...xs: ProbeExchange[]) => ok(xs, 'probe/mscep.json');

describe('mscep-long-url-ok', () => {
  it.each([
    ['a SCEP answer (200) passes', [longUrl(LOCAL, 200)], 'pass'],
    [
      '500 from NDES on the bogus message passes (not a length limit)',
      [longUrl(LOCAL, 500)],
      'pass',
    ],
    ['414 fails', [longUrl(LOCAL, 414)], 'fail'],
    ['404 fails', [longUrl(LOCAL, 404)], 'fail'],
    ['400 fails', [longUrl(LOCAL, 400)], 'fail'],
    [
      'local OK but the proxy rejects it fails',
      [longUrl(LOCAL, 200), longUrl(EXTERNAL, 414)],
      'fail',
    ],
    [
      'only a transport error is unknown',
      [longUrl(LOCAL, null, 'The operation has timed out.')],
      'unknown',
    ],
    [
      'a rejection outweighs a transport error',
      [longUrl(LOCAL, null, 'timeout'), longUrl(EXTERNAL, 400)],
      'fail',
    ],
    ['no long-url entry is unknown', [exchange('base', LOCAL, 403)], 'unknown'],
  ] as const)('%s', (_name, xs, expected) => {
    expect(judge(rule, { probe: probe(...xs) }).status).toBe(expected);
  });

  it('keeps the 30 KB URL out of the summary and decodes the status', () => {
    const f = judge(rule, { probe: probe(longUrl(LOCAL, 404)) });
    expect(f.summary.length).toBeLessThan(400);
    expect(f.summary).toContain(`${LOCAL}?operation=PKIOperation&message=AAAA`);
    expect(f.summary).not.toContain('A'.repeat(200));
    expect(f.summary).toContain('HTTP 404');
    expect(f.decoded).toEqual([
      expect.objectContaining({ raw: 'HTTP 404', checkId: 'iis-request-limits' }),
    ]);
  });

  it('decodes 414 and 400', () => {
    const f = judge(rule, { probe: probe(longUrl(LOCAL, 414), longUrl(EXTERNAL, 400)) });
    expect(f.decoded.map((d) => d.raw)).toEqual(['HTTP 414', 'HTTP 400']);
    expect(f.decoded[1]!.checkId).toBe('httpsys-max-field-length');
  });

  it('is unknown when the probe did not run', () => {
    expect(judge(rule, { probe: state('absent', 'probe/mscep.json') }).status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the probe is %s',
    (st) => {
      expect(judge(rule, { probe: state(st, 'probe/mscep.json') }).status).toBe('unknown');
    },
  );
});
