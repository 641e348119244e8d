// Bad input: each case gives a clear message naming the file, the affected checks become unknown,
// and the run completes (or, for an unreadable container, fails cleanly with exit code 2).
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { writeBundle } from '../fixtures/lib/write-bundle';
import { healthyHost } from '../fixtures/lib/spec';
import { diagnoseBundle } from '../../main/analysis/diagnose';
import { main } from '../../main/cli';
import type { Report } from '../../shared/model';

let healthy: string;
const root = mkdtempSync(path.join(tmpdir(), 'ndes-bad-'));

beforeAll(async () => {
  healthy = path.join(root, 'healthy');
  await writeBundle(healthyHost(), healthy);
}, 120_000);

/** A copy of the healthy bundle with one file changed. */
function variant(name: string, change: (dir: string) => void): string {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(healthy, dir, { recursive: true });
  change(dir);
  return dir;
}

function status(report: Report, id: string): string | undefined {
  return report.findings.find((f) => f.checkId === id)?.status;
}

function problem(report: Report, file: string) {
  return report.artifactProblems.find((p) => p.path === file);
}

describe('bad input', () => {
  it('a truncated .reg: named, its checks unknown, the run completes', async () => {
    const dir = variant('truncated-reg', (d) => {
      const f = path.join(d, 'registry', 'http-parameters.reg');
      const bytes = readFileSync(f);
      writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6) & ~1));
    });
    const { report } = await diagnoseBundle(dir);
    expect(problem(report, 'registry/http-parameters.reg')?.error).toMatch(
      /registry\/http-parameters\.reg: .*truncated/,
    );
    expect(status(report, 'httpsys-max-field-length')).toBe('unknown');
    expect(status(report, 'httpsys-max-request-bytes')).toBe('unknown');
    expect(report.findings.length).toBeGreaterThan(30);
  });

  it('malformed event XML: named, its checks unknown', async () => {
    const dir = variant('bad-xml', (d) => {
      const f = path.join(d, 'events', 'Application.xml');
      const text = readFileSync(f, 'utf8');
      writeFileSync(f, `${text.slice(0, Math.floor(text.length / 2))}<Event><System><<<broken`);
    });
    const { report } = await diagnoseBundle(dir);
    expect(problem(report, 'events/Application.xml')?.error).toMatch(
      /events\/Application\.xml: .*malformed XML/,
    );
    expect(status(report, 'ndes-event-errors')).toBe('unknown');
  });

  it('binary garbage inside a log: named, log checks not passed', async () => {
    const dir = variant('garbage-log', (d) => {
      const logs = path.join(d, 'iis', 'logs');
      const site = readdirSync(logs)[0]!;
      const file = readdirSync(path.join(logs, site)).sort().pop()!;
      const f = path.join(logs, site, file);
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
      writeFileSync(f, Buffer.concat([readFileSync(f), garbage, Buffer.from('\r\n')]));
    });
    const { report } = await diagnoseBundle(dir);
    const iisProblem = report.findings
      .find((f) => f.checkId === 'mscep-traffic-errors')!
      .evidence.map((e) => JSON.stringify(e))
      .join('\n');
    expect(status(report, 'mscep-traffic-errors')).toBe('unknown');
    expect(iisProblem).toMatch(/u_ex\d{6}\.log/);
  });

  it('a 0-byte file: named, its checks unknown', async () => {
    const dir = variant('empty-file', (d) =>
      writeFileSync(path.join(d, 'commands', 'os.json'), ''),
    );
    const { report } = await diagnoseBundle(dir);
    expect(problem(report, 'commands/os.json')?.error).toMatch(/commands\/os\.json: empty file/);
    expect(status(report, 'os-supported')).toBe('unknown');
  });

  it('a wrong encoding: named, its checks unknown', async () => {
    const dir = variant('utf32', (d) => {
      const f = path.join(d, 'commands', 'computer.json');
      const text = readFileSync(f, 'utf8');
      const utf32 = Buffer.alloc(text.length * 4);
      for (let i = 0; i < text.length; i++) utf32.writeUInt32LE(text.charCodeAt(i), i * 4);
      writeFileSync(f, utf32);
    });
    const { report } = await diagnoseBundle(dir);
    expect(problem(report, 'commands/computer.json')?.error).toMatch(/^commands\/computer\.json: /);
    expect(status(report, 'domain-joined')).toBe('unknown');
  });

  it('a manifest naming a missing file: named, its checks unknown', async () => {
    const dir = variant('missing-file', (d) =>
      rmSync(path.join(d, 'commands', 'secedit-user-rights.inf')),
    );
    const { report } = await diagnoseBundle(dir);
    expect(problem(report, 'commands/secedit-user-rights.inf')?.error).toMatch(
      /missing from the bundle/,
    );
    expect(status(report, 'iis-iusrs-impersonate-right')).toBe('unknown');
  });

  it('a manifest with a bad field: the field is named, exit code 2', async () => {
    const dir = variant('bad-manifest', (d) => {
      const f = path.join(d, 'manifest.json');
      const m = JSON.parse(readFileSync(f, 'utf8')) as { artifacts: { status: string }[] };
      m.artifacts[3]!.status = 'weird';
      writeFileSync(f, JSON.stringify(m));
    });
    await expect(diagnoseBundle(dir)).rejects.toThrow(/manifest\.artifacts\[3\]\.status/);
    expect(await main(['diagnose', '--bundle', dir, '--json'])).toBe(2);
  });

  it('a zip entry with ../ is refused with the entry named', async () => {
    const zip = path.join(root, 'evil.zip');
    await new Promise<void>((resolve, reject) => {
      const z = new yazl.ZipFile();
      z.addBuffer(Buffer.from('{}'), 'manifest.json');
      // yazl refuses "../" names itself; write a legitimate name and patch the bytes afterwards.
      z.addBuffer(Buffer.from('x'), 'aa/evil.txt');
      z.outputStream.pipe(createWriteStream(zip)).on('close', resolve).on('error', reject);
      z.end();
    });
    const bytes = readFileSync(zip);
    let i = bytes.indexOf('aa/evil.txt');
    while (i !== -1) {
      bytes.write('../', i, 'latin1');
      i = bytes.indexOf('aa/evil.txt', i + 1);
    }
    writeFileSync(zip, bytes);
    await expect(diagnoseBundle(zip)).rejects.toThrow(/evil\.zip: unsafe entry "\.\.\/evil\.txt"/);
    expect(await main(['diagnose', '--bundle', zip])).toBe(2);
  });

  it('a damaged zip gives a clear error', async () => {
    const zip = path.join(root, 'damaged.zip');
    writeFileSync(zip, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    await expect(diagnoseBundle(zip)).rejects.toThrow(/damaged\.zip: damaged or not a zip/);
  });
});
