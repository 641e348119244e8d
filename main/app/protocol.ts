// Serves the built renderer on app://ndes-doctor/ with the app's CSP as a real response header.
// webRequest.onHeadersReceived does not run for custom schemes (electron/electron#6021), so the
// header is set here; window.ts adds it to any http(s) response as well.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES, CSP } from '../web/static';
import { APP_SCHEME, resolveAppFile } from './url-policy';

/** Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and modules. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405 });
    }
    const file = resolveAppFile(rendererDir, request.url);
    const body = file ? await fsp.readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('not found', { status: 404 });
    const ext = path.extname(file).toLowerCase();
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}
