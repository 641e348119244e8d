import { describe, expect, it } from 'vitest';
import {
  assessEnrollment,
  decodeFailInfo,
  decodePkiStatus,
} from '../../../../shared/probe/interpret-enroll';
import type { HttpAnswer } from '../../../../shared/probe/interpret';
import type { EnrollmentAssessment } from '../../../../shared/probe/types';

const http = (status: number | null, body = ''): HttpAnswer => ({
  status,
  headers: {},
  body: new TextEncoder().encode(body),
  error: status === null ? 'connect ECONNREFUSED 10.0.0.5:443' : null,
});

function rep(over: Partial<EnrollmentAssessment> = {}): EnrollmentAssessment {
  return {
    method: 'GET',
    hash: 'SHA-256',
    cipher: 'des-ede3-cbc',
    challengeMadeUp: true,
    transactionId: 'AB12',
    subject: 'O=NDES Doctor, CN=ndes-doctor-probe-ab12',
    pkiStatus: 'FAILURE',
    failInfo: 'badRequest',
    failInfoText: null,
    recipientNonceOk: true,
    transactionIdOk: true,
    signatureValid: true,
    signer: 'CN=NDES01-MSCEP-RA',
    issued: null,
    answeredBy: null,
    decodeError: null,
    ...over,
  };
}

const INTUNE = { ndes: true, policyModule: true };
const STATIC_NDES = { ndes: true, policyModule: false };
const OTHER = { ndes: false, policyModule: false };

describe('CertRep fields (RFC 8894 §3.2.1.3–4)', () => {
  it('decodes pkiStatus and failInfo, keeping unknown raw values', () => {
    expect(['0', '2', '3', '9', null].map(decodePkiStatus)).toEqual([
      'SUCCESS',
      'FAILURE',
      'PENDING',
      '9',
      null,
    ]);
    expect(['0', '1', '2', '3', '4', '7'].map(decodeFailInfo)).toEqual([
      'badAlg',
      'badMessageCheck',
      'badRequest',
      'badTime',
      'badCertId',
      '7',
    ]);
  });
});

describe('assessEnrollment: what the answer means and which step gave it', () => {
  it('Intune NDES, made-up challenge, FAILURE badRequest: the policy module refused it, as it must', () => {
    const r = assessEnrollment(http(200), rep(), INTUNE);
    expect(r).toMatchObject({ verdict: 'ok', answeredBy: 'policy-module' });
    expect(r.meaning).toMatch(/device → IIS → mscep\.dll → policy module all work/);
    expect(r.notes).toEqual(['Answered by: the Intune policy module.']);
  });

  it('the same FAILURE with a real challenge fails and points at the connector', () => {
    const r = assessEnrollment(http(200), rep({ challengeMadeUp: false }), INTUNE);
    expect(r).toMatchObject({ verdict: 'fail', answeredBy: 'policy-module' });
    expect(r.meaning).toMatch(/single-use/);
  });

  it('NDES without the policy module refuses by its own password check', () => {
    expect(assessEnrollment(http(200), rep({ challengeMadeUp: false }), STATIC_NDES)).toMatchObject(
      {
        verdict: 'fail',
        answeredBy: 'mscep',
      },
    );
  });

  it.each([
    ['badAlg', /does not accept SHA-256 with des-ede3-cbc/],
    ['badMessageCheck', /stale GetCACert/],
    ['badTime', /clock/],
    ['badCertId', /does not know the certificate/],
    [null, /FAILURE without a known failInfo/],
  ])("FAILURE %s is mscep.dll's answer", (failInfo, meaning) => {
    const r = assessEnrollment(http(200), rep({ failInfo }), INTUNE);
    expect(r).toMatchObject({ verdict: 'fail', answeredBy: 'mscep' });
    expect(r.meaning).toMatch(meaning);
  });

  it('SUCCESS for a made-up challenge on an Intune NDES is a hole; on another server a warning', () => {
    expect(
      assessEnrollment(http(200), rep({ pkiStatus: 'SUCCESS', failInfo: null }), INTUNE),
    ).toMatchObject({
      verdict: 'fail',
      answeredBy: 'ca',
    });
    expect(
      assessEnrollment(http(200), rep({ pkiStatus: 'SUCCESS', failInfo: null }), OTHER),
    ).toMatchObject({
      verdict: 'warn',
      answeredBy: 'scep-server',
    });
  });

  it('SUCCESS with the given challenge names the certificate; without one readable it fails', () => {
    const issued = {
      subject: 'CN=ndes-doctor-probe-ab12',
      issuer: 'CN=Contoso Issuing CA',
      notAfter: '2027-11-20T09:14:03.000Z',
    } as EnrollmentAssessment['issued'];
    const ok = assessEnrollment(
      http(200),
      rep({ pkiStatus: 'SUCCESS', failInfo: null, challengeMadeUp: false, issued }),
      INTUNE,
    );
    expect(ok.verdict).toBe('ok');
    expect(ok.meaning).toBe(
      'SUCCESS: certificate issued to CN=ndes-doctor-probe-ab12 by CN=Contoso Issuing CA, valid until 2027-11-20T09:14:03.000Z.',
    );
    const unreadable = assessEnrollment(
      http(200),
      rep({
        pkiStatus: 'SUCCESS',
        failInfo: null,
        challengeMadeUp: false,
        decodeError: 'bad padding',
      }),
      INTUNE,
    );
    expect(unreadable).toMatchObject({
      verdict: 'fail',
      meaning: 'SUCCESS, but the issued certificate could not be read: bad padding.',
    });
  });

  it('PENDING: the CA holds it; with a made-up challenge the policy module let it through', () => {
    expect(
      assessEnrollment(http(200), rep({ pkiStatus: 'PENDING', challengeMadeUp: false }), INTUNE)
        .verdict,
    ).toBe('warn');
    expect(assessEnrollment(http(200), rep({ pkiStatus: 'PENDING' }), INTUNE)).toMatchObject({
      verdict: 'fail',
      answeredBy: 'ca',
    });
  });

  it('a CertRep for another request or with a broken signature fails', () => {
    expect(assessEnrollment(http(200), rep({ recipientNonceOk: false }), INTUNE).meaning).toMatch(
      /recipientNonce/,
    );
    expect(assessEnrollment(http(200), rep({ transactionIdOk: false }), INTUNE).meaning).toMatch(
      /transactionID/,
    );
    expect(assessEnrollment(http(200), rep({ signatureValid: false }), INTUNE).meaning).toMatch(
      /signature/,
    );
    expect(
      assessEnrollment(http(200), rep({ pkiStatus: null, decodeError: 'not CMS' }), INTUNE).meaning,
    ).toBe('HTTP 200, but the body is not a SCEP CertRep: not CMS.');
  });

  it.each([
    [null, 'network'],
    [404, 'iis'],
    [414, 'http-sys'],
    [400, 'http-sys'],
    [500, 'mscep'],
    [503, 'iis'],
    [504, 'proxy'],
  ] as const)('HTTP %s before any CertRep: answered by %s', (status, layer) => {
    const r = assessEnrollment(http(status), null, INTUNE);
    expect(r).toMatchObject({ verdict: 'fail', answeredBy: layer });
  });

  it('a 500 from a non-NDES server quotes its body', () => {
    expect(
      assessEnrollment(http(500, 'ber2der: BER tag length too long'), null, OTHER).meaning,
    ).toBe('HTTP 500: the SCEP server failed on the request: ber2der: BER tag length too long');
  });
});
