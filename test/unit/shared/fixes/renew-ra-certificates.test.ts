// renew-ra-certificates: on ra-certs-expired both kinds are re-requested from the CA in CAInfo with
// the old subject (reversed for certreq), the v1 templates and a CryptoAPI provider, then iisreset;
// on a healthy store with stale GetCACert only iisreset; a failing GetCACert is not its job.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  diagnoseVariant,
  findingOf,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';
import { planFix } from '../../../../shared/fixes';
import { requestSubject } from '../../../../shared/fixes/ra-keys';

afterAll(removeFixTemp);

const SUBJECT = 'CN=NDES01-MSCEP-RA, OU=IT, O=Contoso Ltd, L=Redmond, ST=WA, C=US';
const COMMON = `-Subject '${SUBJECT}' -CaConfig 'CA01.corp.contoso.com\\Contoso Issuing CA' -Provider 'Microsoft Strong Cryptographic Provider'`;
const READER = "-Reader 'S-1-5-21-1004336348-1177238915-682003330-1107'";

describe('renew-ra-certificates', () => {
  it('requests both expired kinds, grants the service account, then restarts IIS', async () => {
    const d = await diagnoseFixture('ra-certs-expired');
    const plan = planOf(d, 'ra-certificates-valid');
    expect(shape(plan)).toEqual([
      {
        id: 'request-cep-encryption',
        kind: 'change',
        command: `& request-ra-certificate.ps1 -Template 'CEPEncryption' ${COMMON} -KeySpec 1 -KeyUsage '0x20' ${READER} -Out '<backup folder>\\new-cep-encryption.txt'`,
        backup: null,
        undo: "& remove-certificate.ps1 -Store 'My' -ThumbprintFile '<backup folder>\\new-cep-encryption.txt'",
        needsReboot: false,
      },
      {
        id: 'request-enrollment-agent',
        kind: 'change',
        command: `& request-ra-certificate.ps1 -Template 'EnrollmentAgentOffline' ${COMMON} -KeySpec 2 -KeyUsage '0x80' ${READER} -Out '<backup folder>\\new-enrollment-agent.txt'`,
        backup: null,
        undo: "& remove-certificate.ps1 -Store 'My' -ThumbprintFile '<backup folder>\\new-enrollment-agent.txt'",
        needsReboot: false,
      },
      {
        id: 'iisreset',
        kind: 'restart',
        command: 'iisreset.exe /restart',
        backup: null,
        undo: null,
        needsReboot: false,
      },
    ]);
    expect(plan.needsReboot).toBe(false);
    expect(plan.restarts).toEqual([{ kind: 'iis' }]);
    expect(plan.notes[0]).toMatch(/Enroll permission on CEPEncryption, EnrollmentAgentOffline/);
  });

  it('renews the kinds that expire within 30 days (demo host: both, in 12 days)', async () => {
    const d = await diagnoseFixture('demo');
    const plan = planOf(d, 'ra-certificates-valid');
    expect(plan.steps.map((s) => s.id)).toEqual([
      'request-cep-encryption',
      'request-enrollment-agent',
      'iisreset',
    ]);
    expect(plan.steps[1]!.why).toBe(
      'The newest Enrollment Agent (Offline request) RA certificate 5CE681E806EC143041EDBB251572BF144C02BC29 expires in 12 days.',
    );
    expect(plan.steps[0]!.command).toMatchObject({
      params: {
        Subject:
          'CN=NDES-PRD-01-MSCEP-RA, OU=Infrastructure, O=Fabrikam Inc, L=Chicago, ST=IL, C=US',
        CaConfig: 'FABCA02.fabrikam.com\\Fabrikam Issuing CA 01',
      },
    });
  });

  it('requests only the missing kind, with the subject of the other kind', async () => {
    // The Enrollment Agent certificate was imported without its private key.
    const d = await diagnoseVariant('no-ea-key', (spec) => {
      spec.certs.find((c) => c.role === 'ra-ea')!.index.HasPrivateKey = false;
    });
    const plan = planOf(d, 'ra-certificates-present');
    expect(plan.steps.map((s) => s.id)).toEqual(['request-enrollment-agent', 'iisreset']);
    expect(plan.steps[0]!.command).toMatchObject({
      params: { Template: 'EnrollmentAgentOffline', Subject: SUBJECT, KeySpec: 2 },
    });
    expect(plan.steps[0]!.why).toBe(
      'There is no Enrollment Agent (Offline request) RA certificate with a private key.',
    );
  });

  it('only restarts IIS when the store is current but GetCACert served other certificates', async () => {
    const d = await diagnoseFixture('healthy');
    const f = { ...findingOf(d, 'mscep-getcacert-ok'), status: 'fail' as const };
    const r = planFix(d.snapshot, f);
    expect('steps' in r && r.steps.map((s) => [s.id, s.kind])).toEqual([['iisreset', 'restart']]);
  });

  it('refuses when GetCACert itself fails (401 from disabled anonymous auth)', async () => {
    const d = await diagnoseFixture('anonymous-auth-disabled');
    expect(refusalOf(d, 'mscep-getcacert-ok').refused).toMatch(
      /^GetCACert answered HTTP 401 on https:\/\/ndes01\.corp\.contoso\.com\/certsrv\/mscep\/mscep\.dll/,
    );
  });

  it('turns a DER-order subject into certreq order, and refuses odd values', () => {
    expect(requestSubject('C=US, O=Contoso, CN=NDES01-MSCEP-RA')).toBe(
      'CN=NDES01-MSCEP-RA, O=Contoso, C=US',
    );
    expect(requestSubject('C=US, O=Contoso "Ltd", CN=X')).toBeNull();
  });
});
