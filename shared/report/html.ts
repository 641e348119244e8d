// Self-contained HTML report: no scripts, no network, printable. Every value is escaped; the
// report carries data from the bundle, which is untrusted text.
import type { CheckStatus, EvidenceItem, Finding, Report } from '../model';
import { STEP_IDS } from '../model';
import { STEP_LABELS } from './labels';
import { countStatuses } from './text';
import { STATUS_ICON } from './icons';

const ICON = STATUS_ICON;
const ORDER: CheckStatus[] = ['fail', 'error', 'warn', 'unknown', 'info', 'pass', 'not-applicable'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Renders the whole report as one HTML document. */
export function renderHtml(report: Report): string {
  const e = escapeHtml;
  const h = report.host;
  const counts = countStatuses(report.findings);
  const steps = STEP_IDS.map((id) => {
    const s = report.steps.find((x) => x.id === id);
    const health = s?.health ?? 'unknown';
    const failing = (s?.counts.fail ?? 0) + (s?.counts.warn ?? 0);
    return `<li class="step ${health}" data-step="${id}" data-health="${health}"><span class="icon">${ICON[health]}</span><span class="name">${e(STEP_LABELS[id])}</span><span class="health">${health}${failing ? ` · ${failing} finding(s)` : ''}</span></li>`;
  }).join('');
  const sections = STEP_IDS.map((id) => {
    const fs = report.findings
      .filter((f) => f.step === id)
      .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
    if (fs.length === 0) return '';
    return `<section><h2>${e(STEP_LABELS[id])}</h2>${fs.map(finding).join('')}</section>`;
  }).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>NDES Doctor report — ${e(h.dnsHostName ?? h.computerName)}</title>
<style>${CSS}</style></head>
<body>
<header><h1>NDES Doctor report</h1>
<dl><dt>Host</dt><dd>${e(h.dnsHostName ?? h.computerName)}</dd><dt>OS</dt><dd>${e(h.os ?? 'unknown')}</dd>
<dt>Collected</dt><dd>${e(report.collectedAt)}</dd><dt>Connector</dt><dd>${e(h.connectorVersion ?? 'none found')}</dd>
<dt>Culture</dt><dd>${e(h.culture ?? 'unknown')}</dd><dt>Engine</dt><dd>${e(`${report.engine.version} / rules ${report.engine.ruleset}`)}</dd>
${report.redaction ? `<dt>Redaction</dt><dd>${e(report.redaction)}</dd>` : ''}</dl>
<p class="counts">${ORDER.filter((s) => counts[s])
    .map((s) => `<span class="badge ${s}">${ICON[s]} ${counts[s]} ${s}</span>`)
    .join(' ')}</p>
</header>
<h2>SCEP flow</h2><ol class="flow">${steps}</ol>
${sections}
${report.artifactProblems.length ? `<section><h2>Evidence not available</h2><ul>${report.artifactProblems.map((p) => `<li><code>${e(p.path)}</code>: ${e(p.state)}${p.error ? ` — ${e(p.error)}` : ''}</li>`).join('')}</ul></section>` : ''}
</body></html>
`;
}

function finding(f: Finding): string {
  const e = escapeHtml;
  const open = f.status === 'fail' || f.status === 'warn' || f.status === 'error';
  return `<details class="finding ${f.status}"${open ? ' open' : ''} id="${e(f.checkId)}">
<summary><span class="badge ${f.status}">${ICON[f.status]} ${f.status}</span> <b>${e(f.title)}</b> <code>${e(f.checkId)}</code> <span class="sev">${f.severity}</span></summary>
<p>${e(f.summary)}</p><p class="why">${e(f.why)}</p>
${f.decoded.length ? `<ul class="decoded">${f.decoded.map((d) => `<li><code>${e(d.raw)}</code> — ${e(d.meaning)}${d.checkId ? ` (see <a href="#${e(d.checkId)}">${e(d.checkId)}</a>)` : ''}</li>`).join('')}</ul>` : ''}
${f.evidence.map(evidence).join('')}
${f.status === 'pass' || f.status === 'not-applicable' ? '' : f.fixes.map((x) => `<p class="fix"><b>Fix${x.wizard !== 'manual' ? ` (wizard ${e(x.wizard)})` : ''}:</b> ${e(x.text)}</p>`).join('')}
</details>`;
}

function evidence(item: EvidenceItem): string {
  const e = escapeHtml;
  switch (item.kind) {
    case 'registryValue':
      return `<p class="ev"><code>${e(item.file)}${item.line ? `:${item.line}` : ''}</code> <code>${e(item.keyPath)}\\${e(item.valueName)}</code> = <code>${item.value === null ? '(missing)' : e(item.value)}</code></p>`;
    case 'logLines':
      return `<div class="ev"><code>${e(item.file)}</code>${item.total ? ` (${item.total} matching)` : ''}<pre>${item.lines.map((l) => `${l.line}: ${e(l.text.length > 400 ? `${l.text.slice(0, 400)}…` : l.text)}`).join('\n')}</pre></div>`;
    case 'event':
      return `<p class="ev"><code>${e(item.file)}</code> ${e(item.provider)} event ${item.eventId} (level ${item.level}) ×${item.count}, last ${e(item.timeCreated ?? '?')}${item.recordId !== null ? `, record ${item.recordId}` : ''}${item.data.length ? `<br><code>${e(item.data.map((d) => (d.name ? `${d.name}=${d.value}` : d.value)).join(' | '))}</code>` : ''}</p>`;
    case 'certificate':
      return `<p class="ev">${item.role ? `${e(item.role)}: ` : ''}<code>${e(item.thumbprint)}</code> ${e(item.subject)} — issued by ${e(item.issuer)}, valid ${e(item.notBefore)} → ${e(item.notAfter)}${item.template ? `, template ${e(item.template)}` : ''}</p>`;
    case 'config':
      return `<p class="ev"><code>${e(item.file)}${item.line ? `:${item.line}` : ''}</code> ${e(item.location)} <code>${e(item.setting)}</code> = <code>${item.value === null ? '(unset)' : e(item.value)}</code></p>`;
    case 'keyValue':
      return `<table class="ev">${item.caption ? `<caption>${e(item.caption)}</caption>` : ''}${item.items.map((i) => `<tr><th>${e(i.key)}</th><td>${e(i.value)}</td></tr>`).join('')}</table>`;
    case 'table':
      return `<table class="ev">${item.caption ? `<caption>${e(item.caption)}</caption>` : ''}<tr>${item.headers.map((x) => `<th>${e(x)}</th>`).join('')}</tr>${item.rows.map((r) => `<tr>${r.map((x) => `<td>${e(x)}</td>`).join('')}</tr>`).join('')}</table>`;
    case 'text':
      return `<p class="ev">${e(item.text)}</p>`;
    case 'artifact':
      return `<p class="ev"><code>${e(item.file)}</code>: ${e(item.state)}${item.error ? ` — ${e(item.error)}` : ''}</p>`;
  }
}

const CSS = `
:root{color-scheme:light dark;--ok:#1a7f37;--warn:#9a6700;--fail:#cf222e;--unknown:#6e7781;--bg:#fff;--fg:#1f2328;--muted:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--ok:#3fb950;--warn:#d29922;--fail:#f85149;--unknown:#8b949e;--bg:#0d1117;--fg:#e6edf3;--muted:#161b22}}
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;background:var(--bg);color:var(--fg)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
.flow{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.step{border:2px solid var(--unknown);border-radius:8px;padding:.5rem .75rem;min-width:12rem;display:flex;flex-direction:column}
.step.ok{border-color:var(--ok)}.step.warn{border-color:var(--warn)}.step.fail{border-color:var(--fail)}
.icon{font-size:1.2rem}.health{font-size:.85rem;text-transform:uppercase}
.badge{border-radius:4px;padding:0 .4rem;font-size:.8rem;text-transform:uppercase;border:1px solid currentColor}
.pass,.ok{color:var(--ok)}.warn{color:var(--warn)}.fail,.error{color:var(--fail)}.unknown,.not-applicable,.info{color:var(--unknown)}
details.finding{border:1px solid var(--muted);border-radius:6px;margin:.5rem 0;padding:.5rem .75rem;color:var(--fg)}
summary{cursor:pointer}.sev{font-size:.8rem;opacity:.7}.why{opacity:.8}
pre{background:var(--muted);padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
table.ev{border-collapse:collapse}table.ev td,table.ev th{border:1px solid var(--muted);padding:.2rem .5rem;text-align:left}
@media print{details{break-inside:avoid}details:not([open]) > *:not(summary){display:none}}
`;
