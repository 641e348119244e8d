import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, bundleArg, secondInstanceBundle } from '../../../../main/app/args';

describe('bundleArg', () => {
  it('reads --bundle PATH and --bundle=PATH, packaged or from `electron .`', () => {
    expect(bundleArg(['NDES Doctor.exe', '--bundle', 'C:\\b\\ndes.zip'])).toBe('C:\\b\\ndes.zip');
    expect(bundleArg(['electron', '.', '--bundle=./b'])).toBe('./b');
    expect(bundleArg(['electron', '.', '--original-process-start-time=1', '--bundle', 'b'])).toBe(
      'b',
    );
  });

  it('is null without a usable value', () => {
    expect(bundleArg(['NDES Doctor.exe'])).toBeNull();
    expect(bundleArg(['x', '--bundle'])).toBeNull();
    expect(bundleArg(['x', '--bundle', '--inspect'])).toBeNull();
    expect(bundleArg(['x', '--bundle='])).toBeNull();
  });
});

describe('secondInstanceBundle', () => {
  it("prefers the second instance's own argv and directory", () => {
    const data = { argv: ['exe', '--bundle', 'in/b.zip'], cwd: path.resolve('/work/second') };
    expect(secondInstanceBundle(['exe'], path.resolve('/elsewhere'), data)).toBe(
      path.resolve('/work/second', 'in/b.zip'),
    );
  });

  it('falls back to the argv Electron reports', () => {
    expect(secondInstanceBundle(['exe', '--bundle', 'b'], path.resolve('/w'), null)).toBe(
      path.resolve('/w', 'b'),
    );
    expect(secondInstanceBundle(['exe', '--bundle', 'b'], path.resolve('/w'), { argv: [1] })).toBe(
      path.resolve('/w', 'b'),
    );
    expect(secondInstanceBundle(['exe'], path.resolve('/w'), undefined)).toBeNull();
  });
});

describe('appPaths', () => {
  it('finds the demo bundle in resources when packaged', () => {
    const asar = path.resolve('/app/resources/app.asar');
    const p = appPaths({
      isPackaged: true,
      appPath: asar,
      resourcesPath: path.resolve('/app/resources'),
    });
    expect(p.demoBundle).toBe(path.resolve('/app/resources/demo-bundle'));
    expect(p.preload).toBe(path.join(asar, 'dist', 'preload.cjs'));
    expect(p.rendererDir).toBe(path.join(asar, 'dist', 'renderer'));
  });

  it('uses dist/demo-bundle in development', () => {
    const root = path.resolve('/src/ndes-doctor');
    const p = appPaths({ isPackaged: false, appPath: root, resourcesPath: '/electron/resources' });
    expect(p.demoBundle).toBe(path.join(root, 'dist', 'demo-bundle'));
  });
});
