import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/device-to-ndes/root-store-intermediates';
import type { CertStores, Ev, StoreCert } from '../../../../shared/model';
import { judge, ok, state } from '../../../helpers/snapshot';
import { makeCert, rsaKeys, storeCert } from '../../../helpers/certs';

const rootKeys = await rsaKeys();
const otherKeys = await rsaKeys();
const ROOT = 'CN=Contoso Root CA, O=Contoso, C=US';
const ISSUING = 'CN=Contoso Issuing CA 1, DC=corp, DC=contoso, DC=com';
const FAKE = 'CN=Fabrikam Root CA, O=Fabrikam';

const rootDer = await makeCert({ subject: ROOT, keys: rootKeys, ca: true });
const issuingDer = await makeCert({
  subject: ISSUING,
  keys: otherKeys,
  issuer: { name: ROOT, keys: rootKeys },
  ca: true,
});
// Subject = issuer, but signed by another key: self-issued without a valid self-signature.
const forgedDer = await makeCert({
  subject: FAKE,
  keys: otherKeys,
  issuer: { name: FAKE, keys: rootKeys },
  ca: true,
});

const C = {
  root: await storeCert(rootDer, 'Root', null),
  issuingInRoot: await storeCert(issuingDer, 'Root', null),
  issuingInCa: await storeCert(issuingDer, 'CA', null),
  forged: await storeCert(forgedDer, 'Root', null),
};
const stores = (...certs: StoreCert[]): Ev<CertStores> => ok({ certs, indexState: 'ok' }, 'certs');

describe('root-store-intermediates', () => {
  it.each([
    ['only self-signed roots pass', stores(C.root), 'pass'],
    ['an intermediate in Intermediate CAs passes', stores(C.root, C.issuingInCa), 'pass'],
    ['an intermediate in Root fails', stores(C.root, C.issuingInRoot), 'fail'],
    ['a self-issued cert whose signature does not verify fails', stores(C.root, C.forged), 'fail'],
    ['no Root certificate collected is unknown', stores(C.issuingInCa), 'unknown'],
    ['absent stores are unknown', { state: 'absent' as const, path: 'certs' }, 'unknown'],
  ])('%s', (_name, certs, expected) => {
    expect(judge(rule, { certs }).status).toBe(expected);
  });

  it('lists subject, issuer and thumbprint of each offender', () => {
    const f = judge(rule, { certs: stores(C.root, C.issuingInRoot, C.forged) });
    expect(C.forged.selfIssued).toBe(true);
    expect(C.forged.selfSignatureValid).toBe(false);
    expect(f.summary).toBe('2 certificate(s) in LocalMachine\\Root are not self-signed roots.');
    expect(f.evidence[0]).toEqual({
      kind: 'table',
      caption: 'Certificates in LocalMachine\\Root that are not self-signed roots',
      headers: ['Subject', 'Issuer', 'Thumbprint', 'Problem'],
      rows: [
        [
          ISSUING,
          ROOT,
          C.issuingInRoot.thumbprint,
          'Issuer differs from subject (an intermediate or leaf certificate)',
        ],
        [
          FAKE,
          FAKE,
          C.forged.thumbprint,
          'Issuer equals subject, but the signature does not verify with its own key',
        ],
      ],
    });
    expect(f.evidence[1]).toMatchObject({
      kind: 'certificate',
      thumbprint: C.issuingInRoot.thumbprint,
      file: `certs/LocalMachine/Root/${C.issuingInRoot.thumbprint}.cer`,
    });
    expect(f.fixes[0]?.wizard).toBe('move-root-intermediates');
  });

  it('does not count a self-issued cert it cannot verify offline, but says so', () => {
    const f = judge(rule, {
      certs: stores(C.root, { ...C.root, thumbprint: 'AB'.repeat(20), selfSignatureValid: null }),
    });
    expect(f.status).toBe('pass');
    expect(f.evidence).toEqual([
      {
        kind: 'text',
        text: '1 self-issued certificate(s) use a signature algorithm that could not be verified offline; they are not counted as offenders.',
      },
    ]);
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the stores are %s',
    (st) => {
      expect(judge(rule, { certs: state(st, 'certs') }).status).toBe('unknown');
    },
  );
});
