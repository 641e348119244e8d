// Micro benchmark for the IIS log path: ~200 MB of realistic NDES W3C lines (PKIOperation GETs with
// 1–8 KB URL-encoded base64 `message=` queries) generated in memory, fed through IisLogAccumulator.
// Budget (brief): full diagnosis within 3x `cat logs | wc -l` and peak RSS < 400 MB on >= 1 GB.
// Run: npx tsx bench/w3c-parse.ts [targetMB]
import { Buffer, isAscii } from 'node:buffer';
import { IisLogAccumulator } from '../shared/parse/iis-log-summary';

const TARGET_MB = Number(process.argv[2] ?? 200);
const FILES = 10;
const BLOCK = 1024 * 1024;
const COLLECTED_AT = '2026-11-20T09:14:03Z';
const END_MS = Date.parse(COLLECTED_AT);
const SPAN_MS = 16 * 86_400_000; // two days more than the window, so some rows fall outside

const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const UAS = [
  'profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0',
  'Dalvik/2.1.0+(Linux;+U;+Android+14;+SM-S918B+Build/UP1A.231005.007)',
  'Mozilla/4.0+(compatible;+Win32;+NDES+client)',
];

/** Deterministic PRNG so every run measures the same bytes. */
let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}

/** A pool of URL-encoded base64 SCEP messages, 1–8 KB, as iOS/Android put them in the query. */
const MESSAGES: string[] = Array.from({ length: 64 }, () => {
  const n = 768 + Math.floor(rand() * 5400);
  let bin = '';
  for (let i = 0; i < n; i++) bin += String.fromCharCode(Math.floor(rand() * 256));
  return btoa(bin).replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D');
});

function pick<T>(a: readonly T[]): T {
  return a[Math.floor(rand() * a.length)] as T;
}

function line(ms: number): string {
  const iso = new Date(ms).toISOString();
  const when = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const ua = pick(UAS);
  const r = rand();
  let req: string;
  if (r < 0.7) {
    req = `GET /certsrv/mscep/mscep.dll operation=PKIOperation&message=${pick(MESSAGES)} 443 - 10.20.30.40 ${ua} - 200 0 0 ${Math.floor(rand() * 900)}`;
  } else if (r < 0.8) {
    req = `GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - 10.20.30.40 ${ua} - 200 0 0 15`;
  } else if (r < 0.9) {
    req = `GET /certsrv/mscep/mscep.dll operation=GetCACaps&message=SCEP%20Authority 443 - 10.20.30.40 ${ua} - 200 0 0 0`;
  } else if (r < 0.93) {
    req = `GET /certsrv/mscep/mscep.dll operation=GetCACert&message=ca 443 - 10.20.30.40 ${ua} - 500 0 1346 31`;
  } else if (r < 0.96) {
    req = `POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - fe80::f53d:89b8:c3e8:5fec%13 NDES_Plugin - 201 0 0 341`;
  } else {
    req = `GET / - 443 - 10.9.8.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 1`;
  }
  return `${when} 10.0.0.5 ${req}`;
}

/** Generates the "files" as CRLF text split into 1 MB chunks, the way a streaming reader sees them. */
function generate(): { files: string[][]; bytes: number } {
  const perFile = (TARGET_MB * 1024 * 1024) / FILES;
  const files: string[][] = [];
  let bytes = 0;
  let ms = END_MS - SPAN_MS;
  const step = SPAN_MS / ((TARGET_MB * 1024 * 1024) / 3500);
  for (let f = 0; f < FILES; f++) {
    const chunks: string[] = [];
    let parts: string[] = [];
    let size = 0;
    let fileSize = 0;
    const header = `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}\r\n${FIELDS}\r\n`;
    parts.push(header);
    size += header.length;
    while (fileSize + size < perFile) {
      const l = `${line(ms)}\r\n`;
      ms += step;
      parts.push(l);
      size += l.length;
      if (size >= 1024 * 1024) {
        chunks.push(parts.join(''));
        fileSize += size;
        parts = [];
        size = 0;
      }
    }
    chunks.push(parts.join(''));
    fileSize += size;
    bytes += fileSize;
    files.push(chunks);
  }
  return { files, bytes };
}

/** Splits decoded chunks into lines (carrying partial lines over) and feeds the accumulator. */
function feed(files: string[][]): IisLogAccumulator {
  const acc = new IisLogAccumulator({ collectedAt: COLLECTED_AT });
  files.forEach((chunks, f) => {
    acc.startFile(`iis/logs/W3SVC1/u_ex2611${String(f).padStart(2, '0')}.log`);
    let lineNo = 0;
    let carry = '';
    for (const chunk of chunks) {
      let pos = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', pos)) {
        const text = chunk.slice(pos, nl);
        acc.line(carry === '' ? text : carry + text, ++lineNo);
        carry = '';
        pos = nl + 1;
      }
      carry += chunk.slice(pos);
    }
    if (carry !== '') acc.line(carry, lineNo + 1);
    acc.endFile();
  });
  return acc;
}

/** Same splitting, no parsing: the floor any reader pays (in-process `wc -l`). */
function countLines(files: string[][]): number {
  let n = 0;
  for (const chunks of files) {
    for (const chunk of chunks) {
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', nl + 1)) n++;
    }
  }
  return n;
}

