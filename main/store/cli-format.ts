// Plain-text views of the run history for `ndes-doctor runs`: the run list, one run's header,
// and a run-to-run diff (flow steps, checks, then the evidence that explains them). Sentences
// live in STRINGS so they can be translated whole.
import path from 'node:path';
import type { CheckDiff, EvidenceDiff, RunDiff } from '../../shared/engine/compare';
import { fill } from '../../shared/engine/computed/text';
import type { CheckStatus } from '../../shared/model';
import { STEP_LABELS } from '../../shared/report/labels';
import type { RunSummary } from './runs';

export const STRINGS = {
  listHeader: 'ID      Collected (UTC)       Host             Source                     Result',
  listFooter: 'Runs {from}–{to} of {total} in {db}',
  listEmpty: 'No runs stored in {db} yet. Every `ndes-doctor diagnose` adds one.',
  allPassed: 'no problem',
  rejudgeOf: 're-judge of #{parent}',
  rejudgeOfDeleted: 're-judge',
  runTitle: 'Run {id} — {host}',
  runStored: 'Stored {storedAt}; evidence collected {collectedAt}; diagnosis took {duration}',
  runSource: 'Source: {source}',
  runEngine: 'Engine {engine}, ruleset {ruleset}',
  runCopy: 'Bundle copy: {copy}',
  runLabel: 'Label: {label}',
  diffBefore: 'Before: run {id} — {host}, collected {collectedAt}, ruleset {ruleset}',
  diffAfter: 'After:  run {id} — {host}, collected {collectedAt}, ruleset {ruleset}',
  crossHost: 'These runs are from different hosts ({before} and {after}).',
  rulesetChanged: 'The rulesets differ: some changes may come from the rules, not from the host.',
  flow: 'Flow',
  checks:
    'Checks: {new} new, {fixed} fixed, {changed} changed, {removed} removed, {unchanged} unchanged',
  noCheckChange: '  No check changed status.',
  evidence: 'Evidence differences ({count})',
  noEvidenceChange: '  No difference in the compared evidence.',
  explains: 'read by {checks}',
  missing: '(missing)',
};

const CHANGE_LABEL: Record<CheckDiff['change'], string> = {
  new: 'NEW',
  fixed: 'FIXED',
  changed: 'CHANGED',
  removed: 'REMOVED',
  unchanged: 'SAME',
};

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

