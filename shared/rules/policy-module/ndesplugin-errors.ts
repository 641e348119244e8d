// The legacy policy module's NDESPlugin.log records each VerifyRequest to the registration point:
// TLS name failures (12175, CERT_CN_INVALID), send failures and a 403 page mean challenges are never
// verified; a log that stops after "Sending request…" means an expired client cert (S-POLMOD, S-RENEW).
import { defineRule } from '../../engine/define-rule';
import { connectorPresence, findHostTime } from '../../engine/computed/connector';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, Decoded, EvidenceItem, LogLinesEvidence } from '../../model';

const strings = {
  title: 'The legacy policy module reaches the registration point',
  failureTitle: 'The legacy policy module fails to verify challenges',
  why: 'The legacy policy module verifies every challenge through /CertificateRegistrationSvc; when that call fails, the device gets no certificate.',
  fix: 'For 12175 or CERT_CN_INVALID, the TLS certificate CN/SAN must match the FQDN (tls-certificate-valid). For the 403 page, see root-store-intermediates and connector-client-cert-valid (Client Authentication EKU). Reboot: per the linked check.',
  notApplicable: 'NDESPlugin.log is absent and the legacy connector is not installed.',
  noLog:
    'NDESPlugin.log is absent although the legacy connector is installed (or its presence is unknown), so its VerifyRequest calls cannot be judged.',
  failed:
    '{count} NDESPlugin.log line(s) in the 14 days before collection show failed VerifyRequest calls.',
  stalled:
    'The last VerifyRequest in NDESPlugin.log stops after "Sending request to certificate registration point." with no answer, the sign of an expired policy module client certificate (S-RENEW).',
  passed: 'NDESPlugin.log shows no failed VerifyRequest call in the 14 days before collection.',
  noTimes:
    'No line of NDESPlugin.log carries a date that could be read, so the whole file was judged.',
  older: '{count} matching line(s) are older than the 14-day window and were not counted.',
  caption: 'VerifyRequest failures',
  lastBlock: 'The last VerifyRequest call',
  tlsName:
    'The registration point TLS certificate does not match the host name (ERROR_WINHTTP_SECURE_FAILURE / CERT_CN_INVALID).',
  sendFailed: 'The policy module could not send VerifyRequest to the registration point.',
  forbidden:
    'The registration point answered 403 Forbidden: an intermediate CA in the Root store or a client certificate without Client Authentication.',
};

const TLS_NAME: Decoded = { raw: '', meaning: strings.tlsName, checkId: 'tls-certificate-valid' };
const PATTERNS: { re: RegExp; decoded: Decoded }[] = [
  { re: /Error 12175/, decoded: { ...TLS_NAME, raw: 'Error 12175' } },
  {
    re: /WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID/,
    decoded: { ...TLS_NAME, raw: 'WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID' },
  },
  {
    re: /Failed to send http request \/CertificateRegistrationSvc\/Certificate\/VerifyRequest/i,
    decoded: {
      raw: 'Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest',
      meaning: strings.sendFailed,
    },
  },
];
const FORBIDDEN: Decoded = {
  raw: '403 - Forbidden',
  meaning: strings.forbidden,
  checkId: 'root-store-intermediates',
};
/** Lines that start a new plugin entry (the 403 page's HTML runs over several lines). */
const ENTRY = /Calling\s+\w+|Verify challenge returns|Exiting\s+\w+/i;
const MAX_LINES = 20;

/** Matching lines (0-based index) with what they mean. */
function failures(lines: readonly string[]): { index: number; decoded: Decoded }[] {
  const hits: { index: number; decoded: Decoded }[] = [];
  lines.forEach((text, i) => {
    const p = PATTERNS.find((x) => x.re.test(text));
    if (p) hits.push({ index: i, decoded: p.decoded });
    if (!/Verify challenge returns\s*<!DOCTYPE html/i.test(text)) return;
    for (let j = i; j < lines.length && j < i + 60; j++) {
      const line = lines[j] ?? '';
      if (j > i && ENTRY.test(line)) break;
      if (/403 - Forbidden/i.test(line)) return void hits.push({ index: j, decoded: FORBIDDEN });
    }
  });
  return hits;
}

/** The last VerifyRequest block when it sent the request and got no answer (Notify blocks aside). */
function stalledBlock(lines: readonly string[]): number[] | null {
  const start = lines.findLastIndex((l) => /Calling\s+VerifyRequest/i.test(l));
  if (start < 0) return null;
  const next = lines.findIndex((l, i) => i > start && /Calling\s+\w+/i.test(l));
  const block = lines.slice(start, next < 0 ? lines.length : next);
  const sent = block.some((l) => l.includes('Sending request to certificate registration point.'));
  if (!sent || block.some((l) => /Verify challenge returns/i.test(l))) return null;
  return block.map((_, k) => start + k);
}

export default defineRule({
  meta: {
    id: 'ndesplugin-errors',
    step: 'policy-module',
    severity: 'high',
    requiredEvidence: ['ndesPluginLog'],
    optionalEvidence: ['installedProducts', 'services', 'regIntune'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ ndesPluginLog: log, installedProducts, services, regIntune }, ctx): CheckOutcome => {
    if (log.state === 'absent' || !log.value) {
      const legacy = connectorPresence({ installedProducts, services, regIntune }).legacy;
      if (legacy === 'absent') return { status: 'not-applicable', summary: strings.notApplicable };
      return { status: 'unknown', summary: strings.noLog };
    }
    const lines = log.value.parsed;
    const { culture, utcOffsetMinutes = 0 } = ctx.manifest.collector;
    // A line without a date belongs to the entry above it; lines before the first date get its date.
    const times: (number | null)[] = [];
    let current: number | null = null;
    for (const l of lines)
      times.push((current = findHostTime(l, culture, utcOffsetMinutes)?.utcMs ?? current));
    const firstTime = times.find((t) => t !== null) ?? null;
    const inWindow = (i: number) => {
      const t = times[i] ?? firstTime;
      return t === null || (t >= ctx.windowFromMs && t <= ctx.nowMs);
    };
    const hits = failures(lines);
    const recent = hits.filter((h) => inWindow(h.index));
    const notes: EvidenceItem[] = [];
    if (firstTime === null) notes.push({ kind: 'text', text: strings.noTimes });
    if (recent.length < hits.length)
      notes.push({
        kind: 'text',
        text: fill(strings.older, { count: hits.length - recent.length }),
      });
    const show = (caption: string, idx: number[], total?: number): LogLinesEvidence => ({
      kind: 'logLines',
      file: log.path,
      lines: idx.slice(0, MAX_LINES).map((i) => ({ line: i + 1, text: lines[i] ?? '' })),
      ...(total !== undefined ? { total } : {}),
      caption,
    });
    if (recent.length > 0) {
      const decoded = [...new Map(recent.map((h) => [h.decoded.raw, h.decoded])).values()];
      const idx = recent.map((h) => h.index);
      return {
        status: 'fail',
        summary: fill(strings.failed, { count: recent.length }),
        evidence: [show(strings.caption, idx, idx.length), ...notes],
        decoded,
      };
    }
    const stalled = stalledBlock(lines);
    if (stalled) {
      const evidence = [show(strings.lastBlock, stalled, stalled.length), ...notes];
      return { status: 'warn', summary: strings.stalled, evidence };
    }
    return { status: 'pass', summary: strings.passed, evidence: notes };
  },
});
