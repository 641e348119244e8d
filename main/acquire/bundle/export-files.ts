// What becomes of each bundle file in an export: kept, redacted line by line, redacted whole (JSON),
// replaced by a certificate summary, or left out (key material, unreadable binaries in a redacted
// export). Producers are deterministic for a given tokenizer, so the report's second look at the
// redacted files (view.ts) sees exactly the bytes that went into the zip.
import { Readable } from 'node:stream';
import type { BundleSource } from './reader';
import { BundleError } from './reader';
import { looksBinary, redactLines } from './redact-stream';
import { w3cByteLine } from './w3c-bytes';
import type { Fallback } from './redact-stream';
import { decodeText } from '../../../shared/parse/text-decode';
import { parseCertificate, certificatesFromPkcs7 } from '../../../shared/parse/certificates';
import type { CertSummary } from '../../../shared/parse/certificates';
import type { LineTransform, Redactor } from '../../../shared/redact/redactor';
import { TextTransform, W3cTransform } from '../../../shared/redact/lines';
import { RegTransform } from '../../../shared/redact/reg';
import { XmlTransform } from '../../../shared/redact/xml';
import { redactJsonText, redactProbeJson, binaryHasIdentity } from '../../../shared/redact/json';
import { redactCertSummary, summaryPath, p7bSummaryPath } from '../../../shared/redact/certs';
import { isSecretFile } from '../../../shared/redact/secrets';

/** Output chunks of one file. */
export type Chunks = AsyncIterable<Buffer> | Iterable<Buffer>;

export type FileKind = 'lines' | 'json' | 'probe' | 'cert' | 'p7b' | 'copy';

/** One file of the export. */
export interface PlannedFile {
  /** Path in the source bundle. */
  src: string;
  /** Path in the export (differs for certificate summaries). */
  path: string;
  kind: FileKind;
  /** Source size, for progress. */
  size: number;
  /** Whole output, when it was produced in memory (JSON, certificates). */
  bytes?: Buffer;
}

/** A file left out of the export, and why. */
export interface Excluded {
  src: string;
  reason: string;
}

/** Whole-file reads are capped: JSON and certificates are small; a huge one is suspicious. */
const WHOLE_CAP = 256 * 1024 ** 2;
const CERT = /^certs\/LocalMachine\/[^/]+\/[^/]+\.(cer|crt|der)$/i;
const P7B = /^probe\/[^/]+\.p7b$/i;
const BINARY_EXT =
  /\.(evtx|etl|dmp|mdmp|zip|cab|7z|gz|exe|dll|sys|msi|png|jpe?g|gif|bmp|ico|db|edb|chk|sdb|bin)$/i;

/** Certificates parsed during discovery, reused when summaries are written. */
export type CertCache = Map<string, CertSummary[] | null>;

/** Parses the DER certificates (certs/ stores) and GetCACert answers (probe/*.p7b). */
export async function parseCertificates(bundle: BundleSource): Promise<CertCache> {
  const cache: CertCache = new Map();
  for (const e of bundle.entries) {
    if (!CERT.test(e.path) && !P7B.test(e.path)) continue;
    try {
      const bytes = await bundle.read(e.path, 16 * 1024 ** 2);
      const ders = P7B.test(e.path) ? await certificatesFromPkcs7(bytes) : [bytes];
      cache.set(e.path, await Promise.all(ders.map((d) => parseCertificate(d))));
    } catch {
      cache.set(e.path, null);
    }
  }
  return cache;
}

function lineTransform(path: string, r: Redactor): LineTransform {
  if (/\.reg$/i.test(path)) return new RegTransform(r);
  if (isW3c(path)) return new W3cTransform(r);
  if (/\.(xml|config|svclog)$/i.test(path)) return new XmlTransform(r);
  return new TextTransform(r);
}

function isW3c(path: string): boolean {
  return /^iis\/(logs|httperr)\/.+\.log$/i.test(path);
}

async function head(bundle: BundleSource, path: string): Promise<Buffer> {
  const s = await bundle.stream(path);
  try {
    for await (const chunk of s as AsyncIterable<Buffer>) return chunk.subarray(0, 8192);
    return Buffer.alloc(0);
  } finally {
    s.destroy();
  }
}

/** Encodes text the way the original was encoded (BOM kept). */
export function encodeLike(text: string, original: Uint8Array, encoding: string): Buffer {
  const bom = (n: number) => Buffer.from(original.subarray(0, n));
  if (encoding === 'utf-8-bom') return Buffer.concat([bom(3), Buffer.from(text, 'utf8')]);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const hasBom =
      (original[0] === 0xff && original[1] === 0xfe) ||
      (original[0] === 0xfe && original[1] === 0xff);
    const body = Buffer.from(text, 'utf16le');
    if (encoding === 'utf-16be') body.swap16();
    return hasBom ? Buffer.concat([bom(2), body]) : body;
  }
  return Buffer.from(text, 'utf8');
}

