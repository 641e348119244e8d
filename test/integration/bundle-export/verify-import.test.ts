// Import side of support bundles: verification against the manifest (modified, missing, extra
// files), hostile zips refused with a clear error, and the `ndes-doctor bundle` command.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { openBundle, DEFAULT_ZIP_LIMITS } from '../../../main/acquire/bundle/reader';
import { exportBundle } from '../../../main/acquire/bundle/export';
import { verifyBundle } from '../../../main/acquire/bundle/verify';
import { bundleCommand } from '../../../main/acquire/bundle/cli-bundle';
import type { BundleIo } from '../../../main/acquire/bundle/cli-bundle';
import { writeBundle } from '../../fixtures/lib/write-bundle';
import { healthyHost } from '../../fixtures/lib/spec';
import { diagnoseBundle } from '../../../main/analysis/diagnose';

const root = mkdtempSync(path.join(tmpdir(), 'bundle-verify-'));
const source = path.join(root, 'healthy');
let zip: string;

function io(): BundleIo & { out: string; err: string } {
  const o = { out: '', err: '', isTTY: false } as BundleIo & { out: string; err: string };
  o.stdout = (t) => void (o.out += t);
  o.stderr = (t) => void (o.err += t);
  return o;
}

async function extract(file: string, dir: string): Promise<void> {
  const b = await openBundle(file);
  for (const e of b.entries) {
    const target = path.join(dir, ...e.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await b.read(e.path));
  }
  await b.close();
}

async function makeZip(name: string, entries: { name: string; data: Buffer; mode?: number }[]) {
  const file = path.join(root, name);
  await new Promise<void>((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries) z.addBuffer(e.data, e.name, { mode: e.mode });
    z.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
    z.end();
  });
  return file;
}

/** yazl refuses unsafe names, so a same-length placeholder is patched in afterwards. */
function patchName(file: string, from: string, to: string) {
  const bytes = readFileSync(file);
  for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, i + 1))
    bytes.write(to, i, 'latin1');
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  await writeBundle(healthyHost(), source);
  const b = await openBundle(source);
  zip = (await exportBundle({ source: b, out: path.join(root, 'support.zip') })).out;
  await b.close();
}, 120_000);

describe('verifyBundle', () => {
  it('accepts an export, zipped or extracted', async () => {
    const z = await verifyBundle(zip);
    expect(z.ok).toBe(true);
    expect(z.checked).toBeGreaterThan(50);
    const dir = path.join(root, 'extracted-ok');
    await extract(zip, dir);
    expect((await verifyBundle(dir)).ok).toBe(true);
  });

  it('finds a modified file and a missing file', async () => {
    const dir = path.join(root, 'tampered');
    await extract(zip, dir);
    const reg = path.join(dir, 'registry', 'mscep.reg');
    const bytes = readFileSync(reg);
    bytes[bytes.length - 4] = (bytes[bytes.length - 4] ?? 0) ^ 1;
    writeFileSync(reg, bytes);
    rmSync(path.join(dir, 'commands', 'setspn-L.txt'));
    writeFileSync(path.join(dir, 'notes.txt'), 'added by hand');
    const v = await verifyBundle(dir);
    expect(v.ok).toBe(false);
    expect(v.mismatches).toHaveLength(1);
    expect(v.mismatches[0]).toMatchObject({
      path: 'registry/mscep.reg',
      actualBytes: bytes.length,
    });
    expect(v.mismatches[0]!.actual).not.toBe(v.mismatches[0]!.expected);
    expect(v.missing).toEqual(['commands/setspn-L.txt']);
    expect(v.extra).toEqual(['notes.txt']);

    const cli = io();
    expect(await bundleCommand(['verify', dir], cli)).toBe(1);
    expect(cli.out).toContain('MODIFIED registry/mscep.reg');
    expect(cli.out).toContain('MISSING  commands/setspn-L.txt');
    expect(cli.out).toMatch(/FAILED, 1 modified, 1 missing/);
  });
});

