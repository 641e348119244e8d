import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/connector-setup-succeeded';
import { judge, ok, state } from '../../../helpers/snapshot';

const PATH = 'logs/NDESConnectorSetup/SetupMsi.log';
// MSI verbose lines quoted by S-0014, S-SETUPEND and W-WHFB (ndes-checks.md §5.5).
const HEAD = [
  '=== Verbose logging started: 3/1/2020  16:12:40  Build type: SHIP UNICODE 5.00.10011.00  Calling process: C:\\NDESConnectorSetup\\NDESConnectorSetup.exe ===',
  'MSI (c) (28:54) [16:12:40:123]: Resetting cached policy values',
];
const MASKED =
  'CustomAction ConfigureIISLimits returned actual error code 1168 but will be translated to success due to continue marking';
const SUCCESS = [
  'MSI (c) (28:54) [16:13:11:905]: Product: Microsoft Intune Connector -- Installation completed successfully.',
  'MSI (c) (28:54) [16:13:11:999]: Windows Installer installed the product. Product Name: Microsoft Intune Connector. Product Version: 6.1711.4.0. Product Language: 1033. Manufacturer: Microsoft Corporation. Installation success or error status: 0.',
];
const CERT_FAIL = [
  'AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed. Error hr = 80090014lx',
  'CustomAction AddNDESToCertPrivKey returned actual error code 1603 (note this may not be 100% accurate if translation happened inside sandbox)',
  'MSI (s) (A8:5C) [16:13:10:456]: MainEngineThread is returning 1603',
  'MSI (c) (28:54) [16:13:11:999]: Windows Installer installed the product. Product Name: Microsoft Intune Connector. Product Version: 6.1711.4.0. Product Language: 1033. Manufacturer: Microsoft Corporation. Installation success or error status: 1603.',
];
const SITE_FAIL = [
  'WriteIIS7ConfigChanges:  Error 0x80070002: Site not found for create application',
  'CustomAction WriteIIS7ConfigChanges returned actual error code 1603',
  'MSI (c) (28:54) [16:13:11:999]: Windows Installer installed the product. Product Name: Microsoft Intune Connector. Installation success or error status: 1603.',
];
// A pt-BR Windows localizes the status message but not the engine's trace line.
const LOCALIZED = [
  'MSI (s) (A8:5C) [16:13:10:456]: MainEngineThread is returning 0',
  'MSI (c) (28:54) [16:13:11:999]: O Windows Installer instalou o produto. Nome do Produto: Microsoft Intune Connector. Status de êxito ou erro da instalação: 0.',
];
const log = (lines: string[]) => ok({ text: '', parsed: lines }, PATH);

describe('connector-setup-succeeded', () => {
  it.each([
    ['status 0 passes', log([...HEAD, ...SUCCESS]), 'pass'],
    [
      'a masked ConfigureIISLimits failure still passes',
      log([...HEAD, MASKED, ...SUCCESS]),
      'pass',
    ],
    ['status 1603 fails', log([...HEAD, ...CERT_FAIL]), 'fail'],
    [
      'a failed run followed by a successful one passes',
      log([...HEAD, ...CERT_FAIL, ...HEAD, ...SUCCESS]),
      'pass',
    ],
    [
      'a successful run followed by a failed one fails',
      log([...HEAD, ...SUCCESS, ...HEAD, ...SITE_FAIL]),
      'fail',
    ],
    ['a localized log is read from the engine trace line', log([...HEAD, ...LOCALIZED]), 'pass'],
    ['a log without a status line is unknown', log(HEAD), 'unknown'],
    ['an absent log is not applicable', { state: 'absent' as const, path: PATH }, 'not-applicable'],
  ])('%s', (_name, setupMsiLog, expected) => {
    expect(judge(rule, { setupMsiLog }).status).toBe(expected);
  });

  it('points at the status line and decodes the custom-action patterns', () => {
    const f = judge(rule, { setupMsiLog: log([...HEAD, ...CERT_FAIL]) });
    expect(f.summary).toBe('The last connector setup in SetupMsi.log ended with status 1603.');
    expect(f.evidence[0]).toEqual({
      kind: 'logLines',
      file: PATH,
      caption: 'Setup result',
      lines: [{ line: 6, text: CERT_FAIL[3] }],
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'logLines',
      caption: 'Custom action errors',
      total: 2,
      lines: [
        { line: 3, text: CERT_FAIL[0] },
        { line: 4, text: CERT_FAIL[1] },
      ],
    });
    expect(f.decoded).toEqual([
      {
        raw: 'AddNDESToCertPrivKey 0x80090014',
        meaning:
          'Connector setup could not use the client certificate key because the certificate was not issued from a version 2 template.',
        checkId: 'connector-setup-succeeded',
      },
      {
        raw: 'AddNDESToCertPrivKey 1603',
        meaning: 'A custom action of the connector installer failed.',
        checkId: 'connector-setup-succeeded',
      },
      { raw: 'status 1603', meaning: 'A custom action of the connector installer failed.' },
    ]);
  });

  it('decodes the masked 1168 towards iis-request-limits on a pass', () => {
    const f = judge(rule, { setupMsiLog: log([...HEAD, MASKED, ...SUCCESS]) });
    expect(f.decoded).toEqual([
      expect.objectContaining({ raw: 'ConfigureIISLimits 1168', checkId: 'iis-request-limits' }),
    ]);
  });

  it('decodes the renamed-site pattern', () => {
    const f = judge(rule, { setupMsiLog: log(SITE_FAIL) });
    expect(f.decoded[0]).toMatchObject({ raw: 'WriteIIS7ConfigChanges 0x80070002' });
    expect(f.decoded[0]?.meaning).toContain('SetupMsi.log the IIS site was not found');
  });

  it('says when the result came from the engine trace line', () => {
    const f = judge(rule, { setupMsiLog: log([...HEAD, ...LOCALIZED]) });
    expect(f.evidence.at(-1)).toEqual({
      kind: 'text',
      text: 'No "Installation success or error status" line was found (a localized log); the result was read from "MainEngineThread is returning 0".',
    });
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the log is %s',
    (st) => {
      expect(judge(rule, { setupMsiLog: state(st, PATH) }).status).toBe('unknown');
    },
  );
});
