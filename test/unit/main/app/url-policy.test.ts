import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalHttpsUrl, isAppPageUrl, resolveAppFile } from '../../../../main/app/url-policy';

const ROOT = path.resolve('/opt/ndes-doctor/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app:// URLs to files of the renderer', () => {
    expect(resolveAppFile(ROOT, 'app://ndes-doctor/index.html')).toBe(
      path.join(ROOT, 'index.html'),
    );
    expect(resolveAppFile(ROOT, 'app://ndes-doctor/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://ndes-doctor/assets/index-abc.js?v=1')).toBe(
      path.join(ROOT, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(ROOT, 'app://ndes-doctor/assets/a%20b.css')).toBe(
      path.join(ROOT, 'assets', 'a b.css'),
    );
  });

  it('keeps dot segments inside the renderer (the URL parser removes them first)', () => {
    expect(resolveAppFile(ROOT, 'app://ndes-doctor/%2e%2e/%2e%2e/etc/passwd')).toBe(
      path.join(ROOT, 'etc', 'passwd'),
    );
  });

  it.each([
    'app://ndes-doctor/..%2f..%2fmain.cjs',
    'app://ndes-doctor/..%5c..%5cmain.cjs',
    'app://ndes-doctor/C:%5CWindows%5Cwin.ini',
    'app://ndes-doctor/a%00.js',
    'app://ndes-doctor/%E0%A4%A',
    'app://other/index.html',
    'file:///opt/ndes-doctor/dist/renderer/index.html',
    'https://ndes-doctor/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull();
  });
});

describe('isAppPageUrl', () => {
  it('is true for the index page only', () => {
    expect(isAppPageUrl('app://ndes-doctor/index.html#x')).toBe(true);
    expect(isAppPageUrl('app://ndes-doctor/assets/index.js')).toBe(false);
    expect(isAppPageUrl(null)).toBe(false);
  });
});

describe('externalHttpsUrl', () => {
  it('lets https links out', () => {
    expect(externalHttpsUrl('https://learn.microsoft.com/en-us/intune/')).toBe(
      'https://learn.microsoft.com/en-us/intune/',
    );
  });

  it.each([
    'http://example.com/',
    'file:///C:/Windows/System32/calc.exe',
    'ms-settings:display',
    'javascript:alert(1)',
    'app://ndes-doctor/index.html',
    'https://user:pw@example.com/',
    'not a url',
  ])('keeps %s in', (url) => {
    expect(externalHttpsUrl(url)).toBeNull();
  });
});
