// Text output of `ndes-doctor fix …`: the wizard's explain and preview steps as a terminal shows
// them (finding, why, what changes, every command in order with its backup and undo, reboot and
// restarts), the dry-run command lines, the verification table and the history list.
import type { FixPlan, FixRestart, FixVerification } from '../../shared/model/fix-plan';
import type { ApplicableFix } from '../../shared/fixes';
import { commandText } from '../../shared/fixes/command-line';
import { fill } from '../../shared/engine/computed/text';
import type { DryRunLine, StepRecord } from './executor';
import type { FixRecord } from './records';

export const FORMAT_STRINGS = {
  header: 'Fix: {title} ({wizard}, check {check})',
  finding: 'The finding:',
  why: 'Why it breaks enrollment:',
  change: 'What will change:',
  steps: 'Steps, in order:',
  precheck: 'check',
  change_: 'change',
  restart: 'restart',
  backup: 'backup first: {what}',
  undo: 'undo:',
  stepReboot: '(needs a reboot)',
  reboot:
    'Reboot: required. HTTP.sys and user-rights changes take effect only after a restart of the server; iisreset is not enough.',
  noReboot: 'Reboot: not needed.',
  restarts: 'Also restarts: {list}.',
  notes: 'Notes:',
  followUps: 'Then: {list}.',
  noFixes: 'No fix wizard applies: no failing or warning check of {host} has one.',
  listHeader: 'Fix wizards for {host}:',
  logHeader: 'Fix {id}: {wizard} (check {check}) on {host}, started {at}',
  logResult: 'Result: {status}.',
  logBackups: 'Backups: {dir}',
  logUndo: 'Undo, {at}:',
  ready: 'ready',
  needs: 'needs --param {params}',
  refused: 'not applicable: {reason}',
  exact: 'Exact commands (dry run, nothing was run):',
  script: 'script text:',
  verifyHeader: 'Verification (collected again at {at}):',
  fixed: 'The affected checks pass.',
  notFixed: 'Some affected checks still do not pass.',
  rebootPending: 'A reboot is still pending; verify again after it.',
  history: 'Fixes in {db}:',
  noHistory: 'No fixes recorded in {db}.',
  iis: 'IIS',
  pool: 'application pool {name}',
  service: 'service {name}',
};

const S = FORMAT_STRINGS;

