// One HTTP(S) request of the SCEP probe, made the way a device makes it but measured: a hard
// timeout, a capped body, no redirects (or same-origin only when asked), the probe's User-Agent so
// log checks can leave it out (BUNDLE-FORMAT.md probe/), and the TLS facts even when untrusted.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { TlsCertInfo, TlsPeerInfo } from '../../shared/probe/types';

export const PROBE_USER_AGENT = 'NDES-Doctor-Probe/1';
export const KEEP_BYTES = 64 * 1024;

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Whole request, connect to last byte. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes kept. Default 64 KiB. */
  keepBytes?: number;
  /** Reading stops (and the socket is closed) past this many body bytes. Default 8 MiB. */
  maxReadBytes?: number;
  /** Follow redirects to the same scheme, host and port only. Default false. */
  followRedirects?: boolean;
}

export interface HttpResult {
  url: string;
  method: string;
  status: number | null;
  statusText: string | null;
  /** Header names as the server sent them; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The first `keepBytes` of the body. */
  body: Uint8Array;
  /** Body bytes received in all. */
  bodyBytes: number;
  /** All of the body was received (not capped, not cut by a timeout or error). */
  bodyComplete: boolean;
  /** Request start to last byte (or to the error). */
  elapsedMs: number;
  /** Request start to the response head; null without one. */
  firstByteMs: number | null;
  error: string | null;
  errorCode: string | null;
  tls: TlsPeerInfo | null;
  /** Redirects followed, in order. */
  redirects: { status: number; location: string }[];
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i] ?? '';
    const value = res.rawHeaders[i + 1] ?? '';
    const key = seen.get(name.toLowerCase()) ?? name;
    seen.set(name.toLowerCase(), key);
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

function iso(date: string): string {
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t).toISOString();
}

function certInfo(c: tls.PeerCertificate): TlsCertInfo {
  const dn = (o: unknown) =>
    o && typeof o === 'object'
      ? Object.entries(o as Record<string, string | string[]>)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
          .join(', ')
      : '';
  return {
    subject: dn(c.subject),
    issuer: dn(c.issuer),
    subjectAltName: c.subjectaltname ?? null,
    validFrom: iso(c.valid_from),
    validTo: iso(c.valid_to),
    fingerprint256: c.fingerprint256.replace(/:/g, '').toUpperCase(),
    serialNumber: c.serialNumber.toUpperCase(),
  };
}

/** Chain, protocol and verification of a TLS socket; host name checked as a browser would. */
export function tlsInfo(socket: TLSSocket, host: string): TlsPeerInfo {
  const leaf = socket.getPeerCertificate(true);
  const chain: TlsCertInfo[] = [];
  const seen = new Set<string>();
  for (let c: tls.DetailedPeerCertificate | undefined = leaf; c?.raw; c = c.issuerCertificate) {
    if (seen.has(c.fingerprint256)) break;
    seen.add(c.fingerprint256);
    chain.push(certInfo(c));
  }
  const idErr = leaf?.raw ? tls.checkServerIdentity(host.replace(/^\[|\]$/g, ''), leaf) : undefined;
  const authError = socket.authorizationError as unknown;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    authorized: socket.authorized,
    authorizationError: authError ? String(authError) : null,
    hostnameError: idErr ? idErr.message : null,
    chain,
  };
}

