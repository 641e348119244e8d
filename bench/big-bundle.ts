// Writes the benchmark bundle: the healthy fixture host with its IIS logs replaced by ~65 daily
// files totalling >= 1 GB of realistic NDES traffic (PKIOperation GETs carrying 1–8 KB base64
// messages, GetCACert/GetCACaps, some #Fields changes and worker restarts mid-file).
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { writeBundle } from '../test/fixtures/lib/write-bundle';
import { healthyHost } from '../test/fixtures/lib/spec';
import type { Manifest } from '../shared/model';

const FIELDS_A =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const FIELDS_B = `${FIELDS_A} cs-host sc-bytes cs-bytes`;
const UAS = [
  'profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0',
  'Dalvik/2.1.0+(Linux;+U;+Android+14;+SM-S918B+Build/UP1A.231005.007)',
  'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
];

/** A small deterministic PRNG so the bundle is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BigBundle {
  dir: string;
  logFiles: string[];
  logBytes: number;
}

export async function writeBigBundle(
  dir: string,
  targetBytes = 1.05 * 1024 ** 3,
  days = 65,
): Promise<BigBundle> {
  const marker = path.join(dir, '.bench-complete');
  const siteDir = path.join(dir, 'iis', 'logs', 'W3SVC1');
  if (existsSync(marker)) {
    const logFiles = readdirSync(siteDir)
      .map((f) => path.join(siteDir, f))
      .sort();
    return { dir, logFiles, logBytes: Number(readFileSync(marker, 'utf8')) };
  }
  rmSync(dir, { recursive: true, force: true });
  const spec = healthyHost();
  await writeBundle(spec, dir);
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  for (const a of manifest.artifacts.filter((x) => x.path.startsWith('iis/logs/'))) {
    rmSync(path.join(dir, a.path), { force: true });
  }
  manifest.artifacts = manifest.artifacts.filter((a) => !a.path.startsWith('iis/logs/'));
  const rand = rng(42);
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%2B%2F';
  const pool = Array.from({ length: 64 }, () => {
    const len = 1024 + Math.floor(rand() * 7 * 1024);
    let s = '';
    while (s.length < len) s += b64[Math.floor(rand() * b64.length)];
    return s;
  });
  const perDay = targetBytes / days;
  const end = Date.parse(spec.collectedAt);
  const logFiles: string[] = [];
  let logBytes = 0;
  for (let d = days - 1; d >= 0; d--) {
    const day = new Date(end - d * 86_400_000);
    const ymd = day.toISOString().slice(0, 10);
    const name = `u_ex${ymd.slice(2, 4)}${ymd.slice(5, 7)}${ymd.slice(8, 10)}.log`;
    const file = path.join(siteDir, name);
    const hash = createHash('sha256');
    const out = createWriteStream(file);
    let bytes = 0;
    const write = (s: string) => {
      const buf = Buffer.from(s, 'latin1');
      hash.update(buf);
      bytes += buf.length;
      return out.write(buf);
    };
    const useB = d % 9 === 4;
    write(
      `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${ymd} 00:00:01\r\n#Fields: ${FIELDS_A}\r\n`,
    );
    let seconds = 0;
    let switched = false;
    while (bytes < perDay) {
      seconds = Math.min(86_399, seconds + 1 + Math.floor(rand() * 3));
      if (useB && !switched && seconds > 43_200) {
        write(
          `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${ymd} 12:00:00\r\n#Fields: ${FIELDS_B}\r\n`,
        );
        switched = true;
      }
      const t = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
      const ua = UAS[Math.floor(rand() * UAS.length)]!;
      const r = rand();
      const [query, status] =
        r < 0.1
          ? ['operation=GetCACert&message=SCEP%20Authority', '200 0 0']
          : r < 0.2
            ? ['operation=GetCACaps&message=SCEP%20Authority', '200 0 0']
            : [
                `operation=PKIOperation&message=${pool[Math.floor(rand() * pool.length)]}`,
                '200 0 0',
              ];
      const extra = switched
        ? ` ndes01.corp.contoso.com ${1000 + Math.floor(rand() * 4000)} ${500 + Math.floor(rand() * 9000)}`
        : '';
      const ok = write(
        `${ymd} ${t} 10.0.1.20 GET /certsrv/mscep/mscep.dll ${query} 443 - 10.0.9.${Math.floor(rand() * 250)} ${ua} - ${status} ${Math.floor(rand() * 300)}${extra}\r\n`,
      );
      if (!ok) await new Promise<void>((res) => out.once('drain', () => res()));
    }
    await new Promise<void>((res, rej) =>
      out.end((err?: Error | null) => (err ? rej(err) : res())),
    );
    manifest.artifacts.push({
      path: `iis/logs/W3SVC1/${name}`,
      kind: 'iis-log',
      source: `C:\\inetpub\\logs\\LogFiles\\W3SVC1\\${name}`,
      status: 'ok',
      sha256: hash.digest('hex'),
      bytes,
    });
    logFiles.push(file);
    logBytes += bytes;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(marker, String(logBytes));
  return { dir, logFiles, logBytes };
}
