// Plain-text report for the terminal: findings grouped by flow step, failures first. Colours are
// applied only when the caller says the output is a TTY.
import type { CheckStatus, Finding, Report } from '../model';
import { STEP_IDS } from '../model';
import { STEP_LABELS } from './labels';

const ORDER: CheckStatus[] = ['fail', 'error', 'warn', 'unknown', 'info', 'pass', 'not-applicable'];
const COLOR: Partial<Record<CheckStatus | 'ok', string>> = {
  fail: '\x1b[31m',
  error: '\x1b[35m',
  warn: '\x1b[33m',
  unknown: '\x1b[90m',
  pass: '\x1b[32m',
  ok: '\x1b[32m',
};
const RESET = '\x1b[0m';

/** Renders the report as text; `verbose` also lists passing checks' summaries. */
export function renderText(report: Report, opts: { color: boolean; verbose?: boolean }): string {
  const c = (status: string, text: string) =>
    opts.color && COLOR[status as CheckStatus]
      ? `${COLOR[status as CheckStatus]}${text}${RESET}`
      : text;
  const out: string[] = [];
  const h = report.host;
  out.push(`NDES Doctor — ${h.dnsHostName ?? h.computerName}${h.os ? ` — ${h.os}` : ''}`);
  out.push(
    `Collected ${report.collectedAt}${h.connectorVersion ? ` — ${h.connectorVersion}` : ''}`,
  );
  out.push('');
  for (const step of STEP_IDS) {
    const health = report.steps.find((s) => s.id === step);
    const findings = report.findings
      .filter((f) => f.step === step)
      .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
    out.push(
      c(
        health?.health ?? 'unknown',
        `■ ${STEP_LABELS[step]} [${(health?.health ?? 'unknown').toUpperCase()}]`,
      ),
    );
    if (findings.length === 0)
      out.push('    (no check reads this step: its evidence is on the device or in the cloud)');
    for (const f of findings) {
      if (!opts.verbose && (f.status === 'pass' || f.status === 'not-applicable')) continue;
      out.push(`  ${c(f.status, pad(f.status.toUpperCase(), 8))} ${f.checkId}: ${f.summary}`);
    }
    const passed = findings.filter((f) => f.status === 'pass').length;
    if (!opts.verbose && passed > 0)
      out.push(`  ${c('pass', pad('PASS', 8))} ${passed} more check(s) passed`);
    out.push('');
  }
  const counts = countStatuses(report.findings);
  out.push(
    `${report.findings.length} checks: ${ORDER.filter((s) => counts[s])
      .map((s) => `${counts[s]} ${s}`)
      .join(', ')}`,
  );
  if (report.artifactProblems.length > 0) {
    out.push(
      `Evidence not available: ${report.artifactProblems.map((p) => `${p.path} (${p.state})`).join(', ')}`,
    );
  }
  return out.join('\n') + '\n';
}

export function countStatuses(findings: readonly Finding[]): Partial<Record<CheckStatus, number>> {
  const counts: Partial<Record<CheckStatus, number>> = {};
  for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
  return counts;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
