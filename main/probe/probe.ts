// The SCEP endpoint probe: the requests a device makes against mscep.dll, in the device's order,
// each judged (SEED-D2N "test the SCEP server URL", made precise). Only the given URL is contacted;
// enrollment (a real PKCSReq) runs only when asked, because a working NDES issues a certificate.
import type {
  ContentCipher,
  ProbeReport,
  ProbeStep,
  ProbeStepName,
  Verdict,
} from '../../shared/probe/types';
import {
  assessCaCerts,
  assessCaps,
  assessEnrollment,
  assessLongUrl,
  assessPin,
  assessTls,
  chooseAlgorithms,
  header,
  interpretBase,
  transportMeaning,
} from '../../shared/probe/interpret';
import type { Interpretation } from '../../shared/probe/interpret';
import { httpRequest } from './http';
import type { HttpResult } from './http';
import { enroll, getCaCaps, getCaCert } from './scep-client';
import { probeLongUrls } from './long-url';
import { generateKey } from './scep-message';

export interface ProbeOptions {
  /** Per request, default 10 s. */
  timeoutMs?: number;
  /** Send a real PKCSReq (implied by `challenge`). */
  enroll?: boolean;
  /** Challenge password; without it enrollment uses a made-up one, which must be refused. */
  challenge?: string | null;
  /** SHA-256 the CA certificate from GetCACert must have (hex, separators ignored). */
  caFingerprint?: string | null;
  /** Thumbprints of the RA certificates in LocalMachine\My, to compare with GetCACert. */
  localRaThumbprints?: string[] | null;
  /** Long-URL sizes in KiB; [] skips the step. Default 4, 16, 32, 60. */
  longUrlSizesKb?: number[];
  /** Follow same-origin redirects on the base URL. */
  followRedirects?: boolean;
  /** Overrides of what GetCACaps would choose. */
  method?: 'GET' | 'POST';
  cipher?: ContentCipher;
  /** Clock for validity checks (tests). */
  now?: () => number;
}

/** One HTTP exchange of a probe run, named as in probe/mscep.json. */
export interface NamedExchange {
  name: 'base' | 'getcacaps' | 'getcacert' | 'long-url' | 'pkioperation';
  result: HttpResult;
}

export interface ProbeRun {
  report: ProbeReport;
  exchanges: NamedExchange[];
}

const RANK: Record<Verdict, number> = { info: 0, ok: 1, warn: 2, fail: 3 };

function worst(steps: readonly ProbeStep[]): Verdict {
  return steps.reduce<Verdict>((w, s) => (RANK[s.verdict] > RANK[w] ? s.verdict : w), 'ok');
}

function step(
  name: ProbeStepName,
  r: HttpResult | null,
  i: Interpretation,
  url = r?.url ?? '',
): ProbeStep {
  const s: ProbeStep = {
    name,
    url,
    method: r?.method ?? '-',
    status: r?.status ?? null,
    elapsedMs: r?.elapsedMs ?? null,
    error: r?.error ?? null,
    verdict: i.verdict,
    meaning: i.meaning,
    notes: i.notes,
  };
  if (i.checkId) s.checkId = i.checkId;
  return s;
}

function skipped(
  name: ProbeStepName,
  url: string,
  why: string,
  verdict: Verdict = 'info',
): ProbeStep {
  return {
    name,
    url,
    method: '-',
    status: null,
    elapsedMs: null,
    error: null,
    verdict,
    meaning: why,
    notes: [],
  };
}

/** NDES answers from IIS on an mscep path; a 403 from the policy module says so too. */
function looksLikeNdes(url: string, base: HttpResult): boolean {
  const server = header(base.headers, 'server') ?? '';
  return (
    /mscep/i.test(new URL(url).pathname) ||
    /Microsoft-(IIS|HTTPAPI)/i.test(server) ||
    base.status === 403
  );
}

function madeUpChallenge(): string {
  const hex = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  );
  return `ndes-doctor-made-up-${hex.join('')}`;
}

