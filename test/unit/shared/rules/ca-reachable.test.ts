import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ca-reachable';
import { parseCertutilPing } from '../../../../shared/parse/certutil';
import type { Snapshot } from '../../../../shared/model';
import { judge, reg, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const PING = 'commands/certutil-ping.txt';
// First example of the real sample: a successful ping of "CVI Issuing CA 1".
const ALIVE = new TextDecoder()
  .decode(sample('command-output/certutil-ping-examples.txt'))
  .split('---')[0]!;
const DOWN =
  'Connecting to CA01.corp.contoso.com\\Contoso Issuing CA ...\r\n' +
  'Server could not be reached: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) -- (21031ms)\r\n\r\n' +
  'CertUtil: -ping command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n' +
  'CertUtil: The RPC server is unavailable.\r\n';
// fr-FR output: the rule must not depend on these words.
const DOWN_FR =
  'Connexion à CA01.corp.contoso.com\\Contoso Issuing CA ...\r\n' +
  "CertUtil: -ping ÉCHEC de la commande : 0x80070035\r\nCertUtil: Le chemin réseau n'a pas été trouvé.\r\n";

const ping = (text: string, exitCode: number | undefined): Snapshot['certutilPing'] => ({
  state: 'ok',
  path: PING,
  value: { text, parsed: parseCertutilPing(text) },
  ...(exitCode === undefined ? {} : { exitCode }),
});
const mscep = reg(
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]\r\n' +
    '"Configuration"="CA01.corp.contoso.com\\\\Contoso Issuing CA"\r\n',
  'registry/mscep.reg',
);

describe('ca-reachable', () => {
  it.each<[string, Partial<Snapshot>, string]>([
    ['exit code 0 passes', { certutilPing: ping(ALIVE, 0) }, 'pass'],
    [
      'RPC unavailable (negative exit code) fails',
      { certutilPing: ping(DOWN, -2147023174) },
      'fail',
    ],
    ['the same code written unsigned fails', { certutilPing: ping(DOWN, 0x800706ba) }, 'fail'],
    [
      'a localized failure is judged by its exit code',
      { certutilPing: ping(DOWN_FR, -2147024843) },
      'fail',
    ],
    [
      'no exit code in the manifest is unknown',
      { certutilPing: ping(ALIVE, undefined) },
      'unknown',
    ],
    [
      'an absent output (command not run) is unknown',
      { certutilPing: { state: 'absent', path: PING } },
      'unknown',
    ],
  ])('%s', (_name, parts, expected) => {
    expect(judge(rule, parts).status).toBe(expected);
  });

  it('decodes 0x800706BA and shows the output next to it', () => {
    const f = judge(rule, { certutilPing: ping(DOWN, -2147023174), regMscep: mscep });
    expect(f.summary).toBe(
      'certutil -ping to CA01.corp.contoso.com\\Contoso Issuing CA failed with exit code 0x800706BA (-2147023174).',
    );
    expect(f.decoded).toEqual([
      {
        raw: '0x800706BA',
        meaning: expect.stringMatching(/^RPC_S_SERVER_UNAVAILABLE: NDES cannot reach the CA/),
        checkId: 'ca-reachable',
      },
    ]);
    expect(f.evidence[0]).toMatchObject({
      kind: 'logLines',
      file: PING,
      lines: expect.arrayContaining([
        { line: 5, text: 'CertUtil: The RPC server is unavailable.' },
      ]),
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'registryValue',
      valueName: 'Configuration',
      line: 4,
    });
  });

  it('shows a code outside the decoding table raw, without a guessed meaning', () => {
    const f = judge(rule, { certutilPing: ping(DOWN_FR, -2147024843) });
    expect(f.summary).toBe(
      'certutil -ping to the configured CA failed with exit code 0x80070035 (-2147024843).',
    );
    expect(f.decoded).toEqual([]);
  });

  it('names the CA it reached', () => {
    const f = judge(rule, { certutilPing: ping(ALIVE, 0) });
    expect(f.summary).toBe('certutil -ping to CVI Issuing CA 1 succeeded (exit code 0).');
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the output is %s',
    (st) => {
      expect(judge(rule, { certutilPing: state(st, PING) }).status).toBe('unknown');
    },
  );
});
