import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../../main/web/server';
import type { WebServer } from '../../../main/web/server';

let server: WebServer;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ndes-doctor-web-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>NDES Doctor test</title>');
  server = await startWebServer({
    port: 0,
    rendererDir: dir,
    demoBundle: path.join(dir, 'no-such-demo-bundle'),
    version: '0.0.0-test',
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** http.request, because fetch will not send a Host (or reliably an Origin) of our choosing. */
function raw(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: pathname, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const invoke = (channel: string, body: unknown = null) =>
  fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'x-ndes-doctor-token': server.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('browser-mode server', () => {
  it('prints a 127.0.0.1 URL carrying the token', () => {
    expect(server.url).toBe(`${base}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
    const wrongHeader = await fetch(`${base}/api/invoke/app:info`, {
      method: 'POST',
      headers: { 'x-ndes-doctor-token': `${server.token.slice(1)}x` },
    });
    expect(wrongHeader.status).toBe(401);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie, then serves the page with a CSP', async () => {
    const first = await fetch(server.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`ndes_doctor_token=${server.token}`);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);

    const page = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('NDES Doctor test');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await raw('GET', '/', {
      Host: `evil.example:${server.port}`,
      'x-ndes-doctor-token': server.token,
    });
    expect(r.status).toBe(421);
  });

  it('refuses a cross-origin request even with the token', async () => {
    const r = await raw('POST', '/api/invoke/app:info', {
      Origin: 'https://evil.example',
      'x-ndes-doctor-token': server.token,
    });
    expect(r.status).toBe(403);
    const same = await raw('POST', '/api/invoke/app:info', {
      Origin: `http://127.0.0.1:${server.port}`,
      'x-ndes-doctor-token': server.token,
    });
    expect(same.status).toBe(200);
  });

  it('answers a channel of the map', async () => {
    const res = await invoke('app:info');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { mode: string; version: string } };
    expect(body.ok).toBe(true);
    expect(body.value.mode).toBe('browser');
    expect(body.value.version).toBe('0.0.0-test');
  });

  it('refuses a channel that is not in the map', async () => {
    const res = await invoke('not-a-channel');
    expect(res.status).toBe(404);
    expect((await invoke('__proto__')).status).toBe(404);
  });

  it('reports a handler error as { ok: false } with its message', async () => {
    const res = await invoke('run:open-upload', { uploadId: 'never-uploaded' });
    expect(await res.json()).toEqual({ ok: false, error: 'Unknown upload.' });
  });

  it('returns null for run:current when the initial open failed', async () => {
    const body = (await (await invoke('run:current')).json()) as { ok: boolean; value: unknown };
    expect(body).toEqual({ ok: true, value: null });
  });

  it('refuses upload paths that leave the upload folder', async () => {
    // ':' would name a drive or an NTFS alternate data stream when the server runs on Windows.
    for (const p of [
      '../x',
      'a/../../x',
      '/etc/passwd',
      'a\\..\\x',
      'a//b',
      'C:/x',
      'x:stream',
      'a\u0000b',
    ]) {
      const res = await fetch(`${base}/api/upload?id=abcdefgh12&path=${encodeURIComponent(p)}`, {
        method: 'PUT',
        headers: { 'x-ndes-doctor-token': server.token },
        body: 'data',
      });
      expect(res.status, p).toBe(400);
    }
  });

  it('accepts a safe upload and refuses one without a Content-Length', async () => {
    const put = (p: string, init: RequestInit) =>
      fetch(`${base}/api/upload?id=abcdefgh13&path=${encodeURIComponent(p)}`, {
        method: 'PUT',
        headers: { 'x-ndes-doctor-token': server.token },
        ...init,
      });
    expect((await put('bundle/manifest.json', { body: '{}' })).status).toBe(200);
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('x'));
        c.close();
      },
    });
    const res = await put('bundle/other.txt', { body: chunked, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(411);
  });

  it('answers 400 to a body that is not JSON and 404 to a malformed channel name', async () => {
    const bad = await fetch(`${base}/api/invoke/app:info`, {
      method: 'POST',
      headers: { 'x-ndes-doctor-token': server.token },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect((await invoke('%E0%A4%A')).status).toBe(404);
  });
});
