// Command line of the desktop app: `--bundle PATH` opens that bundle instead of the demo host.
// Chromium may add its own switches and reorder argv, so the value is looked up, not indexed.
import path from 'node:path';

/** The value of `--bundle PATH` or `--bundle=PATH`, or null. */
export function bundleArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--bundle=')) return arg.slice('--bundle='.length) || null;
    if (arg === '--bundle') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : null;
    }
  }
  return null;
}

/** What a second instance passes to the first through `requestSingleInstanceLock`. */
export interface InstanceData {
  argv: string[];
  cwd: string;
}

/**
 * The bundle a second instance asked for, as an absolute path. Prefers the additional data the
 * second instance sent (its exact argv), falling back to the argv Electron reports.
 */
export function secondInstanceBundle(
  argv: readonly string[],
  cwd: string,
  data: unknown,
): string | null {
  const d = data as Partial<InstanceData> | null | undefined;
  const exact = Array.isArray(d?.argv) && d.argv.every((a) => typeof a === 'string');
  const base = typeof d?.cwd === 'string' ? d.cwd : cwd;
  const p = bundleArg(exact ? (d.argv as string[]) : argv);
  return p ? path.resolve(base, p) : null;
}

/** Where the built app finds its pieces, packaged (inside the asar / resources) or not. */
export interface AppPaths {
  rendererDir: string;
  preload: string;
  demoBundle: string;
}

export function appPaths(o: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
}): AppPaths {
  const dist = path.join(o.appPath, 'dist');
  return {
    rendererDir: path.join(dist, 'renderer'),
    preload: path.join(dist, 'preload.cjs'),
    demoBundle: o.isPackaged
      ? path.join(o.resourcesPath, 'demo-bundle')
      : path.join(dist, 'demo-bundle'),
  };
}
