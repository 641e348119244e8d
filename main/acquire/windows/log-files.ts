// Byte copies of log folders (IIS W3C, HTTPERR, connector logs): newest first by last write, only
// files written within the window (default 14 days), until the family's size cap; in-window files
// beyond the cap are recorded as `skipped` with the reason, so the rules know the gap exists.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ArtifactStatus } from '../../../shared/model/manifest';
import type { CollectContext } from './collect-context';

export interface LogFile {
  name: string;
  size: number;
  mtimeMs: number;
}

export interface LogSelection {
  take: LogFile[];
  skip: { file: LogFile; reason: string }[];
  /** Files last written before the window (not collected, not listed). */
  older: number;
}

const MB = 1024 * 1024;

/** Newest first; the window and then the cap decide. Once the cap is hit, older files are skipped too. */
export function selectLogs(
  files: LogFile[],
  windowStartMs: number,
  capBytes: number,
  days: number,
): LogSelection {
  const sorted = [...files].sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : -1));
  const out: LogSelection = { take: [], skip: [], older: 0 };
  let used = 0;
  let capped = false;
  for (const f of sorted) {
    if (f.mtimeMs < windowStartMs) {
      out.older++;
      continue;
    }
    if (capped || used + f.size > capBytes) {
      capped = true;
      out.skip.push({
        file: f,
        reason: `log size cap (${Number((capBytes / MB).toFixed(1))} MB) reached; newer files of the last ${days} days were collected first`,
      });
      continue;
    }
    used += f.size;
    out.take.push(f);
  }
  return out;
}

export interface LogFolder {
  /** Windows folder (raw, may hold %VARS%). */
  winDir: string;
  /** Bundle folder, e.g. `iis/logs/W3SVC1`. */
  bundleDir: string;
  kind: string;
  /** Which file names belong to the family. */
  match: RegExp;
  /** Budget shared by the folders of one family (mutated). */
  budget: { remaining: number };
}

/** Copies one log folder. Returns the statuses recorded (`absent` when the folder does not exist). */
export async function collectLogFolder(
  ctx: CollectContext,
  order: number,
  folder: LogFolder,
): Promise<ArtifactStatus[]> {
  const winDir = ctx.paths.expand(folder.winDir);
  const local = ctx.paths.local(winDir);
  let names: string[];
  try {
    const items = await fsp.readdir(local, { withFileTypes: true });
    names = items.filter((i) => i.isFile() && folder.match.test(i.name)).map((i) => i.name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const status: ArtifactStatus = code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : 'error';
    await ctx.record(order, {
      path: `${folder.bundleDir}/`,
      kind: folder.kind,
      source: winDir,
      status,
      ...(status === 'error' ? { error: `cannot list ${winDir}: ${code ?? String(err)}` } : {}),
    });
    return [status];
  }
  const files: LogFile[] = [];
  for (const name of names) {
    try {
      const s = await fsp.stat(path.join(local, name));
      files.push({ name, size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // deleted while listing (log rotation): nothing to collect
    }
  }
  const windowStart = ctx.startedAt.getTime() - ctx.settings.days * 86_400_000;
  const sel = selectLogs(files, windowStart, folder.budget.remaining, ctx.settings.days);
  const statuses: ArtifactStatus[] = [];
  for (const f of sel.take) {
    const rel = `${folder.bundleDir}/${f.name}`;
    const source = ctx.paths.join(winDir, f.name);
    try {
      // Only the bytes present when the folder was listed: the file may grow meanwhile.
      await ctx.copy(path.join(local, f.name), rel, f.size);
      folder.budget.remaining -= f.size;
      await ctx.record(order, { path: rel, kind: folder.kind, source, status: 'ok' });
      statuses.push('ok');
    } catch (err) {
      ctx.signal?.throwIfAborted();
      const e = err as NodeJS.ErrnoException;
      await ctx.record(order, {
        path: rel,
        kind: folder.kind,
        source,
        status: 'error',
        error: `cannot read ${source}: ${e.code ?? e.message}`,
      });
      statuses.push('error');
    }
  }
  for (const { file, reason } of sel.skip) {
    await ctx.record(order, {
      path: `${folder.bundleDir}/${file.name}`,
      kind: folder.kind,
      source: ctx.paths.join(winDir, file.name),
      status: 'skipped',
      error: reason,
    });
    statuses.push('skipped');
  }
  if (statuses.length === 0) {
    // IIS writes a log only on days with requests: no file in the window is data, not a failure.
    await ctx.record(order, {
      path: `${folder.bundleDir}/`,
      kind: folder.kind,
      source: winDir,
      status: 'absent',
      error: `no file written in the last ${ctx.settings.days} days (${sel.older} older not collected)`,
    });
    statuses.push('absent');
  }
  return statuses;
}
