import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/scep-apppool-running';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { parseAppcmdAppPools } from '../../../../shared/parse/appcmd-xml';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const AH = 'iis/applicationHost.config';
const APPCMD = 'commands/appcmd-list-apppool.xml';
// Real NDES applicationHost.config: /CertSrv/mscep runs in applicationPool="SCEP".
const NDES = new TextDecoder().decode(
  sample('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config'),
);
const iis = (text: string) => ok(parseIisConfig({ file: AH, text }).config, AH);

/** `appcmd list apppool /xml` as PowerShell 5.1 saves it (BOM, CRLF), one APPPOOL per [name, state]. */
function pools(...list: [string, string | null][]) {
  const rows = list.map(
    ([name, st]) =>
      `    <APPPOOL APPPOOL.NAME="${name}" PipelineMode="Classic" RuntimeVersion="v4.0"${st === null ? '' : ` state="${st}"`} />\r\n`,
  );
  const text = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n${rows.join('')}</appcmd>\r\n`;
  return ok(parseAppcmdAppPools(text), APPCMD);
}

const DEFAULT: [string, string] = ['DefaultAppPool', 'Started'];

describe('scep-apppool-running', () => {
  it.each([
    ['Started passes', pools(DEFAULT, ['SCEP', 'Started']), 'pass'],
    ['the pool name is compared without case', pools(['scep', 'Started']), 'pass'],
    ['Stopped fails', pools(DEFAULT, ['SCEP', 'Stopped']), 'fail'],
    ['Stopping fails', pools(['SCEP', 'Stopping']), 'fail'],
    ['no state attribute fails', pools(['SCEP', null]), 'fail'],
    ['a pool that is not listed fails', pools(DEFAULT), 'fail'],
    ['an absent appcmd output is unknown', { state: 'absent' as const, path: APPCMD }, 'unknown'],
  ])('%s', (_name, appPools, expected) => {
    expect(judge(rule, { iisConfig: iis(NDES), appPools }).status).toBe(expected);
  });

  it('follows the pool named by the mscep application', () => {
    const custom = NDES.replace(
      '<application path="/CertSrv/mscep" applicationPool="SCEP">',
      '<application path="/CertSrv/mscep" applicationPool="NDES Pool">',
    );
    const f = judge(rule, {
      iisConfig: iis(custom),
      appPools: pools(['SCEP', 'Started'], ['NDES Pool', 'Stopped']),
    });
    expect(f.status).toBe('fail');
    expect(f.summary).toBe('The SCEP pool "NDES Pool" is Stopped, not Started.');
  });

  it('points at the application and the appcmd line', () => {
    const f = judge(rule, { iisConfig: iis(NDES), appPools: pools(DEFAULT, ['SCEP', 'Stopped']) });
    expect(f.evidence).toEqual([
      {
        kind: 'config',
        file: AH,
        line: 188,
        location: '<site name="Default Web Site">',
        setting: "application[@path='/CertSrv/mscep']@applicationPool",
        value: 'SCEP',
      },
      {
        kind: 'logLines',
        file: APPCMD,
        lines: [
          {
            line: 4,
            text: '<APPPOOL APPPOOL.NAME="SCEP" PipelineMode="Classic" RuntimeVersion="v4.0" state="Stopped" />',
          },
        ],
      },
    ]);
    expect(f.fixes[0]?.wizard).toBe('start-scep-apppool');
  });

  it('is unknown when no site holds /CertSrv/mscep', () => {
    const pre = new TextDecoder().decode(
      sample('applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original'),
    );
    expect(judge(rule, { iisConfig: iis(pre), appPools: pools(['SCEP', 'Started']) }).status).toBe(
      'unknown',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when either artifact is %s',
    (st) => {
      expect(judge(rule, { iisConfig: iis(NDES), appPools: state(st, APPCMD) }).status).toBe(
        'unknown',
      );
      expect(
        judge(rule, { iisConfig: state(st, AH), appPools: pools(['SCEP', 'Started']) }).status,
      ).toBe('unknown');
    },
  );
});
