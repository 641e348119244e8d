// Support-bundle export of a bundle holding every secret and the host's identities in every file
// kind: scanned byte-wise (UTF-8, UTF-16LE, UTF-16BE, plus decoded registry values and probe
// bodies) in each mode, and diagnosed again with the same check statuses.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBundle } from '../../../main/acquire/bundle/reader';
import { exportBundle } from '../../../main/acquire/bundle/export';
import type { ExportProgress, ExportResult } from '../../../main/acquire/bundle/export';
import { verifyBundle } from '../../../main/acquire/bundle/verify';
import { diagnoseBundle } from '../../../main/analysis/diagnose';
import { decodeText } from '../../../shared/parse/text-decode';
import { parseRegFile } from '../../../shared/parse/reg-file';
import { RULES } from '../../../shared/rules';
import type { Report } from '../../../shared/model';
import { encodings, findCi, IDENTITIES, SECRETS, writePlanted } from './planted';

const root = mkdtempSync(path.join(tmpdir(), 'bundle-export-'));
const source = path.join(root, 'planted');
type Mode = 'none' | 'pseudonymize' | 'strict';
const MODES: Mode[] = ['none', 'pseudonymize', 'strict'];
const exports = new Map<Mode, { res: ExportResult; files: Map<string, Buffer>; report: Report }>();
let original: Report;

/** The exported files plus decoded views of what hides inside encodings (hex registry data, base64). */
function views(files: Map<string, Buffer>): [string, Buffer][] {
  const out: [string, Buffer][] = [...files];
  for (const [p, bytes] of files) {
    if (p.endsWith('.reg')) {
      const reg = parseRegFile(decodeText(bytes).text);
      out.push([`${p} (decoded values)`, Buffer.from(JSON.stringify(reg.keys))]);
    }
    if (p === 'probe/mscep.json') {
      const probe = JSON.parse(decodeText(bytes).text) as { bodyBase64?: string | null }[];
      for (const x of probe) {
        if (x.bodyBase64) out.push([`${p} (body)`, Buffer.from(x.bodyBase64, 'base64')]);
      }
    }
  }
  return out;
}

function statuses(r: Report): Record<string, string> {
  return Object.fromEntries(r.findings.map((f) => [f.checkId, f.status]));
}

async function readZip(zip: string): Promise<Map<string, Buffer>> {
  const b = await openBundle(zip);
  const files = new Map<string, Buffer>();
  for (const e of b.entries) files.set(e.path, Buffer.from(await b.read(e.path)));
  await b.close();
  return files;
}

beforeAll(async () => {
  await writePlanted(source);
  original = (await diagnoseBundle(source)).report;
  for (const mode of MODES) {
    const b = await openBundle(source);
    const res = await exportBundle({
      source: b,
      out: path.join(root, `support-${mode}.zip`),
      redact: mode === 'none' ? undefined : mode,
      report: original,
      mappingOut: mode === 'none' ? undefined : path.join(root, `mapping-${mode}.json`),
    });
    await b.close();
    const report = (await diagnoseBundle(res.out)).report;
    exports.set(mode, { res, files: await readZip(res.out), report });
  }
}, 180_000);

describe('the planted fixture', () => {
  it('holds every secret and identity the scans look for', () => {
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = path.join(d, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    const files = new Map(
      walk(source).map((f) => [
        path.relative(source, f).split(path.sep).join('/'),
        readFileSync(f),
      ]),
    );
    const all = Buffer.concat(views(files).map(([, b]) => b));
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(
        encodings(value).some((e) => all.includes(e)),
        name,
      ).toBe(true);
    }
    for (const id of IDENTITIES) expect(findCi(all, id), id).toBe(true);
  });
});

describe.each(MODES)('export, %s', (mode) => {
  it('lets no secret out, in any file or encoding', () => {
    const { files, res } = exports.get(mode)!;
    for (const [file, bytes] of views(files)) {
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(
          encodings(value).some((e) => bytes.includes(e)),
          `${name} in ${file}`,
        ).toBe(false);
      }
      expect(bytes.includes('PRIVATE KEY-----'), `PEM key in ${file}`).toBe(false);
    }
    expect([...files.keys()].some((p) => /\.pfx$/i.test(p))).toBe(false);
    expect(res.excluded.map((x) => x.src)).toEqual([
      'logs/CertificateConnector/backup-SCEPGW07.pfx',
    ]);
    expect(res.removed).toEqual(
      expect.arrayContaining([
        'iis-password',
        'registry-secret',
        'private-key',
        'key-file',
        'json-secret',
        'challenge-password',
        'probe-pkioperation-body',
      ]),
    );
  });

  it('gives every check the status the original bundle got', () => {
    const { report, res } = exports.get(mode)!;
    expect(report.findings).toHaveLength(RULES.length);
    expect(statuses(report)).toEqual(statuses(original));
    expect(res.statusChanges).toEqual([]);
    expect(statuses(res.report)).toEqual(statuses(original));
  });

  it('writes a manifest whose hashes match, with the redaction recorded', async () => {
    const { res, files } = exports.get(mode)!;
    const v = await verifyBundle(res.out);
    expect(v.mismatches).toEqual([]);
    expect(v.missing).toEqual([]);
    expect(v.extra).toEqual([]);
    expect(v.ok).toBe(true);
    const m = JSON.parse(files.get('manifest.json')!.toString()) as Record<string, unknown> & {
      artifacts: { path: string; status: string; kind: string; error?: string }[];
      redaction: { mode: string; rules: string[] } | null;
    };
    expect(m.artifacts.find((a) => a.path.endsWith('.pfx'))).toMatchObject({
      status: 'skipped',
      error: 'not exported: private key material',
    });
    expect(m.artifacts.filter((a) => a.kind === 'report').map((a) => a.path)).toEqual([
      'report/report.json',
      'report/report.html',
    ]);
    if (mode === 'none') expect(m.redaction).toBeNull();
    else {
      expect(m.redaction?.mode).toBe(mode);
      expect(m.redaction?.rules).toEqual(
        expect.arrayContaining([
          'hostnames',
          'domains',
          'upn',
          'accounts',
          'ip',
          'sid',
          'iis-password',
        ]),
      );
    }
  });

  it('puts a report of the exported bundle in report/', () => {
    const { files, report } = exports.get(mode)!;
    const json = JSON.parse(files.get('report/report.json')!.toString()) as Report;
    expect(json.schema).toBe('ndes-doctor-report/1');
    expect(statuses(json)).toEqual(statuses(report));
    expect(json.source.path).toBe(`support-${mode}.zip`);
    expect(json.redaction).toBe(mode === 'none' ? null : mode);
    const html = files.get('report/report.html')!.toString();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
    expect(html).toContain('<svg class="flow-svg"');
  });
});