/** True when a certificate's subject, issuer or SAN names a customer host, domain or account. */
function certNamesSomeone(c: CertSummary, r: Redactor): boolean {
  const tok = r.tok;
  if (!tok) return false;
  return [c.subject, c.issuer, ...c.sanDns, ...c.sanOther].some((s) => tok.containsIdentity(s));
}

/** Decides the fate of every bundle file. `renamed` maps source paths of summarized certificates. */
export async function planFiles(
  bundle: BundleSource,
  r: Redactor,
  certs: CertCache,
): Promise<{ files: PlannedFile[]; excluded: Excluded[] }> {
  const files: PlannedFile[] = [];
  const excluded: Excluded[] = [];
  for (const e of bundle.entries) {
    const p = e.path;
    if (p.toLowerCase() === 'manifest.json' || /^report\//i.test(p)) continue;
    if (isSecretFile(p)) {
      r.removed.add('key-file');
      excluded.push({ src: p, reason: 'not exported: private key material' });
      continue;
    }
    const base = { src: p, path: p, size: e.size };
    if (CERT.test(p) || P7B.test(p)) {
      const kind = CERT.test(p) ? 'cert' : 'p7b';
      const parsed = certs.get(p) ?? null;
      const bytes = r.mode === 'none' ? null : Buffer.from(await bundle.read(p, 16 * 1024 ** 2));
      const named =
        bytes !== null &&
        (r.mode === 'strict' ||
          (parsed ?? []).some((c) => certNamesSomeone(c, r)) ||
          binaryHasIdentity(bytes, r));
      if (!named) {
        files.push({ ...base, kind: 'copy' });
      } else if (parsed === null) {
        excluded.push({
          src: p,
          reason: 'not exported: unreadable certificate data in a redacted export',
        });
      } else {
        r.removed.add('certificate-summary');
        const sums = parsed.map((c) => redactCertSummary(c, r));
        const json = JSON.stringify(kind === 'cert' ? sums[0] : sums, null, 2);
        const path = kind === 'cert' ? summaryPath(p) : p7bSummaryPath(p);
        files.push({ ...base, path, kind, bytes: Buffer.from(`${json}\n`, 'utf8') });
      }
      continue;
    }
    if (/^probe\/mscep\.json$/i.test(p)) files.push({ ...base, kind: 'probe' });
    else if (/\.json$/i.test(p)) files.push({ ...base, kind: 'json' });
    else if (/\.(reg|inf|txt|log|xml|config|svclog|csv|ini|ps1|html?)$/i.test(p))
      files.push({ ...base, kind: 'lines' });
    else if (BINARY_EXT.test(p) || (e.size > 0 && looksBinary(await head(bundle, p)))) {
      if (r.mode === 'none') files.push({ ...base, kind: 'copy' });
      else {
        r.removed.add('binary-file');
        excluded.push({ src: p, reason: 'not exported: binary file in a redacted export' });
      }
    } else files.push({ ...base, kind: 'lines' });
  }
  return { files, excluded };
}

/** Produces the output bytes of one planned file. */
export async function produce(
  bundle: BundleSource,
  f: PlannedFile,
  r: Redactor,
  opts: { fallback: Fallback; renames: Map<string, string>; signal?: AbortSignal },
): Promise<Chunks> {
  if (f.bytes) return [f.bytes];
  if (f.kind === 'copy') return (await bundle.stream(f.src)) as AsyncIterable<Buffer>;
  if (f.kind === 'lines') {
    const fallback = f.src.toLowerCase().startsWith('commands/') ? opts.fallback : 'windows-1252';
    const input = (await bundle.stream(f.src)) as AsyncIterable<Buffer>;
    const t = lineTransform(f.src, r);
    const bytes = t instanceof W3cTransform ? w3cByteLine(t) : undefined;
    return redactLines(input, t, fallback, opts.signal, bytes);
  }
  const original = await bundle.read(f.src, WHOLE_CAP);
  const { text, encoding } = decodeText(original, { fallback: opts.fallback });
  let out: string;
  try {
    out =
      f.kind === 'probe'
        ? redactProbeJson(text, r, r.mode === 'strict')
        : redactJsonText(text, r, (v) => opts.renames.get(v.toLowerCase()) ?? v);
  } catch (err) {
    if (f.kind !== 'probe') throw err;
    // Not valid JSON: redact it as text rather than export it unredacted.
    out = redactJsonText(text, r);
  }
  if (out === text && f.kind !== 'probe') return [Buffer.from(original)];
  return [encodeLike(out, original, encoding)];
}

/** A stream over produced chunks, closing the source when done. */
export function asReadable(chunks: Chunks): Readable {
  return Readable.from(chunks, { objectMode: false });
}

export { BundleError };
