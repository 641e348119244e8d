import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/mscep-templates-published';
import { parseCertutilTemplates } from '../../../../shared/parse/certutil';
import type { Snapshot } from '../../../../shared/model';
import { judge, reg, state } from '../../../helpers/snapshot';

const CAT = 'commands/certutil-catemplates.txt';
const KEY = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]';

const mscep = (sig: string, enc: string, gp: string) =>
  reg(
    `${KEY}\r\n"SignatureTemplate"="${sig}"\r\n"EncryptionTemplate"="${enc}"\r\n"GeneralPurposeTemplate"="${gp}"\r\n\r\n` +
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]\r\n' +
      '"Configuration"="CA01.corp.contoso.com\\\\Contoso Issuing CA"\r\n',
    'registry/mscep.reg',
  );
const D = 'IPSECIntermediateOffline';

// `certutil -config … -CATemplates` as cmd redirection writes it (en-US).
const LIST =
  'IntuneSCEP: Intune SCEP -- Auto-Enroll: Access is denied.\r\n' +
  'IntuneSCEP-Enc: Intune SCEP Encryption -- Auto-Enroll: Access is denied.\r\n' +
  'WebServer: Web Server -- Auto-Enroll: Access is denied.\r\n' +
  'Machine: Computer -- Auto-Enroll\r\n' +
  'CertUtil: -CATemplates command completed successfully.\r\n';
const FAILED =
  'CertUtil: -CATemplates command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n' +
  'CertUtil: The RPC server is unavailable.\r\n';

const templates = (text: string, exitCode: number | undefined): Snapshot['caTemplates'] => ({
  state: 'ok',
  path: CAT,
  value: { text, parsed: parseCertutilTemplates(text) },
  ...(exitCode === undefined ? {} : { exitCode }),
});

describe('mscep-templates-published', () => {
  it.each<[string, Partial<Snapshot>, string]>([
    [
      'the configured template is published',
      { regMscep: mscep(D, D, 'IntuneSCEP'), caTemplates: templates(LIST, 0) },
      'pass',
    ],
    [
      'names match without case',
      { regMscep: mscep(D, D, 'intunescep'), caTemplates: templates(LIST, 0) },
      'pass',
    ],
    [
      'two different templates, both published',
      {
        regMscep: mscep('IntuneSCEP', 'IntuneSCEP-Enc', 'IntuneSCEP'),
        caTemplates: templates(LIST, 0),
      },
      'pass',
    ],
    [
      'a template the CA does not list fails',
      { regMscep: mscep(D, D, 'IntuneSCEPv2'), caTemplates: templates(LIST, 0) },
      'fail',
    ],
    [
      'a display name is not a name',
      { regMscep: mscep(D, D, 'Intune SCEP'), caTemplates: templates(LIST, 0) },
      'fail',
    ],
    [
      'one of two templates missing fails',
      {
        regMscep: mscep('IntuneSCEP', 'IntuneSCEP-Sig', 'IntuneSCEP'),
        caTemplates: templates(LIST, 0),
      },
      'fail',
    ],
    [
      'all default is not applicable',
      { regMscep: mscep(D, D, D), caTemplates: templates(LIST, 0) },
      'not-applicable',
    ],
    [
      'an absent MSCEP key is not applicable',
      {
        regMscep: { state: 'absent', path: 'registry/mscep.reg' },
        caTemplates: state('skipped', CAT),
      },
      'not-applicable',
    ],
    [
      'a failed certutil (exit code) is unknown',
      { regMscep: mscep(D, D, 'IntuneSCEP'), caTemplates: templates(FAILED, -2147023174) },
      'unknown',
    ],
    [
      'no exit code in the manifest is unknown',
      { regMscep: mscep(D, D, 'IntuneSCEP'), caTemplates: templates(LIST, undefined) },
      'unknown',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('names the missing template and its slot, and lists what the CA publishes', () => {
    const f = judge(rule, {
      regMscep: mscep(D, D, 'IntuneSCEPv2'),
      caTemplates: templates(LIST, 0),
    });
    expect(f.summary).toBe(
      'The CA does not publish the template IntuneSCEPv2 named in the MSCEP value GeneralPurposeTemplate.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      valueName: 'GeneralPurposeTemplate',
      value: 'IntuneSCEPv2',
      line: 6,
    });
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'table',
        rows: expect.arrayContaining([
          ['IntuneSCEP', 'Intune SCEP', '1'],
          ['Machine', 'Computer', '4'],
        ]),
      }),
    );
    expect(f.decoded[0]).toMatchObject({ raw: '0x80094800' });
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it('points at the matching certutil lines when it passes', () => {
    const f = judge(rule, {
      regMscep: mscep('IntuneSCEP', 'IntuneSCEP-Enc', 'IntuneSCEP'),
      caTemplates: templates(LIST, 0),
    });
    expect(f.summary).toBe(
      'The CA publishes every template named in MSCEP: IntuneSCEP, IntuneSCEP-Enc.',
    );
    expect(f.evidence).toContainEqual({
      kind: 'logLines',
      file: CAT,
      caption: 'Matching lines of certutil -CATemplates',
      lines: [
        { line: 1, text: 'IntuneSCEP: Intune SCEP -- Auto-Enroll: Access is denied.' },
        {
          line: 2,
          text: 'IntuneSCEP-Enc: Intune SCEP Encryption -- Auto-Enroll: Access is denied.',
        },
      ],
    });
  });

  it("decodes a negative exit code (0x800706BA) and keeps certutil's own text", () => {
    const f = judge(rule, {
      regMscep: mscep(D, D, 'IntuneSCEP'),
      caTemplates: templates(FAILED, -2147023174),
    });
    expect(f.summary).toBe(
      'certutil -CATemplates exited with 0x800706BA (-2147023174), so the CA template list is unusable and it is unknown whether the CA publishes IntuneSCEP.',
    );
    expect(f.decoded).toEqual([
      expect.objectContaining({
        raw: '0x800706BA',
        checkId: 'ca-reachable',
        meaning: expect.stringMatching(/^RPC_S_SERVER_UNAVAILABLE: /),
      }),
    ]);
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'logLines',
        lines: expect.arrayContaining([
          { line: 2, text: 'CertUtil: The RPC server is unavailable.' },
        ]),
      }),
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the template list is %s',
    (st) => {
      const f = judge(rule, { regMscep: mscep(D, D, 'IntuneSCEP'), caTemplates: state(st, CAT) });
      expect(f.status).toBe('unknown');
      expect(f.summary).toBe(
        `The CA template list (${CAT}) is ${st}, so it is unknown whether the CA publishes IntuneSCEP.`,
      );
    },
  );

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when mscep.reg is %s',
    (st) => {
      expect(
        judge(rule, { regMscep: state(st, 'registry/mscep.reg'), caTemplates: templates(LIST, 0) })
          .status,
      ).toBe('unknown');
    },
  );
});
