// move-root-intermediates on http-503-intermediate-in-root (the issuing CA also in Root): the cert
// is exported with certutil -store first; it is already in CA, so it is only removed from Root
// (undo re-adds the export); reboot. When it is not in CA yet, a copy step comes first.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  diagnoseVariant,
  planOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

const T = 'CE36DFEF8E28FB44C190AAD611EFA74411056B72';
const FILE = `"<backup folder>\\root-${T.toLowerCase()}.cer"`;

describe('move-root-intermediates', () => {
  it('exports the intermediate and removes it from Root (it is already in CA)', async () => {
    const d = await diagnoseFixture('http-503-intermediate-in-root');
    const plan = planOf(d, 'root-store-intermediates');
    expect(shape(plan)).toEqual([
      {
        id: `remove-${T.toLowerCase()}`,
        kind: 'change',
        command: `certutil.exe -delstore Root ${T}`,
        backup: `certutil.exe -store Root ${T} ${FILE}`,
        undo: `certutil.exe -addstore Root ${FILE}`,
        needsReboot: true,
      },
    ]);
    expect(plan.steps[0]!.backup?.kind).toBe('certificate');
    expect(plan.notes[0]).toBe(
      'Contoso Issuing CA is already in LocalMachine\\CA; it is only removed from Root.',
    );
    expect(plan.needsReboot).toBe(true);
  });

  it('copies to CA first when the certificate is only in Root', async () => {
    const d = await diagnoseVariant('root-only', (spec) => {
      spec.certs.find((c) => c.id === 'issuing')!.stores = ['Root'];
    });
    const plan = planOf(d, 'root-store-intermediates');
    expect(shape(plan)).toEqual([
      {
        id: `copy-${T.toLowerCase()}`,
        kind: 'change',
        command: `certutil.exe -addstore CA ${FILE}`,
        backup: `certutil.exe -store Root ${T} ${FILE}`,
        undo: `certutil.exe -delstore CA ${T}`,
        needsReboot: true,
      },
      {
        id: `remove-${T.toLowerCase()}`,
        kind: 'change',
        command: `certutil.exe -delstore Root ${T}`,
        backup: null,
        undo: `certutil.exe -addstore Root ${FILE}`,
        needsReboot: true,
      },
    ]);
  });
});
