import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBundle } from '../../../../main/acquire/bundle/reader';
import {
  accumulatorFor,
  bundleOpener,
  feedLogSet,
  readsFromDisk,
} from '../../../../main/analysis/log-sets';
import type { BundleSource } from '../../../../main/acquire/bundle/reader';
import { Readable } from 'node:stream';
import { IisLogAccumulator } from '../../../../shared/parse/iis-log-summary';
import { READ_CHUNK_BYTES } from '../../../../main/analysis/line-stream';

const COLLECTED_AT = '2026-11-20T09:14:03Z';
const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'log-sets-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** A day of PKIOperation rows with multi-kilobyte queries: lines cross many read chunks. */
function bigLog(rows: number): string {
  const out = ['#Software: Microsoft Internet Information Services 10.0', FIELDS];
  for (let i = 0; i < rows; i++) {
    const t = `${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const ua = [
      'profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0',
      'Dalvik/2.1.0+(Linux;+U;+Android+14)',
    ][i % 2];
    const status = i % 7 === 0 ? '500 0 2148204809' : '200 0 0';
    out.push(
      `2026-11-19 ${t} 10.0.1.20 GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=${String(i % 10).repeat(1000 + ((i * 997) % 7000))} 443 - 10.0.9.1 ${ua} - ${status} 15`,
    );
  }
  return `${out.join('\r\n')}\r\n`;
}

describe('feedLogSet', () => {
  it('reads a folder bundle as bytes and sums up as the text of its lines would', async () => {
    const logs = {
      'iis/logs/W3SVC1/u_ex261118.log': bigLog(300),
      'iis/logs/W3SVC1/u_ex261119.log': `${bigLog(200)}2026-11-19 23:59:59 tail-without-newline`,
    };
    const bytes = Object.values(logs).reduce((n, t) => n + Buffer.byteLength(t), 0);
    expect(bytes).toBeGreaterThan(2 * READ_CHUNK_BYTES);
    const bundle = await openBundle(folder(logs));
    readsFromDisk(bundle);
    const fed = await feedLogSet(
      bundleOpener(bundle),
      Object.keys(logs),
      accumulatorFor('iis', COLLECTED_AT),
      () => {},
    );
    const text = new IisLogAccumulator({ collectedAt: COLLECTED_AT });
    for (const [file, content] of Object.entries(logs)) {
      text.startFile(file);
      content
        .split('\n')
        .filter((l, i, all) => i < all.length - 1 || l !== '')
        .forEach((l, i) => text.line(l.replace(/\r$/, ''), i + 1));
      text.endFile();
    }
    expect(fed.result).toEqual(text.result());
    expect(fed.unavailable).toEqual([]);
  });

  it('names unreadable files and reports 0-byte and garbage files in their summary', async () => {
    const dir = folder({
      'iis/logs/W3SVC1/empty.log': '',
      'iis/logs/W3SVC1/garbage.log': Buffer.from([0, 1, 2, 0x50, 0x4b, 3, 4, 10, 0xff, 0xfe, 0]),
    });
    const bundle = await openBundle(dir);
    readsFromDisk(bundle);
    const fed = await feedLogSet(
      bundleOpener(bundle),
      ['iis/logs/W3SVC1/empty.log', 'iis/logs/W3SVC1/garbage.log', 'iis/logs/W3SVC1/gone.log'],
      accumulatorFor('iis', COLLECTED_AT),
      () => {},
    );
    const files = (
      fed.result as { files: { path: string; garbageLines: number; warnings: string[] }[] }
    ).files;
    expect(files.map((f) => [f.path, f.garbageLines, f.warnings])).toEqual([
      ['iis/logs/W3SVC1/empty.log', 0, ['no data rows']],
      [
        'iis/logs/W3SVC1/garbage.log',
        2,
        [
          'line 1: binary garbage, line skipped',
          'line 2: binary garbage, line skipped',
          'no data rows',
        ],
      ],
      ['iis/logs/W3SVC1/gone.log', 0, ['no data rows']],
    ]);
    expect(fed.unavailable).toEqual([
      {
        path: 'iis/logs/W3SVC1/gone.log',
        state: 'unparseable',
        error: 'iis/logs/W3SVC1/gone.log: not in the bundle',
      },
    ]);
  });

  it('streams a source that only says it is a folder (an export view) through the source', async () => {
    const file = 'iis/logs/W3SVC1/u_ex261119.log';
    const text = bigLog(20);
    // Files at `location` would be wrong: the view's files exist only through `stream`.
    const decoy = folder({ [file]: 'x\n' });
    const view: BundleSource = {
      kind: 'folder',
      location: decoy,
      entries: [{ path: file, size: text.length }],
      entry: (rel) => (rel === file ? { path: file, size: text.length } : undefined),
      read: () => Promise.reject(new Error('not used')),
      stream: () => Promise.resolve(Readable.from([Buffer.from(text)])),
      close: () => Promise.resolve(),
    };
    const fed = await feedLogSet(
      bundleOpener(view),
      [file],
      accumulatorFor('iis', COLLECTED_AT),
      () => {},
    );
    const direct = await openBundle(folder({ [file]: text }));
    readsFromDisk(direct);
    const expected = await feedLogSet(
      bundleOpener(direct),
      [file],
      accumulatorFor('iis', COLLECTED_AT),
      () => {},
    );
    expect(fed).toEqual(expected);
    expect((fed.result as { files: { records: number }[] }).files[0]?.records).toBe(20);
  });
});
