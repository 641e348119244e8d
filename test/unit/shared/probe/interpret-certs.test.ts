import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { assessCaCerts, assessPin, assessTls } from '../../../../shared/probe/interpret-certs';
import type { CaCertInput, ServedCert } from '../../../../shared/probe/interpret-certs';
import type { TlsPeerInfo } from '../../../../shared/probe/types';
import { parseCertificate } from '../../../../shared/parse/certificates';
import { healthyHost } from '../../../fixtures/lib/spec';
import { buildCerts } from '../../../fixtures/lib/certs';

const NOW = Date.parse('2026-11-20T09:14:03Z');
const DAY = 86_400_000;
let served: Record<'root' | 'issuing' | 'raCep' | 'raEa', ServedCert>;

beforeAll(async () => {
  const built = await buildCerts(healthyHost().certs);
  const one = async (id: string): Promise<ServedCert> => {
    const der = built.get(id)!.der;
    return {
      cert: await parseCertificate(der),
      sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
      signatureValid: true,
    };
  };
  served = {
    root: await one('root'),
    issuing: await one('issuing'),
    raCep: await one('ra-cep'),
    raEa: await one('ra-ea'),
  };
});

function input(certs: ServedCert[], over: Partial<CaCertInput> = {}): CaCertInput {
  return {
    status: 200,
    error: null,
    contentType: 'application/x-x509-ca-ra-cert',
    form: 'ca-ra',
    certs,
    parseError: null,
    ...over,
  };
}

describe('assessCaCerts (GetCACert)', () => {
  it('NDES answer: Enrollment Agent, CEP Encryption and the issuing CA, chained and current', () => {
    const r = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: NOW,
      ndes: true,
    });
    expect(r.verdict).toBe('ok');
    const a = r.assessment!;
    expect(a.certs.map((x) => x.role)).toEqual(['ra-signature', 'ra-encryption', 'ca']);
    expect(a.certs.map((x) => x.issuedBy)).toEqual([
      served.issuing.cert.thumbprint,
      served.issuing.cert.thumbprint,
      null,
    ]);
    expect(a.certs[0]?.daysLeft).toBe(204); // 2026-11-20 → 2027-06-12
    expect(a.recipient).toBe(1);
    expect(r.meaning).toMatch(
      /^3 certificate\(s\): Enrollment Agent RA certificate .*CEP Encryption RA certificate .*CA certificate Contoso Issuing CA \(until 2031-03-15\)\.$/,
    );
  });

  it('the recipient stays the CEP Encryption certificate with the root in the answer too', () => {
    const r = assessCaCerts(input([served.root, served.issuing, served.raCep, served.raEa]), {
      nowMs: NOW,
      ndes: true,
    });
    expect(r.assessment?.certs.map((x) => x.role)).toEqual([
      'ca',
      'ca',
      'ra-encryption',
      'ra-signature',
    ]);
    expect(r.assessment?.certs[1]?.issuedBy).toBe(served.root.cert.thumbprint);
    expect(r.assessment?.recipient).toBe(2);
  });

  it('a missing RA kind fails (Apple devices need both)', () => {
    const r = assessCaCerts(input([served.raCep, served.issuing]), { nowMs: NOW, ndes: true });
    expect(r.verdict).toBe('fail');
    expect(r.notes).toEqual([
      'GetCACert holds no Enrollment Agent (Offline request) RA certificate (Apple devices need both kinds).',
    ]);
  });

  it('a lone CA certificate: fails for NDES, is fine for a CA that answers SCEP itself', () => {
    const lone = input([served.issuing], { form: 'ca', contentType: 'application/x-x509-ca-cert' });
    expect(assessCaCerts(lone, { nowMs: NOW, ndes: true }).verdict).toBe('fail');
    const other = assessCaCerts(lone, { nowMs: NOW, ndes: false });
    expect(other.verdict).toBe('ok');
    expect(other.notes).toEqual([
      'One CA certificate without RA: the CA answers SCEP itself (not NDES).',
    ]);
    expect(other.assessment?.recipient).toBe(0);
  });

  it('expired RA certificates fail; ones expiring within 30 days warn', () => {
    const notAfter = Date.parse(served.raCep.cert.notAfter);
    const late = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: notAfter + DAY,
      ndes: true,
    });
    expect(late.verdict).toBe('fail');
    expect(late.assessment?.certs.map((x) => x.timeValid)).toEqual([false, false, true]);
    const soon = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: notAfter - 10 * DAY,
      ndes: true,
    });
    expect(soon.verdict).toBe('warn');
    expect(soon.notes[0]).toMatch(/expires on 2027-06-12T13:15:09.000Z, in 10 days/);
  });

  it('served RA certificates must be the ones in LocalMachine\\My (thumbprints normalized)', () => {
    const local = [
      served.raEa.cert.thumbprint.toLowerCase(),
      served.raCep.cert.thumbprint.replace(/(..)/g, '$1 '),
    ];
    const same = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: NOW,
      ndes: true,
      localRaThumbprints: local,
    });
    expect(same.assessment?.certs.map((x) => x.inLocalStore)).toEqual([true, true, null]);
    const stale = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: NOW,
      ndes: true,
      localRaThumbprints: [served.raEa.cert.thumbprint],
    });
    expect(stale.verdict).toBe('fail');
    expect(stale.notes[0]).toContain(
      `(${served.raCep.cert.thumbprint}) is not an RA certificate of LocalMachine\\My`,
    );
  });

  it('a bad issuer signature fails; a Content-Type that does not match the body warns', () => {
    const forged = { ...served.raCep, signatureValid: false };
    expect(
      assessCaCerts(input([served.raEa, forged, served.issuing]), { nowMs: NOW, ndes: true })
        .verdict,
    ).toBe('fail');
    const typed = assessCaCerts(
      input([served.raEa, served.raCep, served.issuing], { contentType: 'text/plain' }),
      { nowMs: NOW, ndes: true },
    );
    expect(typed.verdict).toBe('warn');
    expect(typed.notes).toEqual(['Content-Type text/plain does not match the body (ca-ra).']);
  });

  it('HTTP errors and unreadable bodies fail without an assessment', () => {
    expect(assessCaCerts(input([], { status: 500 }), { nowMs: NOW, ndes: true })).toMatchObject({
      verdict: 'fail',
      assessment: null,
    });
    const garbage = assessCaCerts(
      input([], { parseError: 'not a PKCS#7 SignedData: no contentType' }),
      { nowMs: NOW, ndes: true },
    );
    expect(garbage.meaning).toBe(
      'The GetCACert body is not a certificate or PKCS#7: not a PKCS#7 SignedData: no contentType.',
    );
  });
});

