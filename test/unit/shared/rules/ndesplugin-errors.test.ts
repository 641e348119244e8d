import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/ndesplugin-errors';
import type { Snapshot } from '../../../../shared/model';
import { judge, manifest, ok, psJson, state } from '../../../helpers/snapshot';

const PATH = 'logs/NDESPolicyModule/NDESPlugin.log';
// Verbatim message texts from S-POLMOD / S-REPORT / S-RENEW (ndes-checks.md §5.3).
const OK_VERIFY = [
  'Calling VerifyRequest ...',
  'Sending request to certificate registration point.',
  'Verify challenge returns true',
  'Exiting VerifyRequest with 0x0',
];
const OK_NOTIFY = [
  'Calling Notifyrequest ...',
  'Sending request to certificate registration point.',
  'Exiting Notify with 0x0',
];
const CN_INVALID = [
  'Calling VerifyRequest ...',
  'Sending request to certificate registration point.',
  'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID',
  'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175',
];
const FORBIDDEN = [
  'Calling VerifyRequest ...',
  'Sending request to certificate registration point.',
  'Verify challenge returns <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
  '<html xmlns="http://www.w3.org/1999/xhtml">',
  '<head>',
  '<title>403 - Forbidden: Access is denied.</title>',
  '</head>',
];
const STALLED = ['Calling VerifyRequest ...', 'Sending request to certificate registration point.'];
/** en-US host-local stamps; collectedAt is 2026-11-20T09:14:03Z and the host is UTC-5. */
const stamped = (when: string, lines: string[]) => lines.map((l) => `${when} ${l}`);

const log = (lines: string[]) => ok({ text: '', parsed: lines }, PATH);
const noLegacy: Partial<Snapshot> = {
  installedProducts: psJson(
    [{ DisplayName: 'Certificate Connector for Microsoft Intune' }],
    'commands/installed-products.json',
  ),
  services: psJson(
    [{ Name: 'PFXCertificateConnectorSvc', State: 'Running' }],
    'commands/services.json',
  ),
  regIntune: { state: 'absent', path: 'registry/microsoft-intune.reg' },
};
const legacy: Partial<Snapshot> = {
  ...noLegacy,
  services: psJson([{ Name: 'NDESConnectorSvc', State: 'Running' }], 'commands/services.json'),
};
const run = (ev: Snapshot['ndesPluginLog'], parts: Partial<Snapshot> = legacy) => {
  const s: Partial<Snapshot> = { ndesPluginLog: ev, ...parts };
  return judge(rule, s);
};
const utcMinus5 = manifest({ collector: { culture: 'en-US', utcOffsetMinutes: -300 } });

describe('ndesplugin-errors', () => {
  it.each([
    ['successful verify and notify pass', log([...OK_VERIFY, ...OK_NOTIFY]), 'pass'],
    [
      'a CERT_CN_INVALID / 12175 failure fails',
      log([...OK_VERIFY, ...CN_INVALID, ...OK_VERIFY]),
      'fail',
    ],
    ['the 403 page over several lines fails', log([...FORBIDDEN, ...OK_NOTIFY]), 'fail'],
    ['a last VerifyRequest with no answer warns', log([...OK_VERIFY, ...STALLED]), 'warn'],
    [
      'a Notify block after the last VerifyRequest does not stall it',
      log([...OK_VERIFY, ...OK_NOTIFY]),
      'pass',
    ],
    ['an earlier stalled VerifyRequest does not warn', log([...STALLED, ...OK_VERIFY]), 'pass'],
  ])('%s', (_name, ev, expected) => {
    expect(run(ev).status).toBe(expected);
  });

  it('is not applicable when the log is absent and there is no legacy connector', () => {
    expect(run({ state: 'absent', path: PATH }, noLegacy).status).toBe('not-applicable');
  });

  it('is unknown when the log is absent but the legacy connector is installed', () => {
    expect(run({ state: 'absent', path: PATH }, legacy).status).toBe('unknown');
  });

  it('points at the failing lines and decodes them', () => {
    const f = run(log([...OK_VERIFY, ...CN_INVALID]));
    expect(f.summary).toBe(
      '2 NDESPlugin.log line(s) in the 14 days before collection show failed VerifyRequest calls.',
    );
    expect(f.evidence[0]).toEqual({
      kind: 'logLines',
      file: PATH,
      caption: 'VerifyRequest failures',
      total: 2,
      lines: [
        { line: 7, text: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID' },
        { line: 8, text: CN_INVALID[3] },
      ],
    });
    expect(f.evidence[1]).toEqual({
      kind: 'text',
      text: 'No line of NDESPlugin.log carries a date that could be read, so the whole file was judged.',
    });
    expect(f.decoded.map((d) => [d.raw, d.checkId])).toEqual([
      ['WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID', 'tls-certificate-valid'],
      ['Error 12175', 'tls-certificate-valid'],
    ]);
  });

  it('points at the 403 title line', () => {
    const f = run(log(FORBIDDEN));
    expect(f.evidence[0]).toMatchObject({ lines: [{ line: 6, text: FORBIDDEN[5] }] });
    expect(f.decoded[0]).toMatchObject({
      raw: '403 - Forbidden',
      checkId: 'root-store-intermediates',
    });
  });

  it('judges only lines in the window when the lines carry host-local dates', () => {
    const lines = [
      ...stamped('10/1/2026 9:00:00 AM', CN_INVALID),
      ...stamped('11/20/2026 3:00:00 AM', OK_VERIFY),
    ];
    const f = judge(rule, { ...legacy, ndesPluginLog: log(lines), manifest: utcMinus5 });
    expect(f.status).toBe('pass');
    expect(f.evidence).toEqual([
      {
        kind: 'text',
        text: '2 matching line(s) are older than the 14-day window and were not counted.',
      },
    ]);
    const recent = [...stamped('11/19/2026 11:00:00 PM', CN_INVALID)];
    expect(judge(rule, { ...legacy, ndesPluginLog: log(recent), manifest: utcMinus5 }).status).toBe(
      'fail',
    );
  });

  it('shows the last VerifyRequest block when it stalls', () => {
    const f = run(log([...OK_VERIFY, ...STALLED]));
    expect(f.evidence[0]).toMatchObject({
      kind: 'logLines',
      caption: 'The last VerifyRequest call',
      lines: [
        { line: 5, text: 'Calling VerifyRequest ...' },
        { line: 6, text: 'Sending request to certificate registration point.' },
      ],
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the log is %s',
    (st) => {
      expect(run(state(st, PATH)).status).toBe('unknown');
    },
  );
});
