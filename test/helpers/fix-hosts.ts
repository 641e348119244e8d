// Real diagnoses for the fix wizard tests: a fixture host (or the healthy spec with one edit) is
// written as a bundle with writeBundle, diagnosed, and its finding planned for. One bundle per
// name per test file; call removeFixTemp from afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { diagnoseBundle } from '../../main/analysis/diagnose';
import type { Diagnosis } from '../../main/analysis/diagnose';
import type { Finding } from '../../shared/model';
import type {
  FixCommand,
  FixParams,
  FixPlan,
  FixPlanResult,
  FixRefusal,
} from '../../shared/model/fix-plan';
import { isRefusal } from '../../shared/model/fix-plan';
import { planFix } from '../../shared/fixes';
import { commandText } from '../../shared/fixes/command-line';
import { fixtureHost } from '../fixtures/hosts';
import { healthyHost } from '../fixtures/lib/spec';
import type { HostSpec } from '../fixtures/lib/spec';
import { writeBundle } from '../fixtures/lib/write-bundle';

let rootDir: string | null = null;
const cache = new Map<string, Promise<Diagnosis & { dir: string }>>();

function root(): string {
  rootDir ??= mkdtempSync(path.join(tmpdir(), 'ndes-fix-'));
  return rootDir;
}

/** Writes `spec` as bundle `name` and diagnoses it (cached by name). */
export function diagnoseSpec(
  name: string,
  spec: () => HostSpec,
): Promise<Diagnosis & { dir: string }> {
  let p = cache.get(name);
  if (!p) {
    const dir = path.join(root(), name);
    p = writeBundle(spec(), dir).then(async () => ({ ...(await diagnoseBundle(dir)), dir }));
    cache.set(name, p);
  }
  return p;
}

/** A fixture host from test/fixtures/hosts, diagnosed. */
export function diagnoseFixture(name: string): Promise<Diagnosis & { dir: string }> {
  const host = fixtureHost(name);
  if (!host) throw new Error(`no fixture host ${name}`);
  return diagnoseSpec(name, () => host.spec);
}

/** The healthy host with one cause changed, diagnosed. */
export function diagnoseVariant(
  name: string,
  edit: (spec: HostSpec) => void,
): Promise<Diagnosis & { dir: string }> {
  return diagnoseSpec(name, () => {
    const spec = healthyHost();
    edit(spec);
    return spec;
  });
}

let dbs = 0;
/** A database path in a new folder of this test file's temporary folder (not created yet). */
export function tempDb(): string {
  return path.join(mkdtempSync(path.join(root(), `db-${++dbs}-`)), 'runs.db');
}

export function removeFixTemp(): void {
  if (rootDir !== null) rmSync(rootDir, { recursive: true, force: true });
  rootDir = null;
  cache.clear();
}

export function findingOf(d: Diagnosis, checkId: string): Finding {
  const f = d.report.findings.find((x) => x.checkId === checkId);
  if (!f) throw new Error(`no finding ${checkId}`);
  return f;
}

/** The plan for a check's finding; fails the test with the refusal when there is none. */
export function planOf(d: Diagnosis, checkId: string, params: FixParams = {}): FixPlan {
  const r: FixPlanResult = planFix(d.snapshot, findingOf(d, checkId), params);
  if (isRefusal(r)) expect.fail(`refused: ${r.refused}`);
  return r;
}

export function refusalOf(d: Diagnosis, checkId: string, params: FixParams = {}): FixRefusal {
  const r = planFix(d.snapshot, findingOf(d, checkId), params);
  if (!isRefusal(r)) expect.fail(`expected a refusal, got a plan of ${r.steps.length} steps`);
  return r;
}

/** The plan's commands as the preview prints them. */
export function text(cmd: FixCommand | undefined): string | undefined {
  return cmd ? commandText(cmd) : undefined;
}

/** Step id, kind, command, backup command, undo and reboot flag: what a plan test pins. */
export function shape(plan: FixPlan) {
  return plan.steps.map((s) => ({
    id: s.id,
    kind: s.kind,
    command: commandText(s.command),
    backup: s.backup ? commandText(s.backup.command) : null,
    undo: text(s.undo) ?? null,
    needsReboot: s.needsReboot,
  }));
}