function once(req: HttpRequest, url: URL): Promise<HttpResult> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const keep = req.keepBytes ?? KEEP_BYTES;
  const maxRead = req.maxReadBytes ?? 8 * 1024 * 1024;
  const timeoutMs = req.timeoutMs ?? 10_000;
  const result: HttpResult = {
    url: url.href,
    method,
    status: null,
    statusText: null,
    headers: {},
    body: new Uint8Array(0),
    bodyBytes: 0,
    bodyComplete: false,
    elapsedMs: 0,
    firstByteMs: null,
    error: null,
    errorCode: null,
    tls: null,
    redirects: [],
  };
  const secure = url.protocol === 'https:';
  const headers: Record<string, string> = {
    'User-Agent': PROBE_USER_AGENT,
    Accept: '*/*',
    Connection: 'close',
    ...req.headers,
  };
  if (req.body) headers['Content-Length'] = String(req.body.byteLength);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let done = false;
    const finish = (error?: string, code?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      result.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
      result.body = new Uint8Array(Buffer.concat(chunks));
      if (error) {
        result.error = error;
        result.errorCode = code ?? null;
      }
      r.destroy();
      resolve(result);
    };
    const options: https.RequestOptions = {
      method,
      headers,
      // A fresh connection per request, no proxy from the environment: only this URL is contacted.
      agent: false,
      ...(secure
        ? {
            rejectUnauthorized: false,
            minVersion: 'TLSv1' as const,
            servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
          }
        : {}),
    };
    const r = (secure ? https : http).request(url, options, (res) => {
      result.status = res.statusCode ?? null;
      result.statusText = res.statusMessage ?? null;
      result.headers = headersOf(res);
      result.firstByteMs = Math.round((performance.now() - started) * 10) / 10;
      res.on('data', (chunk: Buffer) => {
        result.bodyBytes += chunk.length;
        if (kept < keep) {
          const part = chunk.subarray(0, keep - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (result.bodyBytes > maxRead) finish();
      });
      res.on('end', () => {
        result.bodyComplete = true;
        finish();
      });
      res.on('error', (e: NodeJS.ErrnoException) => finish(e.message, e.code));
      res.on('aborted', () => finish('the server closed the connection mid-body', 'ECONNRESET'));
    });
    r.on('socket', (socket) => {
      if (!secure) return;
      socket.once('secureConnect', () => {
        result.tls = tlsInfo(socket as TLSSocket, url.hostname);
      });
    });
    r.on('error', (e: NodeJS.ErrnoException) => finish(e.message, e.code));
    const timer = setTimeout(
      () => finish(`timeout: no complete answer within ${timeoutMs} ms`, 'ETIMEDOUT'),
      timeoutMs,
    );
    r.end(req.body ? Buffer.from(req.body) : undefined);
  });
}

function failed(req: HttpRequest, error: string, errorCode: string): HttpResult {
  return {
    url: req.url,
    method: req.method ?? 'GET',
    status: null,
    statusText: null,
    headers: {},
    body: new Uint8Array(0),
    bodyBytes: 0,
    bodyComplete: false,
    elapsedMs: 0,
    firstByteMs: null,
    error,
    errorCode,
    tls: null,
    redirects: [],
  };
}

/** Makes the request; never throws (transport problems are in `error`). */
export async function httpRequest(req: HttpRequest): Promise<HttpResult> {
  let url: URL;
  try {
    url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    return failed(req, `not an http(s) URL: ${req.url}`, 'EINVALIDURL');
  }
  const redirects: HttpResult['redirects'] = [];
  const started = performance.now();
  for (let hop = 0; ; hop++) {
    let res: HttpResult;
    try {
      res = await once(req, url);
    } catch (e) {
      // request() throws synchronously on options Node rejects; report it like any other error.
      const err = e as NodeJS.ErrnoException;
      return { ...failed(req, err.message, err.code ?? 'EREQUEST'), url: url.href, redirects };
    }
    const location = res.headers[Object.keys(res.headers).find((k) => /^location$/i.test(k)) ?? ''];
    const isRedirect = res.status !== null && res.status >= 300 && res.status < 400 && location;
    if (!req.followRedirects || !isRedirect || hop >= 5) {
      res.redirects = redirects;
      if (redirects.length) res.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
      return res;
    }
    const next = new URL(location, url);
    if (next.origin !== url.origin) {
      res.redirects = redirects;
      res.error = `redirect to another origin not followed (only the given URL is contacted): ${next.href}`;
      return res;
    }
    redirects.push({ status: res.status ?? 0, location: next.href });
    url = next;
  }
}