function restartText(r: FixRestart): string {
  if (r.kind === 'iis') return S.iis;
  return fill(r.kind === 'app-pool' ? S.pool : S.service, { name: r.name ?? '' });
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** Wizard steps 1 and 2: explain and preview, with commands as the admin can copy them. */
export function formatPlan(plan: FixPlan): string {
  const out: string[] = [
    fill(S.header, { title: plan.title, wizard: plan.wizard, check: plan.checkId }),
    '',
    S.finding,
    indent(plan.explain.finding, '  '),
    S.why,
    indent(plan.explain.why, '  '),
    S.change,
    indent(plan.explain.change, '  '),
    '',
    S.steps,
  ];
  const kind = { precheck: S.precheck, change: S.change_, restart: S.restart };
  plan.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. [${kind[s.kind]}] ${s.title}${s.needsReboot ? ` ${S.stepReboot}` : ''}`);
    out.push(indent(s.why, '       '));
    if (s.backup) {
      out.push(`       ${fill(S.backup, { what: s.backup.what })}`);
      out.push(`         ${commandText(s.backup.command)}`);
    }
    out.push(`       > ${commandText(s.command)}`);
    if (s.undo) out.push(`       ${S.undo} ${commandText(s.undo)}`);
  });
  out.push('', plan.needsReboot ? S.reboot : S.noReboot);
  if (plan.restarts.length > 0)
    out.push(fill(S.restarts, { list: plan.restarts.map(restartText).join(', ') }));
  if (plan.notes.length > 0) out.push(S.notes, ...plan.notes.map((n) => `  - ${n}`));
  if (plan.followUps.length > 0) out.push(fill(S.followUps, { list: plan.followUps.join(', ') }));
  return `${out.join('\n')}\n`;
}

/** The exact command lines a dry run would have started, scripts included. */
export function formatDryRun(lines: readonly DryRunLine[]): string {
  const out = [S.exact];
  for (const l of lines) {
    out.push(`  [${l.phase}] ${l.stepId}: ${l.title}`, `    ${l.commandLine}`);
    if (l.script) out.push(`    ${S.script}`, indent(l.script.replace(/\r\n/g, '\n'), '      '));
  }
  return `${out.join('\n')}\n`;
}

export function formatList(host: string, fixes: readonly ApplicableFix[]): string {
  if (fixes.length === 0) return `${fill(S.noFixes, { host })}\n`;
  const rows = fixes.map((f) => {
    const r = f.result;
    const state =
      'refused' in r
        ? r.missingParams
          ? fill(S.needs, { params: r.missingParams.map((p) => `${p}=…`).join(' --param ') })
          : fill(S.refused, { reason: r.refused })
        : S.ready;
    return `  ${f.wizard.padEnd(28)} ${`${f.checkId} (${f.status})`.padEnd(44)} ${state}`;
  });
  return `${[fill(S.listHeader, { host }), ...rows].join('\n')}\n`;
}

export function formatVerification(v: FixVerification): string {
  const out = [fill(S.verifyHeader, { at: v.collectedAt })];
  for (const c of v.checks)
    out.push(`  ${c.checkId.padEnd(34)} ${c.before} -> ${c.after}  ${c.summary}`);
  out.push(v.fixed ? S.fixed : S.notFixed);
  if (v.rebootPending) out.push(S.rebootPending);
  return `${out.join('\n')}\n`;
}

export function formatRecordLine(r: FixRecord): string {
  const when = r.startedAt.replace('T', ' ').slice(0, 19);
  return `  ${String(r.id).padStart(5)}  ${when}  ${r.host.padEnd(16)} ${r.wizard.padEnd(28)} ${r.status}`;
}

export function formatHistory(db: string, records: readonly FixRecord[]): string {
  if (records.length === 0) return `${fill(S.noHistory, { db })}\n`;
  return `${[fill(S.history, { db }), ...records.map(formatRecordLine)].join('\n')}\n`;
}

/** One command as the terminal shows it when it starts. */
export function formatStepStart(s: { phase: string; title: string; summary: string }): string {
  return `\n[${s.phase}] ${s.title}\n> ${s.summary}\n`;
}

/**
 * A recorded fix as its run showed it: each command with the end of its output and exit code,
 * the result, the verification and a later undo.
 */
export function formatFixLog(r: FixRecord): string {
  const when = (iso: string | null) => (iso ?? '').replace('T', ' ').slice(0, 19);
  const out = [
    fill(S.logHeader, {
      id: r.id,
      wizard: r.wizard,
      check: r.checkId,
      host: r.host,
      at: when(r.startedAt),
    }),
  ];
  const steps = (records: readonly StepRecord[]) => {
    for (const s of records) {
      out.push(formatStepStart(s).replace(/\n$/, ''));
      if (s.output.trim()) out.push(s.output.replace(/\r\n/g, '\n').replace(/\n$/, ''));
      out.push(formatStepEnd(s).replace(/\n$/, ''));
    }
  };
  steps(r.steps);
  out.push('', fill(S.logResult, { status: r.dryRun ? 'dry-run' : r.status }));
  if (r.message && r.status !== 'applied') out.push(r.message);
  if (r.backupPath) out.push(fill(S.logBackups, { dir: r.backupPath }));
  if (r.verification) out.push(formatVerification(r.verification).replace(/\n$/, ''));
  if (r.undoSteps) {
    out.push('', fill(S.logUndo, { at: when(r.undoneAt) }));
    steps(r.undoSteps);
  }
  return `${out.join('\n')}\n`;
}

/** One executed command as the terminal shows it when it ends. */
export function formatStepEnd(r: StepRecord): string {
  const code = r.exitCode === null ? '-' : String(r.exitCode);
  return `  => ${r.ok ? 'ok' : 'FAILED'} (exit ${code}, ${Math.round(r.durationMs)} ms)${r.error && !r.ok ? `: ${r.error}` : ''}\n`;
}