/**
 * What a bundle reader does per file: read 1 MB blocks, cut each at its last LF (always a UTF-8
 * character boundary), decode that part in one call and carry the rest. Non-streaming decode:
 * Node's `TextDecoder.decode(…, { stream: true })` takes a much slower path.
 */
function feedBytes(files: Uint8Array[], decode: (b: Uint8Array) => string): IisLogAccumulator {
  return feed(
    files.map((file) => {
      const chunks: string[] = [];
      let start = 0;
      while (start < file.length) {
        const block = file.subarray(start, Math.min(start + BLOCK, file.length));
        const lf = block.lastIndexOf(10);
        const take = lf === -1 || start + block.length === file.length ? block.length : lf + 1;
        chunks.push(decode(block.subarray(0, take)));
        start += take;
      }
      return chunks;
    }),
  );
}

const utf8 = new TextDecoder('utf-8');
const viaTextDecoder = (b: Uint8Array): string => utf8.decode(b);
/** Pure-ASCII blocks (the usual IIS log) decode as latin1: a plain copy, ~3x faster here. */
const viaAsciiFastPath = (b: Uint8Array): string => {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return isAscii(buf) ? buf.toString('latin1') : utf8.decode(b);
};

/**
 * What the log worker does: lines cut from the bytes and fed as bytes (`lineBytes`), only the
 * columns the accumulator reads decoded; `endChunk` after each block (the reader reuses it).
 */
function feedLineBytes(files: Uint8Array[]): IisLogAccumulator {
  const acc = new IisLogAccumulator({ collectedAt: COLLECTED_AT });
  files.forEach((file, f) => {
    acc.startFile(`iis/logs/W3SVC1/u_ex2611${String(f).padStart(2, '0')}.log`);
    let lineNo = 0;
    let pos = 0;
    let blockEnd = BLOCK;
    for (let nl = file.indexOf(10); nl !== -1; nl = file.indexOf(10, pos)) {
      const end = nl > pos && file[nl - 1] === 13 ? nl - 1 : nl;
      acc.lineBytes(file, pos, end, ++lineNo);
      pos = nl + 1;
      if (pos >= blockEnd) {
        acc.endChunk();
        blockEnd += BLOCK;
      }
    }
    if (pos < file.length) acc.lineBytes(file, pos, file.length, lineNo + 1);
    acc.endFile();
  });
  return acc;
}

/** `wc -l` in-process: newline bytes. */
function countNewlineBytes(files: Uint8Array[]): number {
  let n = 0;
  for (const c of files) {
    for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) n++;
  }
  return n;
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const t0 = performance.now();
const { files, bytes } = generate();
const encoder = new TextEncoder();
const encoded = files.map((chunks) => encoder.encode(chunks.join('')));
const mb = bytes / (1024 * 1024);
console.log(`generated ${mb.toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Best of several runs: the numbers are for a quiet machine; shared CI boxes vary a lot.
const RUNS = 7;
let lines = 0;
const countMs = best(RUNS, () => {
  lines = countLines(files);
});
let summary = feed(files).result();
const feedMs = best(RUNS, () => {
  summary = feed(files).result();
});
const wcMs = best(RUNS, () => countNewlineBytes(encoded));
const textDecoderMs = best(RUNS, () => feedBytes(encoded, viaTextDecoder).result());
const asciiMs = best(RUNS, () => feedBytes(encoded, viaAsciiFastPath).result());
// As Buffers, like the reader's chunks: their indexOf is memchr (a plain Uint8Array's is a loop).
const buffers = encoded.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const lineBytesMs = best(RUNS, () => feedLineBytes(buffers).result());
if (JSON.stringify(feedLineBytes(buffers).result()) !== JSON.stringify(summary)) {
  throw new Error('lineBytes and line summaries differ');
}

const rate = (ms: number): string => `${ms.toFixed(0)} ms, ${(mb / (ms / 1000)).toFixed(0)} MB/s`;
console.log(
  `lines: ${lines}, groups: ${summary.groups.length}, outside window: ${summary.outsideWindow}`,
);
console.log(`newline scan of strings:                   ${rate(countMs)}`);
console.log(`IisLogAccumulator on decoded lines:        ${rate(feedMs)}`);
console.log(`newline count of UTF-8 bytes (~wc -l):     ${rate(wcMs)}`);
console.log(`1 MB blocks, TextDecoder, split, accumulate: ${rate(textDecoderMs)}`);
console.log(`1 MB blocks, isAscii/latin1, split, accum.:  ${rate(asciiMs)}`);
console.log(`bytes, split, lineBytes (the log worker):  ${rate(lineBytesMs)}`);
console.log(
  `ratio to the wc-like count: ${(textDecoderMs / wcMs).toFixed(2)}x (TextDecoder), ${(asciiMs / wcMs).toFixed(2)}x (ASCII path), ${(lineBytesMs / wcMs).toFixed(2)}x (bytes)`,
);
console.log(
  `rss: ${(process.memoryUsage().rss / (1024 * 1024)).toFixed(0)} MB (input held twice: strings and bytes)`,
);
for (const g of summary.groups.slice(0, 6)) {
  console.log(
    `  ${g.path} ${g.operation} ${g.status}.${g.substatus}.${g.win32} ${g.platform} x${g.count}`,
  );
}
