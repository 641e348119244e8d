import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HOSTS } from '../fixtures/hosts';
import { GOLDEN_DIR, goldenReport, writeAllFixtures } from '../fixtures/golden-lib';
import { RULES } from '../../shared/rules';
import type { Report } from '../../shared/model';

let dirs: Map<string, string>;
const reports = new Map<string, Report>();

beforeAll(async () => {
  dirs = await writeAllFixtures();
  for (const [name, dir] of dirs) reports.set(name, await goldenReport(dir));
}, 300_000);

describe.each(HOSTS.map((h) => [h.name, h] as const))('fixture host %s', (name, host) => {
  it('produces the expected status for every targeted check', () => {
    const report = reports.get(name)!;
    const actual = Object.fromEntries(
      Object.keys(host.expected)
        .filter((id) => RULES.some((r) => r.meta.id === id))
        .map((id) => [id, report.findings.find((f) => f.checkId === id)?.status]),
    );
    const expected = Object.fromEntries(
      Object.entries(host.expected).filter(([id]) => RULES.some((r) => r.meta.id === id)),
    );
    expect(actual).toEqual(expected);
  });

  it('has one finding per rule and no rule error', () => {
    const report = reports.get(name)!;
    expect(report.findings.map((f) => f.checkId)).toEqual(RULES.map((r) => r.meta.id));
    expect(
      report.findings.filter((f) => f.status === 'error').map((f) => `${f.checkId}: ${f.summary}`),
    ).toEqual([]);
  });

  it('matches its golden report', () => {
    const file = path.join(GOLDEN_DIR, `${name}.json`);
    expect(existsSync(file), `missing golden report: run npm run update-golden`).toBe(true);
    const golden = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(reports.get(name)).toEqual(golden);
  });
});
