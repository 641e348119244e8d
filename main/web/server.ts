// Browser mode: the same handlers as the desktop app, over HTTP and server-sent events, bound to
// 127.0.0.1 only. A random per-launch token is required (exchanged once for an HttpOnly,
// SameSite=Strict cookie); the Host header must name this listener (DNS-rebinding defence).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  promises as fsp,
  readdirSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isInvokeChannel } from '../../shared/ipc/channels';
import type { EventChannels } from '../../shared/ipc/channels';
import { createSession } from '../ipc/session';
import type { SessionHost } from '../ipc/session';
import { serveStatic } from './static';

export interface WebServerOptions {
  port?: number;
  rendererDir: string;
  demoBundle: string;
  version: string;
  /** Bundle to open first instead of the demo. */
  bundle?: string;
  /** Run history database (default location when undefined). */
  dbPath?: string;
  /** The fix commands' platform, executor, tools and collector (default: this host's). */
  fixIo?: SessionHost['fixIo'];
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
const MAX_JSON_BYTES = 1024 * 1024;

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const cookieName = 'ndes_doctor_token';
  const clients = new Set<http.ServerResponse>();
  const uploads = new Map<string, string>();
  const downloads = new Map<string, { file: string; name: string }>();
  const uploadRoot = await fsp.mkdtemp(path.join(tmpdir(), 'ndes-doctor-upload-'));

  // The run log is replayed to a page that connects late (the first run starts before any page).
  const logBacklog: string[] = [];
  const emit = <E extends keyof EventChannels>(event: E, payload: EventChannels[E]) => {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    if (event === 'log:line') {
      logBacklog.push(data);
      if (logBacklog.length > 1000) logBacklog.shift();
    }
    for (const c of clients) c.write(data);
  };
  const session = createSession({
    mode: 'browser',
    version: opts.version,
    demoBundle: opts.demoBundle,
    emit,
    resolveUpload: (id) => uploads.get(id) ?? null,
    offerDownload: (file, name) => {
      const id = randomBytes(16).toString('hex');
      downloads.set(id, { file, name });
      return `/api/download/${id}`;
    },
    dbPath: opts.dbPath,
    ...(opts.fixIo ? { fixIo: opts.fixIo } : {}),
  });
  // The first run starts at once; the renderer picks it up with run:current or its progress events.
  const initial = session.openInitial(opts.bundle).catch(() => null);

  let port = 0;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, err instanceof HttpError ? err.status : 500, { error: (err as Error).message });
      else res.end();
    });
  });

  const tokenOk = (candidate: string | undefined | null) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(res, 421, { error: 'wrong Host header' });
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`)
      return send(res, 403, { error: 'cross-origin request refused' });
    const url = new URL(req.url ?? '/', `http://${host}`);
    const cookie = parseCookie(req.headers.cookie ?? '')[cookieName];
    const header = req.headers['x-ndes-doctor-token'];
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && tokenOk(queryToken)) {
      res.writeHead(303, {
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!tokenOk(cookie) && !tokenOk(typeof header === 'string' ? header : undefined)) {
      return send(res, 401, {
        error: 'missing or wrong token: open the URL printed by ndes-doctor serve',
      });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      for (const line of logBacklog) res.write(line);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      const channel = safeDecode(url.pathname.slice('/api/invoke/'.length));
      if (channel === null || !isInvokeChannel(channel))
        return send(res, 404, { error: `unknown channel ${channel}` });
      const body = await readJson(req);
      if (channel === 'run:current') await initial;
      try {
        const handler = session.handlers[channel] as (r: unknown) => Promise<unknown>;
        return send(res, 200, { ok: true, value: await handler(body) });
      } catch (err) {
        return send(res, 200, { ok: false, error: (err as Error).message });
      }
    }
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET') {
      const d = downloads.get(url.pathname.slice('/api/download/'.length));
      if (!d) return send(res, 404, { error: 'unknown download' });
      const stat = await fsp.stat(d.file);
      res.writeHead(200, {
        'Content-Type': 'application/zip',
        'Content-Length': stat.size,
        'Content-Disposition': `attachment; filename="${d.name.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      createReadStream(d.file).pipe(res);
      return;
    }
    if (url.pathname === '/api/upload' && req.method === 'PUT') {
      return upload(req, res, url);
    }
    if (req.method === 'GET' || req.method === 'HEAD')
      return serveStatic(opts.rendererDir, url.pathname, res);
    return send(res, 405, { error: 'method not allowed' });
  }

  async function upload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    // One request per file: ?id=<upload id>&path=<relative path> (a folder sends many, a zip one).
    const id = url.searchParams.get('id') ?? '';
    const rel = url.searchParams.get('path') ?? '';
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return send(res, 400, { error: 'bad upload id' });
    const parts = rel.split('/');
    // ':' would name a drive or an NTFS alternate data stream on Windows.
    if (
      !rel ||
      /[\\:]/.test(rel) ||
      [...rel].some((ch) => ch.charCodeAt(0) < 0x20) ||
      rel.startsWith('/') ||
      parts.some((p) => p === '..' || p === '' || p === '.')
    ) {
      return send(res, 400, { error: `unsafe file name: ${rel}` });
    }
    const length = Number(req.headers['content-length'] ?? NaN);
    if (!Number.isFinite(length)) return send(res, 411, { error: 'Content-Length required' });
    if (length > MAX_UPLOAD_BYTES) return send(res, 413, { error: 'upload too large' });
    const dir = path.join(uploadRoot, id);
    const dest = path.join(dir, ...parts);
    if (!dest.startsWith(dir + path.sep)) return send(res, 400, { error: 'unsafe file name' });
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await pipeline(req, createWriteStream(dest, { flags: 'wx' }));
    // A single .zip is the bundle; otherwise the folder is.
    uploads.set(id, parts.length === 1 && /\.zip$/i.test(rel) ? dest : stripRoot(dir));
    return send(res, 200, { ok: true });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
      await fsp.rm(uploadRoot, { recursive: true, force: true });
    },
  };
}

/** A folder upload arrives as `<picked folder>/<files>`: the bundle is where manifest.json is. */
function stripRoot(dir: string): string {
  if (existsSync(path.join(dir, 'manifest.json'))) return dir;
  const subdirs = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
  const only = subdirs.length === 1 ? subdirs[0] : undefined;
  return only ? path.join(dir, only.name) : dir;
}

/** An error with the HTTP status to answer. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'request too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}