describe.each(['pseudonymize', 'strict'] as const)('export, %s: identities', (mode) => {
  it('replaces every host name, domain, account, UPN, IP and SID of the host', () => {
    const { files } = exports.get(mode)!;
    for (const [file, bytes] of views(files)) {
      for (const id of IDENTITIES) expect(findCi(bytes, id), `${id} in ${file}`).toBe(false);
    }
  });

  it('keeps well-known SIDs and RIDs, and tokens consistent across files', () => {
    const { files } = exports.get(mode)!;
    const secedit = decodeText(files.get('commands/secedit-user-rights.inf')!).text;
    expect(secedit).toMatch(/SeBatchLogonRight = .*\*S-1-5-32-568/);
    expect(secedit).toContain('*S-1-5-21-0-0-1-1000');
    const account = decodeText(files.get('commands/service-account.json')!).text;
    expect(account).toContain('"objectSid":  "S-1-5-21-0-0-1-1000"');
    expect(account).toContain('"HTTP/host-1.domain-1.example"');
    const apphost = files.get('iis/applicationHost.config')!.toString();
    expect(apphost).toContain('userName="DOMAIN-1\\account-1" password="[redacted]"');
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { host: unknown };
    expect(manifest.host).toEqual({
      computerName: 'HOST-1',
      dnsHostName: 'host-1.domain-1.example',
      domain: 'domain-1.example',
    });
  });

  it('replaces certificates that name the host by summaries, and all of them in strict mode', () => {
    const { files } = exports.get(mode)!;
    const cer = [...files.keys()].filter((p) => /^certs\/.*\.cer$/.test(p));
    const sums = [...files.keys()].filter((p) => /^certs\/LocalMachine\/.*\.json$/.test(p));
    expect(sums.length).toBeGreaterThanOrEqual(4);
    if (mode === 'strict') expect(cer).toEqual([]);
    else expect(cer.length).toBeGreaterThan(0);
    const tls = sums
      .map(
        (p) =>
          JSON.parse(files.get(p)!.toString()) as { sanDns: string[]; subjectCN: string | null },
      )
      .find((c) => c.sanDns.includes('host-1.domain-1.example'));
    expect(tls?.subjectCN).toBe('host-1.domain-1.example');
    expect(files.has('probe/getcacert-1.json')).toBe(true);
    expect(files.has('probe/getcacert-1.p7b')).toBe(false);
  });

  it('writes the mapping only to the file asked for, never into the zip', () => {
    const { files, res } = exports.get(mode)!;
    expect(res.mappingOut).toBe(path.join(root, `mapping-${mode}.json`));
    const map = JSON.parse(readFileSync(res.mappingOut!, 'utf8')) as {
      mappings: { original: string; token: string }[];
    };
    expect(map.mappings).toContainEqual({
      class: 'hostnames',
      original: 'scepgw07',
      token: 'host-1',
    });
    expect(statSync(res.mappingOut!).mode & 0o077).toBe(0);
    for (const [p, bytes] of files) {
      expect(p).not.toMatch(/mapping/);
      expect(bytes.includes('ndes-doctor-redaction-map')).toBe(false);
    }
  });
});

describe('export control', () => {
  it('reports progress and can be cancelled, leaving nothing behind', async () => {
    const out = path.join(root, 'cancelled.zip');
    const ctl = new AbortController();
    const seen: ExportProgress[] = [];
    const b = await openBundle(source);
    await expect(
      exportBundle({
        source: b,
        out,
        redact: 'pseudonymize',
        signal: ctl.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.phase === 'files' && p.filesDone === 5) ctl.abort();
        },
      }),
    ).rejects.toThrow(/abort/i);
    await b.close();
    expect(seen[0]?.phase).toBe('prepare');
    expect(seen.some((p) => p.phase === 'files' && p.bytesTotal > 1_000_000)).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('refuses a folder without manifest and a mapping file in place of the zip', async () => {
    const b = await openBundle(path.join(source, 'commands'));
    await expect(exportBundle({ source: b, out: path.join(root, 'x.zip') })).rejects.toThrow(
      /manifest\.json is missing/,
    );
    await b.close();
    const s = await openBundle(source);
    const zip = path.join(root, 'same.zip');
    await expect(
      exportBundle({ source: s, out: zip, redact: 'strict', mappingOut: zip }),
    ).rejects.toThrow(/mapping file cannot be the exported zip/);
    await s.close();
  });
});
