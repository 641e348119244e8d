import { describe, expect, it } from 'vitest';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { openBundle, DEFAULT_ZIP_LIMITS } from '../../../../main/acquire/bundle/reader';

const root = mkdtempSync(path.join(tmpdir(), 'reader-'));

async function makeZip(
  name: string,
  entries: { name: string; data: Buffer; mode?: number; compress?: boolean }[],
) {
  const file = path.join(root, name);
  await new Promise<void>((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries)
      z.addBuffer(e.data, e.name, { mode: e.mode, compress: e.compress ?? true });
    z.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
    z.end();
  });
  return file;
}

/** yazl refuses unsafe names, so a placeholder of the same length is patched in afterwards. */
function patchName(file: string, from: string, to: string) {
  const bytes = readFileSync(file);
  let i = bytes.indexOf(from);
  while (i !== -1) {
    bytes.write(to, i, 'latin1');
    i = bytes.indexOf(from, i + 1);
  }
  writeFileSync(file, bytes);
}

describe('bundle reader', () => {
  it('reads a folder, skipping links', async () => {
    const dir = path.join(root, 'folder');
    mkdirSync(path.join(dir, 'registry'), { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), '{}');
    writeFileSync(path.join(dir, 'registry', 'mscep.reg'), 'x');
    symlinkSync('/etc/passwd', path.join(dir, 'registry', 'link.reg'));
    const b = await openBundle(dir);
    expect(b.entries.map((e) => e.path)).toEqual(['manifest.json', 'registry/mscep.reg']);
    expect(Buffer.from(await b.read('REGISTRY/MSCEP.REG')).toString()).toBe('x');
    await b.close();
  });

  it('reads a zip and streams an entry', async () => {
    const zip = await makeZip('ok.zip', [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: 'iis/logs/W3SVC1/u_ex261120.log', data: Buffer.from('line1\r\nline2\r\n') },
    ]);
    const b = await openBundle(zip);
    expect(b.kind).toBe('zip');
    expect(b.entry('iis/logs/W3SVC1/u_ex261120.log')?.size).toBe(14);
    const chunks: Buffer[] = [];
    for await (const c of await b.stream('iis/logs/W3SVC1/u_ex261120.log'))
      chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('line1\r\nline2\r\n');
    await b.close();
  });

  it.each([
    ['../evil.txt', 'zz/evil.txt', /unsafe entry "\.\.\/evil\.txt": parent directory/],
    ['/etc/passwd', 'etc/passwdX', /unsafe entry "\/etc\/passwd": absolute path/],
    ['C:/win.ini', 'Cx/win.ini', /unsafe entry "C:\/win\.ini": absolute path/],
    ['a\\b.txt', 'a_b.txt', /unsafe entry "a\\b\.txt": backslash/],
  ])('refuses the entry %s', async (bad, placeholder, message) => {
    const zip = await makeZip(`bad-${placeholder.replace(/\W/g, '')}.zip`, [
      { name: 'manifest.json', data: Buffer.from('{}') },
      { name: placeholder, data: Buffer.from('x') },
    ]);
    patchName(zip, placeholder, bad);
    await expect(openBundle(zip)).rejects.toThrow(message);
  });

  it('refuses a symbolic link entry', async () => {
    const zip = await makeZip('link.zip', [
      { name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    await expect(openBundle(zip)).rejects.toThrow(/unsafe entry "link": symbolic link/);
  });

  it('refuses a zip bomb by ratio, and caps entries and total size', async () => {
    const zip = await makeZip('bomb.zip', [
      { name: 'zeros.log', data: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    await expect(openBundle(zip)).rejects.toThrow(/zeros\.log" is compressed suspiciously well/);
    const many = await makeZip(
      'many.zip',
      Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })),
    );
    await expect(openBundle(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).rejects.toThrow(
      /more than 10 entries/,
    );
    await expect(openBundle(many, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5 })).rejects.toThrow(
      /uncompressed size exceeds 5 bytes/,
    );
  });

  it('gives a clear error for a damaged zip and a missing path', async () => {
    const file = path.join(root, 'damaged.zip');
    writeFileSync(file, 'PK not a zip');
    await expect(openBundle(file)).rejects.toThrow(/damaged\.zip: damaged or not a zip/);
    await expect(openBundle(path.join(root, 'nope'))).rejects.toThrow(/nope: cannot open: ENOENT/);
  });
});
