import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/scep-apppool-identity';
import { parseIisConfig } from '../../../../shared/parse/application-host';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const decode = (rel: string) => new TextDecoder().decode(sample(rel));
/** Real Windows Server 2022 applicationHost.config after NDES setup (SCEP pool, ApplicationPoolIdentity). */
const NDES = decode('applicationhost-config/Sleepw4lker-ws2022-NDES-applicationHost.config');
const PRE_NDES = decode(
  'applicationhost-config/Sleepw4lker-ws2022-preNDES-applicationHost.config.original',
);
const SCEP_PM = '<processModel identityType="ApplicationPoolIdentity" idleTimeout="00:00:00" />';
const DEFAULT_PM = '<processModel identityType="ApplicationPoolIdentity" />';
const BLOB = '[enc:IISCngProvider:Zm9vYmFyYmF6cXV4:enc]';

function iis(text: string) {
  const { config } = parseIisConfig({ file: 'iis/applicationHost.config', text });
  return ok(config, 'iis/applicationHost.config');
}
const withScepPm = (pm: string, defaultsPm = DEFAULT_PM) =>
  iis(NDES.replace(SCEP_PM, pm).replace(DEFAULT_PM, defaultsPm));

describe('scep-apppool-identity', () => {
  it.each([
    ['the NDES setup default (ApplicationPoolIdentity) warns', iis(NDES), 'warn'],
    [
      'SpecificUser with a userName passes',
      withScepPm(
        `<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" password="${BLOB}" />`,
      ),
      'pass',
    ],
    [
      'a gMSA without a password passes',
      withScepPm('<processModel identityType="SpecificUser" userName="CORP\\gmsa-ndes$" />'),
      'pass',
    ],
    [
      'SpecificUser without a userName fails',
      withScepPm('<processModel identityType="SpecificUser" />'),
      'fail',
    ],
    ['NetworkService warns', withScepPm('<processModel identityType="NetworkService" />'), 'warn'],
    [
      'identityType inherited from applicationPoolDefaults',
      withScepPm(
        '<processModel idleTimeout="00:00:00" />',
        '<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" />',
      ),
      'pass',
    ],
    [
      'identityType unset everywhere means ApplicationPoolIdentity',
      withScepPm('<processModel />', '<processModel />'),
      'warn',
    ],
    ['no /CertSrv/mscep application fails', iis(PRE_NDES), 'fail'],
    [
      'a pool missing under <applicationPools> fails',
      iis(
        NDES.replace(
          '<application path="/CertSrv/mscep" applicationPool="SCEP">',
          '<application path="/CertSrv/mscep" applicationPool="SCEP-old">',
        ),
      ),
      'fail',
    ],
  ])('%s', (_name, ev, expected) => {
    expect(judge(rule, { iisConfig: ev }).status).toBe(expected);
  });

  it('names the identity and points at the pool, never at the password', () => {
    const f = judge(rule, {
      iisConfig: withScepPm(
        `<processModel identityType="SpecificUser" userName="CORP\\svc-ndes" password="${BLOB}" />`,
      ),
    });
    expect(f.summary).toBe('The SCEP pool "SCEP" runs as CORP\\svc-ndes.');
    expect(f.evidence).toContainEqual({
      kind: 'config',
      file: 'iis/applicationHost.config',
      line: 132,
      location: "applicationPools/add[@name='SCEP']",
      setting: 'processModel@userName',
      value: 'CORP\\svc-ndes',
    });
    expect(f.evidence[0]).toMatchObject({
      setting: "application[@path='/CertSrv/mscep']@applicationPool",
      value: 'SCEP',
      line: 188,
    });
    expect(JSON.stringify(f)).not.toContain('Zm9vYmFy');
    const shown = JSON.stringify([f.summary, f.evidence, f.decoded]).toLowerCase();
    expect(shown).not.toContain('password');
    expect(shown).not.toContain('redacted');
  });

  it('says gMSA', () => {
    const f = judge(rule, {
      iisConfig: withScepPm(
        '<processModel identityType="SpecificUser" userName="CORP\\gmsa-ndes$" />',
      ),
    });
    expect(f.summary).toBe(
      'The SCEP pool "SCEP" runs as the group managed service account CORP\\gmsa-ndes$.',
    );
  });

  it('names the default identity on a warn', () => {
    expect(judge(rule, { iisConfig: iis(NDES) }).summary).toBe(
      'The SCEP pool "SCEP" runs as ApplicationPoolIdentity, not as a domain service account (SpecificUser).',
    );
  });

  it('fails when applicationHost.config is absent (no IIS application)', () => {
    expect(judge(rule, { iisConfig: state('absent', 'iis/applicationHost.config') }).status).toBe(
      'fail',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when applicationHost.config is %s',
    (st) => {
      expect(judge(rule, { iisConfig: state(st, 'iis/applicationHost.config') }).status).toBe(
        'unknown',
      );
    },
  );
});