describe('hostile zips are refused on import', () => {
  const manifest = { name: 'manifest.json', data: Buffer.from('{}') };
  it.each([
    [
      'parent directory',
      'zz/evil.txt',
      '../evil.txt',
      /unsafe entry "\.\.\/evil\.txt": parent directory/,
    ],
    ['absolute path', 'etc/passwdX', '/etc/passwd', /unsafe entry "\/etc\/passwd": absolute path/],
  ])('%s', async (_what, placeholder, bad, message) => {
    const file = await makeZip(`bad-${placeholder.replace(/\W/g, '')}.zip`, [
      manifest,
      { name: placeholder, data: Buffer.from('x') },
    ]);
    patchName(file, placeholder, bad);
    await expect(openBundle(file)).rejects.toThrow(message);
    await expect(verifyBundle(file)).rejects.toThrow(message);
    const cli = io();
    expect(await bundleCommand(['verify', file], cli)).toBe(2);
    expect(cli.err).toMatch(message);
  });

  it('a symbolic link, a zip bomb and too many entries', async () => {
    const link = await makeZip('link.zip', [
      manifest,
      { name: 'logs/link', data: Buffer.from('/etc/shadow'), mode: 0o120777 },
    ]);
    await expect(verifyBundle(link)).rejects.toThrow(/unsafe entry "logs\/link": symbolic link/);
    const bomb = await makeZip('bomb.zip', [
      manifest,
      { name: 'iis/logs/W3SVC1/u_ex261120.log', data: Buffer.alloc(40 * 1024 ** 2, 0x20) },
    ]);
    await expect(verifyBundle(bomb)).rejects.toThrow(/compressed suspiciously well \(zip bomb\?\)/);
    const many = await makeZip(
      'many.zip',
      Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })),
    );
    await expect(
      verifyBundle(many, { limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 } }),
    ).rejects.toThrow(/more than 20 entries/);
  });

  it('a file that is not a zip, and a zip that is not a bundle', async () => {
    const junk = path.join(root, 'junk.zip');
    writeFileSync(junk, 'PK\x03\x04 definitely not a zip');
    const cli = io();
    expect(await bundleCommand(['verify', junk], cli)).toBe(2);
    expect(cli.err).toMatch(/junk\.zip: damaged or not a zip/);
    const empty = await makeZip('no-manifest.zip', [
      { name: 'readme.txt', data: Buffer.from('hello') },
    ]);
    await expect(verifyBundle(empty)).rejects.toThrow(
      /manifest\.json is missing: this is not an NDES host bundle/,
    );
  });
});

describe('ndes-doctor bundle', () => {
  it('exports a redacted bundle with a mapping, then verifies it', async () => {
    const out = path.join(root, 'cli-strict.zip');
    const map = path.join(root, 'cli-strict.map.json');
    const cli = io();
    expect(
      await bundleCommand(
        ['export', '--bundle', source, '--out', out, '--redact', 'strict', '--mapping', map],
        cli,
      ),
    ).toBe(0);
    expect(cli.out).toMatch(/^Exported .*cli-strict\.zip: \d+ files, .* redaction: strict\./);
    expect(cli.out).toContain(`Token mapping (keep it private, it is not in the zip): ${map}`);
    expect(existsSync(map)).toBe(true);
    const v = io();
    expect(await bundleCommand(['verify', out], v)).toBe(0);
    expect(v.out).toMatch(/cli-strict\.zip: OK, \d+ files match the manifest\./);
    const j = io();
    expect(await bundleCommand(['verify', '--json', out], j)).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ ok: true, mismatches: [], missing: [], extra: [] });
  });

  it('takes a stored run or a live collection from the app', async () => {
    const report = (await diagnoseBundle(source)).report;
    const runs: string[] = [];
    const deps = {
      resolveRun: async (id: string) => {
        runs.push(id);
        return { bundlePath: source, report };
      },
      collectLive: async () => source,
    };
    const a = io();
    expect(
      await bundleCommand(
        ['export', '--run', '42', '--out', path.join(root, 'run.zip'), '--redact', 'pseudonymize'],
        a,
        deps,
      ),
    ).toBe(0);
    expect(runs).toEqual(['42']);
    const b = io();
    expect(
      await bundleCommand(['export', '--live', '--out', path.join(root, 'live.zip')], b, deps),
    ).toBe(0);
    expect(b.err).toContain('Collecting this NDES server');
    const c = io();
    expect(
      await bundleCommand(['export', '--run', '42', '--out', path.join(root, 'r.zip')], c),
    ).toBe(2);
    expect(c.err).toContain('--run is not available in this build');
  });

  it.each([
    [['export', '--out', 'x.zip'], /exactly one of --bundle, --run, --live/],
    [
      ['export', '--bundle', 'a', '--live', '--out', 'x.zip'],
      /exactly one of --bundle, --run, --live/,
    ],
    [['export', '--bundle', 'a'], /needs --out FILE\.zip/],
    [['export', '--bundle', 'a', '--out', 'x.tar'], /--out must name a \.zip file/],
    [
      ['export', '--bundle', 'a', '--out', 'x.zip', '--redact', 'light'],
      /--redact must be pseudonymize or strict/,
    ],
    [
      ['export', '--bundle', 'a', '--out', 'x.zip', '--mapping', 'm.json'],
      /--mapping only makes sense with --redact/,
    ],
    [['verify'], /verify needs one FILE\.zip or folder/],
    [['frobnicate'], /unknown bundle command "frobnicate"/],
  ])('usage error %j', async (args, message) => {
    const cli = io();
    expect(await bundleCommand(args, cli)).toBe(2);
    expect(cli.err).toMatch(message);
    expect(cli.err).toContain('Usage:');
  });

  it('reports an unreadable bundle without a stack trace', async () => {
    const cli = io();
    expect(
      await bundleCommand(
        ['export', '--bundle', path.join(root, 'nope'), '--out', path.join(root, 'n.zip')],
        cli,
      ),
    ).toBe(2);
    expect(cli.err).toMatch(/^ndes-doctor: .*nope: cannot open: ENOENT\n$/);
  });
});