/** `2026-11-20T09:14:03.000Z` → `2026-11-20 09:14:03`. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

function sourceText(r: RunSummary): string {
  const s = r.source;
  if (s.kind === 'rejudge')
    return s.parentId == null
      ? STRINGS.rejudgeOfDeleted
      : fill(STRINGS.rejudgeOf, { parent: s.parentId });
  return s.path === null ? s.kind : `${s.kind}: ${path.basename(s.path)}`;
}

const RESULT_ORDER: CheckStatus[] = ['fail', 'warn', 'error', 'unknown'];

function resultText(r: RunSummary): string {
  const parts = RESULT_ORDER.filter((s) => r.counts[s] > 0).map((s) => `${r.counts[s]} ${s}`);
  return parts.length === 0 ? `${STRINGS.allPassed} (${r.counts.pass} pass)` : parts.join(', ');
}

export function formatList(runs: RunSummary[], total: number, offset: number, db: string): string {
  if (total === 0) return `${fill(STRINGS.listEmpty, { db })}\n`;
  const lines = [STRINGS.listHeader];
  for (const r of runs) {
    const label = r.label ? `  “${r.label}”` : '';
    lines.push(
      pad(String(r.id), 8) +
        pad(shortTime(r.collectedAt), 22) +
        pad(r.host, 17) +
        pad(sourceText(r), 27) +
        resultText(r) +
        label,
    );
  }
  const range = { from: runs.length ? offset + 1 : 0, to: offset + runs.length, total, db };
  lines.push('', fill(STRINGS.listFooter, range));
  return `${lines.join('\n')}\n`;
}

export function formatRunHeader(r: RunSummary): string {
  const host = r.dnsHostName ? `${r.host} (${r.dnsHostName})` : r.host;
  const source =
    r.source.path === null
      ? sourceText(r)
      : `${sourceText(r)} — ${r.source.path}${r.source.sha256 ? ` (sha256 ${r.source.sha256})` : ''}`;
  const lines = [
    fill(STRINGS.runTitle, { id: r.id, host }),
    fill(STRINGS.runStored, {
      storedAt: shortTime(r.storedAt),
      collectedAt: shortTime(r.collectedAt),
      duration: durationText(r.durationMs),
    }),
    fill(STRINGS.runSource, { source }),
    fill(STRINGS.runEngine, { engine: r.engineVersion, ruleset: r.rulesetVersion }),
  ];
  if (r.bundleCopy) lines.push(fill(STRINGS.runCopy, { copy: r.bundleCopy }));
  if (r.label) lines.push(fill(STRINGS.runLabel, { label: r.label }));
  return `${lines.join('\n')}\n`;
}

function durationText(ms: number | null): string {
  if (ms === null) return '?';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function sideLine(template: string, r: RunSummary): string {
  return fill(template, {
    id: r.id,
    host: r.host,
    collectedAt: `${shortTime(r.collectedAt)} UTC`,
    ruleset: r.rulesetVersion,
  });
}

function evidenceLine(e: EvidenceDiff): string {
  const v = (x: string | null) => x ?? STRINGS.missing;
  const why = e.checks.length
    ? `  (${fill(STRINGS.explains, { checks: e.checks.join(', ') })})`
    : '';
  return `  ${pad(e.area, 13)}${e.item}: ${v(e.before)} → ${v(e.after)}${why}`;
}

/** The diff as text; `color` only when writing to a terminal. */
export function formatDiff(
  diff: RunDiff,
  before: RunSummary,
  after: RunSummary,
  color: boolean,
): string {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const changeColor = { new: RED, fixed: GREEN, changed: YELLOW, removed: YELLOW, unchanged: '' };
  const out = [sideLine(STRINGS.diffBefore, before), sideLine(STRINGS.diffAfter, after)];
  if (diff.crossHost) out.push(fill(STRINGS.crossHost, { before: before.host, after: after.host }));
  if (diff.rulesetChanged) out.push(STRINGS.rulesetChanged);
  out.push('', STRINGS.flow);
  for (const s of diff.steps) {
    const moved = Object.entries(s.checks)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    const health = `${s.before ?? '-'} → ${s.after ?? '-'}`;
    const code = s.change === 'worse' ? RED : s.change === 'better' ? GREEN : '';
    const tail =
      s.change === 'unchanged' ? '' : paint(code, `  ${s.change}${moved ? ` (${moved})` : ''}`);
    out.push(`  ${pad(STEP_LABELS[s.id], 58)}${pad(health, 18)}${tail}`.trimEnd());
  }
  out.push('', fill(STRINGS.checks, diff.counts));
  const moved = diff.checks.filter((c) => c.change !== 'unchanged');
  if (moved.length === 0) out.push(STRINGS.noCheckChange);
  for (const c of moved) {
    const status = `${c.before ?? '-'} → ${c.after ?? '-'}`;
    const summary = c.summaryAfter ?? c.summaryBefore ?? '';
    out.push(
      `  ${paint(changeColor[c.change], pad(CHANGE_LABEL[c.change], 9))}${pad(c.checkId, 34)}${pad(status, 24)}${summary}`,
    );
  }
  out.push('', fill(STRINGS.evidence, { count: diff.evidence.length }));
  if (diff.evidence.length === 0) out.push(STRINGS.noEvidenceChange);
  for (const e of diff.evidence) out.push(evidenceLine(e));
  return `${out.join('\n')}\n`;
}
