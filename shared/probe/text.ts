// The probe report as plain text for `ndes-doctor probe`: one line per step (verdict, method,
// status, time, meaning), then the certificates, the long-URL series and the enrollment facts an
// admin pastes into a ticket. No colours: the output is read in terminals and mail alike.
import { fill } from '../engine/computed/text';
import type { ProbeReport, ProbeStep, Verdict } from './types';

const strings = {
  title: 'SCEP probe of {url}',
  started: 'Started {at}; {ms} ms in all. Endpoint: {kind}.',
  ndes: 'NDES (IIS / mscep.dll)',
  notNdes: 'a SCEP server that is not NDES',
  certificates: 'GetCACert certificates:',
  cert: '  {role}  {subject}  valid {from} to {to}  SHA-1 {thumbprint}  SHA-256 {sha256}',
  certExtra: '      issued by {issuer}{local}',
  inStore: '; in LocalMachine\\My',
  notInStore: '; NOT in LocalMachine\\My',
  tls: 'TLS: {protocol} {cipher}; chain:',
  tlsCert: '  {subject} (issuer {issuer}), until {to}, SHA-256 {fp}',
  longUrl: 'Long URLs (reference {ref}):',
  longAttempt: '  {bytes} bytes  {status}  {ms} ms  {result}',
  accepted: 'accepted',
  refused: 'refused ({why})',
  enrollment: 'Enrollment: {method}, {hash}, {cipher}, challenge {challenge}, transactionID {tid}',
  madeUp: 'made up by the probe',
  given: 'given',
  certRep:
    '  CertRep: pkiStatus {status}, failInfo {failInfo}, nonce {nonce}, transactionID {tidOk}, signature {sig} ({signer})',
  issued: '  Issued: {subject}, serial {serial}, until {to}',
  result: 'Result: {verdict} ({fails} failed, {warns} warnings).',
} as const;

const LABEL: Record<Verdict, string> = { ok: 'OK', warn: 'WARN', fail: 'FAIL', info: 'INFO' };

function yesNo(v: boolean | null): string {
  return v === null ? 'n/a' : v ? 'ok' : 'MISMATCH';
}

function stepLine(s: ProbeStep): string[] {
  const status = s.status === null ? '-' : String(s.status);
  const ms = s.elapsedMs === null ? '' : `${s.elapsedMs.toFixed(1)} ms`;
  const head = `${`[${LABEL[s.verdict]}]`.padEnd(7)}${s.name.padEnd(13)}${s.method.padEnd(5)}${status.padEnd(5)}${ms.padStart(10)}  ${s.meaning}`;
  const extra = [...(s.error && !s.meaning.includes(s.error) ? [s.error] : []), ...s.notes];
  return [head, ...extra.map((n) => `${' '.repeat(9)}- ${n}`)];
}

/** The whole report as text, ending with a newline. */
export function renderProbeText(r: ProbeReport): string {
  const out: string[] = [
    fill(strings.title, { url: r.url }),
    fill(strings.started, {
      at: r.startedAt,
      ms: r.elapsedMs,
      kind: r.ndes ? strings.ndes : strings.notNdes,
    }),
    '',
    ...r.steps.flatMap(stepLine),
  ];
  if (r.tls && r.tls.chain.length) {
    out.push(
      '',
      fill(strings.tls, { protocol: r.tls.protocol ?? '?', cipher: r.tls.cipher ?? '' }),
    );
    for (const c of r.tls.chain)
      out.push(
        fill(strings.tlsCert, {
          subject: c.subject,
          issuer: c.issuer,
          to: c.validTo,
          fp: c.fingerprint256,
        }),
      );
  }
  if (r.caCerts && r.caCerts.certs.length) {
    out.push('', strings.certificates);
    for (const x of r.caCerts.certs) {
      const c = x.cert;
      out.push(
        fill(strings.cert, {
          role: x.role.padEnd(13),
          subject: c.subject,
          from: c.notBefore.slice(0, 10),
          to: c.notAfter.slice(0, 10),
          thumbprint: c.thumbprint,
          sha256: x.sha256,
        }),
        fill(strings.certExtra, {
          issuer: c.issuer,
          local:
            x.inLocalStore === null ? '' : x.inLocalStore ? strings.inStore : strings.notInStore,
        }),
      );
    }
  }
  if (r.longUrl && r.longUrl.attempts.length) {
    const ref =
      r.longUrl.referenceStatus === null ? 'no answer' : `HTTP ${r.longUrl.referenceStatus}`;
    out.push('', fill(strings.longUrl, { ref }));
    for (const a of r.longUrl.attempts) {
      const why = a.rejection ?? a.error ?? 'no answer';
      out.push(
        fill(strings.longAttempt, {
          bytes: String(a.bytes).padStart(6),
          status: a.status === null ? '-  ' : String(a.status),
          ms: a.elapsedMs.toFixed(1),
          result: a.accepted ? strings.accepted : fill(strings.refused, { why }),
        }),
      );
    }
  }
  const e = r.enrollment;
  if (e) {
    out.push(
      '',
      fill(strings.enrollment, {
        method: e.method,
        hash: e.hash,
        cipher: e.cipher,
        challenge: e.challengeMadeUp ? strings.madeUp : strings.given,
        tid: e.transactionId,
      }),
    );
    if (e.pkiStatus !== null)
      out.push(
        fill(strings.certRep, {
          status: e.pkiStatus,
          failInfo: e.failInfo ?? '-',
          nonce: yesNo(e.recipientNonceOk),
          tidOk: yesNo(e.transactionIdOk),
          sig: yesNo(e.signatureValid),
          signer: e.signer ?? '-',
        }),
      );
    if (e.issued)
      out.push(
        fill(strings.issued, {
          subject: e.issued.subject,
          serial: e.issued.serialNumber,
          to: e.issued.notAfter,
        }),
      );
  }
  const fails = r.steps.filter((s) => s.verdict === 'fail').length;
  const warns = r.steps.filter((s) => s.verdict === 'warn').length;
  out.push('', fill(strings.result, { verdict: LABEL[r.verdict], fails, warns }));
  return `${out.join('\n')}\n`;
}