describe('assessPin (--ca-fingerprint)', () => {
  it('matches the CA by SHA-256 in any case and with separators; an RA or unknown hash fails', () => {
    const certs = assessCaCerts(input([served.raEa, served.raCep, served.issuing]), {
      nowMs: NOW,
      ndes: true,
    }).assessment!.certs;
    const fp = served.issuing.sha256.toLowerCase().replace(/(..)(?!$)/g, '$1:');
    expect(assessPin(certs, fp)).toMatchObject({
      verdict: 'ok',
      meaning: 'The CA certificate Contoso Issuing CA has the pinned SHA-256 fingerprint.',
    });
    expect(assessPin(certs, served.raCep.sha256).meaning).toMatch(
      /which is not the CA certificate/,
    );
    expect(assessPin(certs, '00'.repeat(32)).verdict).toBe('fail');
    expect(assessPin([], served.issuing.sha256).verdict).toBe('fail');
  });
});

describe('assessTls', () => {
  const leaf = {
    subject: 'CN=ndes01.corp.contoso.com',
    issuer: 'CN=Contoso Issuing CA',
    subjectAltName: 'DNS:ndes01.corp.contoso.com',
    validFrom: '2026-02-10T16:44:20.000Z',
    validTo: '2027-02-10T16:54:20.000Z',
    fingerprint256: 'AB'.repeat(32),
    serialNumber: '6C0000002BD41F0E9A57C3B2E800000000002B',
  };
  const info = (over: Partial<TlsPeerInfo> = {}): TlsPeerInfo => ({
    protocol: 'TLSv1.2',
    cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
    authorized: true,
    authorizationError: null,
    hostnameError: null,
    chain: [leaf],
    ...over,
  });

  it('trusted, matching, current: ok', () => {
    expect(assessTls(info(), NOW)).toMatchObject({
      verdict: 'ok',
      meaning:
        'TLSv1.2, certificate CN=ndes01.corp.contoso.com issued by CN=Contoso Issuing CA, valid until 2027-02-10T16:54:20.000Z; the host name matches.',
    });
  });

  it.each([
    [{ protocol: 'TLSv1.1' }, 'fail', /TLSv1.1 is deprecated/],
    [{ protocol: 'TLSv1' }, 'fail', /TLSv1 is deprecated/],
    [
      { hostnameError: "Hostname/IP does not match certificate's altnames" },
      'fail',
      /does not match the host name/,
    ],
    [
      { authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
      'warn',
      /does not trust the chain \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\)/,
    ],
    [{ chain: [] }, 'fail', /no certificate/],
  ] as [Partial<TlsPeerInfo>, string, RegExp][])('%j', (over, verdict, meaning) => {
    const r = assessTls(info(over), NOW);
    expect(r.verdict).toBe(verdict);
    expect(r.meaning).toMatch(meaning);
  });

  it('expired and expiring', () => {
    expect(assessTls(info(), Date.parse('2027-03-01T00:00:00Z')).verdict).toBe('fail');
    expect(assessTls(info(), Date.parse('2027-01-31T00:00:00Z')).meaning).toMatch(/in 10 days/);
  });
});
