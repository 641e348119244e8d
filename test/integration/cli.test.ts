// The ndes-doctor command as admins' scripts use it: exit codes and the --json document.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { writeBundle } from '../fixtures/lib/write-bundle';
import { HOSTS } from '../fixtures/hosts';
import { REPO } from '../helpers/paths';
import { RULES } from '../../shared/rules';

const CLI = path.join(REPO, 'bin', 'ndes-doctor.cjs');
const root = mkdtempSync(path.join(tmpdir(), 'ndes-cli-'));
let healthy: string;
let broken: string;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NDES_DOCTOR_DB: path.join(root, 'runs.db') },
  });
}

beforeAll(async () => {
  expect(existsSync(path.join(REPO, 'dist', 'cli.cjs')), 'run npm run build first').toBe(true);
  healthy = path.join(root, 'healthy');
  broken = path.join(root, 'broken');
  await writeBundle(HOSTS.find((h) => h.name === 'healthy')!.spec, healthy);
  await writeBundle(HOSTS.find((h) => h.name === 'http-500-impersonation')!.spec, broken);
}, 120_000);

describe('ndes-doctor diagnose', () => {
  it('--json prints exactly one ndes-doctor-report/1 document with one finding per check', () => {
    const r = cli('diagnose', '--bundle', healthy, '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & {
      steps: { id: string; health: string }[];
      findings: Record<string, unknown>[];
    };
    expect(doc.schema).toBe('ndes-doctor-report/1');
    expect(doc.collectedAt).toBe('2026-11-20T09:14:03Z');
    expect(doc.host).toMatchObject({ computerName: 'NDES01' });
    expect(doc.steps.map((s) => s.id)).toEqual([
      'host',
      'profile',
      'device-to-ndes',
      'policy-module',
      'ndes-to-ca',
      'delivery',
      'reporting',
    ]);
    expect(doc.findings).toHaveLength(RULES.length);
    for (const f of doc.findings) {
      for (const key of [
        'checkId',
        'status',
        'severity',
        'step',
        'title',
        'summary',
        'evidence',
        'fixes',
      ]) {
        expect(f).toHaveProperty(key);
      }
      expect(['pass', 'fail', 'warn', 'info', 'not-applicable', 'unknown', 'error']).toContain(
        f.status,
      );
    }
  });

  it('stores every diagnosis in the run history', () => {
    const r = cli('diagnose', '--bundle', broken, '--json');
    const id = /Stored as run (\d+)/.exec(r.stderr)?.[1];
    expect(id).toBeTruthy();
    const show = cli('runs', 'show', id!, '--json');
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('NDES01');
  });

  it('exits 1 when a check fails, with a readable summary grouped by step', () => {
    const r = cli('diagnose', '--bundle', broken);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('2. Device → NDES');
    expect(r.stdout).toMatch(/FAIL\s+iis-iusrs-impersonate-right/);
    expect(r.stdout).not.toContain('\x1b['); // no colours when not a TTY
  });

  it('reads the same bundle zipped, with the same findings', async () => {
    const zip = path.join(root, 'broken.zip');
    await new Promise<void>((resolve, reject) => {
      const z = new yazl.ZipFile();
      const walk = (dir: string, rel: string) => {
        for (const name of readdirSync(dir)) {
          const abs = path.join(dir, name);
          if (statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`);
          else z.addFile(abs, `${rel}${name}`);
        }
      };
      walk(broken, '');
      z.outputStream.pipe(createWriteStream(zip)).on('close', resolve).on('error', reject);
      z.end();
    });
    const a = JSON.parse(cli('diagnose', '--bundle', broken, '--json').stdout) as {
      findings: { checkId: string; status: string }[];
    };
    const b = JSON.parse(cli('diagnose', '--bundle', zip, '--json').stdout) as {
      findings: { checkId: string; status: string }[];
    };
    expect(b.findings.map((f) => [f.checkId, f.status])).toEqual(
      a.findings.map((f) => [f.checkId, f.status]),
    );
  });

  it('--html writes a self-contained report', () => {
    const file = path.join(root, 'report.html');
    const r = cli('diagnose', '--bundle', broken, '--html', file);
    expect(r.status).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<!doctype html>');
    expect(html).not.toMatch(/<script/i);
    // Nothing is loaded from elsewhere (URLs may appear as text in findings, never as resources).
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).toContain('data-step="device-to-ndes" data-health="fail"');
  });

  it.each([
    [['diagnose'], /needs --bundle/],
    [['diagnose', '--bundle', '/nonexistent/bundle'], /\/nonexistent\/bundle: cannot open/],
    [['frobnicate'], /unknown command/],
    [['diagnose', '--bundle', 'x', '--nope'], /nope/],
  ])('exits 2 for %j', (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('ndes-doctor usage', () => {
  it('--version prints the engine and rule set versions', () => {
    const r = cli('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ndes-doctor \d+\.\d+\.\d+ \(rules \d{4}\.\d+\.\d+\)\n$/);
  });

  it('help lists every command; an unknown one exits 2 with the usage on stderr', () => {
    const help = cli('help');
    expect(help.status).toBe(0);
    for (const cmd of ['diagnose', 'collect', 'bundle export', 'fix apply', 'runs', 'probe'])
      expect(help.stdout).toContain(`ndes-doctor ${cmd} `);
    expect(help.stdout).toContain('fix history [--json] | fix show FIX_ID [--json]');
    expect(help.stdout).toContain('[--keep-on-failure] [--run RUN_ID]');
    const fix = cli('help', 'fix');
    expect(fix.stdout).toContain('ndes-doctor fix apply --check ID');
    const bad = cli('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^ndes-doctor: unknown command "frobnicate"\nUsage:/);
  });
});