/** Runs every step against `url` and keeps the raw exchanges (for probe/mscep.json). */
export async function runProbeDetailed(url: string, o: ProbeOptions = {}): Promise<ProbeRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const wantEnroll = o.enroll === true || (o.challenge ?? null) !== null;
  // RSA key generation takes hundreds of ms: overlap it with the first requests.
  const key = wantEnroll ? generateKey() : null;
  key?.catch(() => undefined);
  const steps: ProbeStep[] = [];
  const exchanges: NamedExchange[] = [];
  const report: ProbeReport = {
    schema: 'ndes-doctor-probe/1',
    url,
    startedAt,
    elapsedMs: 0,
    ndes: false,
    verdict: 'ok',
    steps,
    tls: null,
    caps: null,
    caCerts: null,
    longUrl: null,
    enrollment: null,
  };
  const done = (): ProbeRun => {
    report.elapsedMs = Math.round(performance.now() - started);
    report.verdict = worst(steps);
    return { report, exchanges };
  };

  const baseUrl = url.replace(/#.*$/, '');
  const base = await httpRequest({ url: baseUrl, timeoutMs, followRedirects: o.followRedirects });
  exchanges.push({ name: 'base', result: base });
  const ndes = base.error?.startsWith('not an http') ? false : looksLikeNdes(baseUrl, base);
  report.ndes = ndes;
  steps.push(step('base', base, interpretBase(base, baseUrl, ndes), baseUrl));
  if (base.errorCode === 'EINVALIDURL') return done();

  if (new URL(baseUrl).protocol === 'https:') {
    report.tls = base.tls;
    const tls = base.tls
      ? assessTls(base.tls, now())
      : { verdict: 'fail' as const, meaning: transportMeaning(base), notes: [] };
    steps.push({ ...step('tls', base, tls, baseUrl), method: 'TLS', status: null });
  }
  if (base.status === null) {
    const why = 'Not sent: the base URL got no HTTP answer.';
    for (const n of ['getcacaps', 'getcacert'] as const) steps.push(skipped(n, baseUrl, why));
    if (wantEnroll) steps.push(skipped('pkioperation', baseUrl, why, 'fail'));
    return done();
  }

  const capsHttp = await getCaCaps(baseUrl, { timeoutMs });
  exchanges.push({ name: 'getcacaps', result: capsHttp });
  const caps = assessCaps(capsHttp);
  report.caps = caps.caps;
  steps.push(step('getcacaps', capsHttp, caps));

  const ca = await getCaCert(baseUrl, { timeoutMs });
  exchanges.push({ name: 'getcacert', result: ca.http });
  const caAssessed = assessCaCerts(
    {
      status: ca.http.status,
      error: ca.http.error,
      contentType: header(ca.http.headers, 'content-type'),
      form: ca.form,
      certs: ca.certs,
      parseError: ca.parseError,
    },
    { nowMs: now(), ndes, localRaThumbprints: o.localRaThumbprints ?? null },
  );
  report.caCerts = caAssessed.assessment;
  steps.push(step('getcacert', ca.http, caAssessed));

  let pinned = true;
  if (o.caFingerprint) {
    const pin = assessPin(caAssessed.assessment?.certs ?? [], o.caFingerprint);
    pinned = pin.verdict === 'ok';
    steps.push({ ...skipped('ca-pin', ca.http.url, pin.meaning, pin.verdict), notes: pin.notes });
  }

  const sizes = o.longUrlSizesKb ?? undefined;
  if (!sizes || sizes.length > 0) {
    const long = await probeLongUrls(baseUrl, { sizesKb: sizes, timeoutMs });
    for (const r of long.results) exchanges.push({ name: 'long-url', result: r });
    report.longUrl = long.assessment;
    const i = assessLongUrl(long.assessment.attempts);
    const last = long.results[long.results.length - 1] ?? null;
    const total = long.results.reduce((t, r) => t + r.elapsedMs, 0);
    steps.push({ ...step('long-url', last, i, baseUrl), elapsedMs: Math.round(total * 10) / 10 });
  }

  if (wantEnroll) {
    const recipientIndex = caAssessed.assessment?.recipient ?? null;
    const recipient = recipientIndex === null ? undefined : ca.ders[recipientIndex];
    if (!pinned) {
      steps.push(
        skipped(
          'pkioperation',
          baseUrl,
          'Not sent: the CA does not match the pinned fingerprint.',
          'fail',
        ),
      );
    } else if (!recipient) {
      steps.push(
        skipped(
          'pkioperation',
          baseUrl,
          'Not sent: GetCACert gave no certificate to encrypt the request to.',
          'fail',
        ),
      );
    } else {
      const chosen = report.caps?.chosen ?? chooseAlgorithms([]);
      const challenge = o.challenge ?? madeUpChallenge();
      const t0 = performance.now();
      const out = await enroll(
        {
          url: baseUrl,
          recipientDer: recipient,
          caCertDers: ca.ders,
          challenge,
          challengeMadeUp: (o.challenge ?? null) === null,
          method: o.method ?? chosen.method,
          hash: chosen.hash,
          cipher: o.cipher ?? chosen.cipher,
          key: key ?? undefined,
        },
        { timeoutMs },
      );
      exchanges.push({ name: 'pkioperation', result: out.http });
      const policyModule = base.status === 403;
      const i = assessEnrollment(out.http, out.assessment, { ndes, policyModule });
      out.assessment.answeredBy = i.answeredBy;
      report.enrollment = out.assessment;
      const buildMs = Math.round(performance.now() - t0 - out.http.elapsedMs);
      const notes = [
        ...i.notes,
        `Request: ${out.request.length} bytes by ${out.assessment.method}, ${out.assessment.hash}, ${out.assessment.cipher}, to ${caAssessed.assessment?.certs[recipientIndex ?? 0]?.cert.subject ?? '-'}; key and request ready ${buildMs} ms after the earlier steps (RSA key generation overlaps them).`,
      ];
      steps.push({ ...step('pkioperation', out.http, i), notes });
    }
  }
  return done();
}

/** The probe report for `url`. */
export async function runProbe(url: string, o: ProbeOptions = {}): Promise<ProbeReport> {
  return (await runProbeDetailed(url, o)).report;
}
