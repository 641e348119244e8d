// Self-contained HTML report (BUNDLE-FORMAT.md report/): one file, no scripts, no network, no
// external fonts or images, printable. Host summary, the SCEP flow as inline SVG, then every
// finding with its evidence, worst first within each flow step. Every value is escaped: the
// report carries data from the bundle, which is untrusted text.
import type { CheckStatus, EvidenceItem, Finding, Health, Report } from '../model';
import { STEP_IDS } from '../model';
import { STEP_LABELS } from './labels';
import { countStatuses } from './text';
import { STATUS_ICON } from './icons';
import { flowSvg } from './flow-svg';

const ICON = STATUS_ICON;
const ORDER: CheckStatus[] = ['fail', 'error', 'warn', 'unknown', 'info', 'pass', 'not-applicable'];
const ATTENTION: ReadonlySet<CheckStatus> = new Set(['fail', 'error', 'warn', 'unknown']);
const MAX_ROWS = 60;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
const e = escapeHtml;

function badge(status: CheckStatus | Health, text: string = status): string {
  return `<span class="badge ${status}">${ICON[status]} ${e(text)}</span>`;
}

function byStatus(a: Finding, b: Finding): number {
  return ORDER.indexOf(a.status) - ORDER.indexOf(b.status);
}

/** Renders the whole report as one HTML document. */
export function renderHtml(report: Report): string {
  const h = report.host;
  const name = h.dnsHostName ?? h.computerName;
  const counts = countStatuses(report.findings);
  const hostRows: [string, string | null][] = [
    ['Computer name', h.computerName],
    ['FQDN', h.dnsHostName],
    ['Domain', h.domain],
    ['Operating system', h.os],
    ['Intune connector', h.connectorVersion ?? 'none found'],
    ['Culture / time zone', [h.culture, h.timeZone].filter(Boolean).join(' / ') || null],
    ['Collected (UTC)', report.collectedAt],
    ['Bundle', report.source.path],
    [
      'Redaction',
      report.redaction ? `${report.redaction}: names and addresses are tokens` : 'none',
    ],
    ['Engine', `ndes-doctor ${report.engine.version}, rules ${report.engine.ruleset}`],
  ];
  const steps = STEP_IDS.map((id) => {
    const s = report.steps.find((x) => x.id === id);
    const health = s?.health ?? 'unknown';
    const c = s?.counts ?? {};
    const detail = ORDER.filter((k) => c[k])
      .map((k) => `${c[k]} ${k}`)
      .join(', ');
    return `<tr class="step" data-step="${id}" data-health="${health}"><td>${e(STEP_LABELS[id])}</td><td>${badge(health)}</td><td>${e(detail || 'no checks')}</td></tr>`;
  }).join('');
  const attention = [...report.findings].filter((f) => ATTENTION.has(f.status)).sort(byStatus);
  const attentionTable = attention.length
    ? `<table class="list"><thead><tr><th>Status</th><th>Check</th><th>Step</th><th>Summary</th></tr></thead><tbody>${attention
        .map(
          (f) =>
            `<tr><td>${badge(f.status)}</td><td><a href="#${e(f.checkId)}">${e(f.title)}</a><br><code>${e(f.checkId)}</code> <span class="sev ${f.severity}">${f.severity}</span></td><td>${e(STEP_LABELS[f.step])}</td><td>${e(f.summary)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="allgood">No check failed, warned or could not be judged.</p>';
  const sections = STEP_IDS.map((id) => {
    const fs = report.findings.filter((f) => f.step === id).sort(byStatus);
    if (fs.length === 0) return '';
    const health = report.steps.find((x) => x.id === id)?.health ?? 'unknown';
    return `<section class="step-section" id="step-${id}"><h2>${e(STEP_LABELS[id])} ${badge(health)}</h2>${fs.map(finding).join('')}</section>`;
  }).join('');
  const problems = report.artifactProblems.length
    ? `<section><h2>Evidence not available</h2><table class="list"><thead><tr><th>File</th><th>State</th><th>Why</th></tr></thead><tbody>${report.artifactProblems
        .map(
          (p) =>
            `<tr><td><code>${e(p.path)}</code></td><td>${e(p.state)}</td><td>${e(p.error ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NDES Doctor report — ${e(name)}</title>
<style>${CSS}</style></head>
<body>
<header class="top"><div><h1>NDES Doctor report</h1><p class="sub">${e(name)} · collected ${e(report.collectedAt)}</p></div>
<p class="counts">${ORDER.filter((s) => counts[s])
    .map((s) => badge(s, `${counts[s]} ${s}`))
    .join(' ')}</p></header>
<section class="summary"><h2>Host</h2><dl class="host">${hostRows
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v ?? 'unknown')}</dd>`)
    .join('')}</dl></section>
<section class="flow"><h2>SCEP flow</h2>${flowSvg(report.steps)}
<table class="list steps"><thead><tr><th>Step</th><th>Health</th><th>Checks</th></tr></thead><tbody>${steps}</tbody></table></section>
<section><h2>Needs attention</h2>${attentionTable}</section>
${sections}
${problems}
<footer>Generated by NDES Doctor ${e(report.engine.version)} (rules ${e(report.engine.ruleset)}) from the bundle collected ${e(report.collectedAt)}. ${report.redaction ? `This bundle was redacted (${e(report.redaction)}): host names, domains, accounts, addresses and SIDs are consistent tokens; secrets were removed.` : 'Secrets (private keys, passwords) were removed from this bundle.'}</footer>
</body></html>
`;
}

function finding(f: Finding): string {
  const quiet = f.status === 'pass' || f.status === 'not-applicable' || f.status === 'info';
  const fixes = quiet
    ? ''
    : f.fixes
        .map(
          (x) =>
            `<p class="fix"><b>Fix${x.wizard !== 'manual' ? ` (wizard ${e(x.wizard)})` : ''}:</b> ${e(x.text)}</p>`,
        )
        .join('');
  const decoded = f.decoded.length
    ? `<ul class="decoded">${f.decoded.map((d) => `<li><code>${e(d.raw)}</code> — ${e(d.meaning)}${d.checkId ? ` (see <a href="#${e(d.checkId)}">${e(d.checkId)}</a>)` : ''}</li>`).join('')}</ul>`
    : '';
  const evidence = f.evidence.length
    ? `<div class="evidence"><h4>Evidence</h4>${f.evidence.map(renderEvidence).join('')}</div>`
    : '';
  return `<article class="finding ${f.status}${quiet ? ' quiet' : ''}" id="${e(f.checkId)}" data-status="${f.status}">
<h3>${badge(f.status)} ${e(f.title)} <code>${e(f.checkId)}</code> <span class="sev ${f.severity}">${f.severity}</span></h3>
<p class="summary-line">${e(f.summary)}</p>${quiet ? '' : `<p class="why">${e(f.why)}</p>`}
${decoded}${evidence}${fixes}
</article>`;
}

function rowsNote(total: number): string {
  return total > MAX_ROWS ? `<p class="more">… ${total - MAX_ROWS} more not shown</p>` : '';
}

function renderEvidence(item: EvidenceItem): string {
  switch (item.kind) {
    case 'registryValue':
      return `<p class="ev"><code>${e(item.file)}${item.line ? `:${item.line}` : ''}</code> <code>${e(item.keyPath)}\\${e(item.valueName)}</code> = <code>${item.value === null ? '(missing)' : e(item.value)}</code></p>`;
    case 'logLines':
      return `<div class="ev">${item.caption ? `<p class="cap">${e(item.caption)}</p>` : ''}<code>${e(item.file)}</code>${item.total ? ` (${item.total} matching)` : ''}<pre>${item.lines
        .slice(0, MAX_ROWS)
        .map(
          (l) =>
            `<span class="ln">${l.line}</span> ${e(l.text.length > 400 ? `${l.text.slice(0, 400)}…` : l.text)}`,
        )
        .join('\n')}</pre>${rowsNote(item.lines.length)}</div>`;
    case 'event':
      return `<p class="ev"><code>${e(item.file)}${item.line ? `:${item.line}` : ''}</code> ${e(item.provider)} event <b>${item.eventId}</b> (level ${item.level}) ×${item.count}, last ${e(item.timeCreated ?? '?')}${item.recordId !== null ? `, record ${item.recordId}` : ''}${item.data.length ? `<br><code>${e(item.data.map((d) => (d.name ? `${d.name}=${d.value}` : d.value)).join(' | '))}</code>` : ''}${item.message ? `<br><span class="msg">${e(item.message)}</span>` : ''}</p>`;
    case 'certificate':
      return `<p class="ev">${item.role ? `<b>${e(item.role)}</b>: ` : ''}<code>${e(item.thumbprint)}</code> ${e(item.subject)} — issued by ${e(item.issuer)}, valid ${e(item.notBefore)} → ${e(item.notAfter)}${item.template ? `, template ${e(item.template)}` : ''} <span class="file">(${e(item.file)})</span></p>`;
    case 'config':
      return `<p class="ev"><code>${e(item.file)}${item.line ? `:${item.line}` : ''}</code> ${e(item.location)} <code>${e(item.setting)}</code> = <code>${item.value === null ? '(unset)' : e(item.value)}</code></p>`;
    case 'keyValue':
      return `<table class="ev kv">${item.caption ? `<caption>${e(item.caption)}</caption>` : ''}${item.items.map((i) => `<tr><th>${e(i.key)}</th><td>${e(i.value)}</td></tr>`).join('')}</table>`;
    case 'table':
      return `<table class="ev">${item.caption ? `<caption>${e(item.caption)}</caption>` : ''}<thead><tr>${item.headers.map((x) => `<th>${e(x)}</th>`).join('')}</tr></thead><tbody>${item.rows
        .slice(0, MAX_ROWS)
        .map((r) => `<tr>${r.map((x) => `<td>${e(x)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>${rowsNote(item.rows.length)}`;
    case 'text':
      return `<p class="ev">${e(item.text)}</p>`;
    case 'artifact':
      return `<p class="ev"><code>${e(item.file)}</code>: ${e(item.state)}${item.error ? ` — ${e(item.error)}` : ''}</p>`;
  }
}

const CSS = `
:root{--ok:#1a7f37;--warn:#9a6700;--fail:#cf222e;--unknown:#6e7781;--bg:#fff;--fg:#1f2328;--muted:#f6f8fa;--line:#d0d7de;--dim:#59636e}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1180px;padding:1.5rem 1.25rem 3rem;background:var(--bg);color:var(--fg)}
h1{font-size:1.6rem;margin:0}h2{font-size:1.2rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:0 0 .35rem}h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--dim);margin:.6rem 0 .3rem}
a{color:#0969da}code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Consolas,monospace;background:var(--muted);padding:0 .25rem;border-radius:4px;word-break:break-all}
.top{display:flex;justify-content:space-between;align-items:flex-end;gap:1rem;flex-wrap:wrap;border-bottom:3px solid var(--fg);padding-bottom:.75rem}
.sub{margin:.2rem 0 0;color:var(--dim)}.counts{margin:0;display:flex;gap:.35rem;flex-wrap:wrap}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.78rem;font-weight:600;text-transform:uppercase;border:1px solid currentColor;white-space:nowrap;vertical-align:middle}
.badge.pass,.badge.ok{color:var(--ok)}.badge.warn{color:var(--warn)}.badge.fail,.badge.error{color:var(--fail)}.badge.unknown,.badge.not-applicable,.badge.info{color:var(--unknown)}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid var(--line)}
dl.host{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:0;margin:0;border-top:1px solid var(--line)}
dl.host dt,dl.host dd{margin:0;padding:.35rem .6rem;border-bottom:1px solid var(--line)}dl.host dt{color:var(--dim);font-weight:600}dl.host dd{word-break:break-word}table.list{width:100%}table.list thead th{background:var(--muted)}
.flow-svg{width:100%;height:auto;display:block;margin:.5rem 0 1rem}
.steps td:first-child{font-weight:600}
.finding{border:1px solid var(--line);border-left:6px solid var(--unknown);border-radius:6px;margin:.75rem 0;padding:.75rem 1rem;break-inside:avoid-page}
.finding.fail,.finding.error{border-left-color:var(--fail)}.finding.warn{border-left-color:var(--warn)}.finding.pass{border-left-color:var(--ok)}
.finding h3 code{font-weight:400;font-size:.75rem}.finding.quiet{padding:.45rem .9rem;font-size:.92em}.finding.quiet .summary-line{margin:.1rem 0;font-weight:400}
.finding.quiet h3{font-size:.95rem}.finding.quiet .evidence{color:var(--dim)}.finding.quiet h4{display:none}
.sev{font-size:.72rem;text-transform:uppercase;color:var(--dim);border:1px solid var(--line);border-radius:4px;padding:0 .3rem}
.sev.critical{color:var(--fail);border-color:var(--fail)}.sev.high{color:var(--warn);border-color:var(--warn)}
.summary-line{margin:.25rem 0;font-weight:500}.why{color:var(--dim);margin:.25rem 0}
.fix{background:#ddf4ff;border-radius:6px;padding:.45rem .7rem;margin:.5rem 0 0}
.ev{margin:.3rem 0}.ev .msg{color:var(--dim)}.ev .file{color:var(--dim);font-size:.8rem}.cap{margin:.2rem 0;font-weight:600}
table.ev{margin:.4rem 0;font-size:.85rem}table.ev caption{text-align:left;font-weight:600;padding:.2rem 0}
pre{background:var(--muted);padding:.5rem .6rem;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font:12px/1.45 ui-monospace,SFMono-Regular,Consolas,monospace;margin:.3rem 0}
.ln{color:var(--dim);user-select:none}.more{color:var(--dim);font-size:.8rem;margin:.1rem 0}
.decoded{margin:.3rem 0;padding-left:1.2rem}.allgood{color:var(--ok);font-weight:600}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--dim);font-size:.85rem}
@media (max-width:800px){dl.host{grid-template-columns:max-content 1fr}}
@media print{body{max-width:none;padding:0;font-size:11px}dl.host{grid-template-columns:max-content 1fr max-content 1fr}h2{break-after:avoid}.step-section{break-before:auto}
a{color:inherit;text-decoration:none}.finding{break-inside:avoid}pre{white-space:pre-wrap}.fix{background:none;border:1px solid var(--line)}}
@page{margin:14mm}
`;
