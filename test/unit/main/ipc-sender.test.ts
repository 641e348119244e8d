import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isTrustedSender } from '../../../main/app/url-policy';

const WINDOW = 7;
const ok = { webContentsId: WINDOW, frameUrl: APP_INDEX_URL, isMainFrame: true };

describe('isTrustedSender', () => {
  it("accepts the app's page in our window", () => {
    expect(APP_INDEX_URL).toBe('app://ndes-doctor/index.html');
    expect(isTrustedSender(ok, WINDOW)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${APP_INDEX_URL}#/findings` }, WINDOW)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${APP_INDEX_URL}?run=1` }, WINDOW)).toBe(true);
  });

  it.each([
    'file:///C:/Program%20Files/NDES%20Doctor/resources/app.asar/dist/renderer/index.html',
    'file:///tmp/evil/index.html',
    'http://127.0.0.1:5173/index.html',
    'https://evil.example/index.html',
    'app://evil/index.html',
    'app://ndes-doctor:8080/index.html',
    'app://user@ndes-doctor/index.html',
    'app://ndes-doctor/other.html',
    'app://ndes-doctor/',
    'devtools://devtools/bundled/devtools_app.html',
    'about:blank',
    'not a url',
  ])('refuses a frame showing %s', (frameUrl) => {
    expect(isTrustedSender({ ...ok, frameUrl }, WINDOW)).toBe(false);
  });

  it('refuses other webContents, a missing window, sub-frames and destroyed frames', () => {
    expect(isTrustedSender({ ...ok, webContentsId: 8 }, WINDOW)).toBe(false);
    expect(isTrustedSender(ok, null)).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false }, WINDOW)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, WINDOW)).toBe(false);
  });
});
