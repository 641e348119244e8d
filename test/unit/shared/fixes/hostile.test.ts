// Hostile values in a bundle or from the admin never reach a command line: every wizard refuses,
// naming the field, when a value it would pass on (a template name with `"; Remove-Item`, a
// thumbprint with spaces, a pool, site or account name with shell syntax) fails its pattern.
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../shared/model';
import { planFix } from '../../../../shared/fixes';
import {
  diagnoseFixture,
  diagnoseVariant,
  findingOf,
  refusalOf,
  removeFixTemp,
} from '../../../helpers/fix-hosts';
import { mscepKeys } from '../../../fixtures/lib/healthy/registry';
import { CONTOSO, SID } from '../../../fixtures/lib/healthy/identity';

afterAll(removeFixTemp);

const EVIL_TEMPLATE = 'IntuneSCEP"; Remove-Item C:\\ -Recurse';

/** A copy of the snapshot with one certificate's thumbprint written with spaces. */
function spacedThumbprint(snapshot: Snapshot, thumbprint: string): Snapshot {
  const copy = structuredClone(snapshot);
  for (const c of copy.certs.value?.certs ?? []) {
    if (c.thumbprint === thumbprint) c.thumbprint = thumbprint.replace(/(..)(?!$)/g, '$1 ');
  }
  return copy;
}

describe('hostile values', () => {
  it('refuses a template name with shell syntax given as the parameter', async () => {
    const d = await diagnoseFixture('default-templates');
    expect(refusalOf(d, 'mscep-templates-configured', { template: EVIL_TEMPLATE }).refused).toBe(
      `Refused: template "${EVIL_TEMPLATE}" is not allowed: letters, digits, _ . - only (1-64).`,
    );
  });

  it('refuses to plan an undo that would write a hostile template value from the bundle', async () => {
    const d = await diagnoseVariant('evil-template', (spec) => {
      spec.registry.mscep = mscepKeys(CONTOSO, EVIL_TEMPLATE);
    });
    expect(findingOf(d, 'mscep-templates-configured').status).toBe('fail');
    expect(refusalOf(d, 'mscep-templates-configured', { template: 'IntuneSCEP' }).refused).toBe(
      `Refused: SignatureTemplate value "${EVIL_TEMPLATE}" is not allowed: letters, digits, spaces, _ . ( ) - only (0-64).`,
    );
  });

  it('refuses a thumbprint with spaces (RA key ACL)', async () => {
    const d = await diagnoseFixture('ra-key-not-readable');
    const snap = spacedThumbprint(d.snapshot, 'E8CE23FB6789561DAFF26DFAFD64B38C00F9DA06');
    const r = planFix(snap, findingOf(d, 'ra-private-key-readable'));
    expect(r).toEqual({
      refused:
        'Refused: thumbprint "E8 CE 23 FB 67 89 56 1D AF F2 6D FA FD 64 B3 8C 00 F9 DA 06" is not allowed: 40 upper-case hex digits, no spaces.',
    });
  });

  it('refuses a thumbprint with spaces (Root store move)', async () => {
    const d = await diagnoseFixture('http-503-intermediate-in-root');
    const snap = spacedThumbprint(d.snapshot, 'CE36DFEF8E28FB44C190AAD611EFA74411056B72');
    const r = planFix(snap, findingOf(d, 'root-store-intermediates'));
    expect(r).toMatchObject({ refused: expect.stringMatching(/^Refused: thumbprint "CE 36 DF/) });
  });

  it('refuses an application pool name with shell syntax', async () => {
    const d = await diagnoseVariant('evil-pool', (spec) => {
      spec.iis.scepPool.name = 'SCEP$(calc.exe)';
      spec.iis.scepPool.state = 'Stopped';
    });
    expect(findingOf(d, 'scep-apppool-running').status).toBe('fail');
    expect(refusalOf(d, 'scep-apppool-running').refused).toBe(
      'Refused: application pool "SCEP$(calc.exe)" is not allowed: letters, digits, spaces, . _ - only (1-64), not starting with a space.',
    );
  });

  it('refuses a site name that would break out of the IIS configuration path', async () => {
    const d = await diagnoseVariant('evil-site', (spec) => {
      spec.iis.siteName = 'Default Web Site; calc';
      spec.iis.mscepAuth = { anonymous: false };
    });
    expect(findingOf(d, 'mscep-anonymous-auth').status).toBe('fail');
    expect(refusalOf(d, 'mscep-anonymous-auth').refused).toMatch(
      /^Refused: IIS configuration path "Default Web Site; calc\/CertSrv\/mscep" is not allowed/,
    );
  });

  it('refuses a service account name with shell syntax', async () => {
    const d = await diagnoseVariant('evil-account', (spec) => {
      spec.iis.scepPool.userName = 'CORP\\svc;net user evil /add';
      spec.localGroups[SID.iisIusrs] = (spec.localGroups[SID.iisIusrs] ?? []).filter(
        (m) => m.ObjectClass !== 'User' || m.SID === SID.iusr,
      );
    });
    expect(findingOf(d, 'service-account-in-iis-iusrs').status).toBe('fail');
    expect(refusalOf(d, 'service-account-in-iis-iusrs').refused).toBe(
      'Refused: service account "CORP\\svc;net user evil /add" is not allowed: DOMAIN\\name with letters, digits, . _ - ($ at the end of a gMSA).',
    );
  });
});
