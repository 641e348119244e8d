// Support-bundle export from the app: written where the admin chooses (desktop) or offered as a
// download (browser mode), optionally redacted, with progress and cancel.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBundle } from '../acquire/bundle/reader';
import { exportBundle } from '../acquire/bundle/export';
import type { Handlers, SessionContext } from './session';

export function exportHandlers(
  ctx: SessionContext,
): Pick<Handlers, 'bundle:export' | 'bundle:cancel-export'> {
  let exportAbort: AbortController | null = null;
  return {
    'bundle:export': async ({ runId, redact }) => {
      const r = ctx.runs.get(runId);
      if (!r?.location) throw new Error('This run has no bundle to export.');
      const base = `${(r.view.report.host.computerName || 'ndes').replace(/[^\w.-]/g, '_')}-${r.view.report.collectedAt.slice(0, 10)}${redact === 'none' ? '' : `-${redact}`}.zip`;
      let out: string;
      if (ctx.host.showSaveDialog) {
        const picked = await ctx.host.showSaveDialog(base);
        if (!picked)
          return {
            cancelled: true,
            path: null,
            downloadUrl: null,
            fileName: base,
            zipBytes: 0,
            removed: [],
          };
        out = picked;
      } else {
        out = path.join(await fsp.mkdtemp(path.join(tmpdir(), 'ndes-doctor-export-')), base);
      }
      exportAbort?.abort();
      const controller = new AbortController();
      exportAbort = controller;
      ctx.log(`Exporting ${redact === 'none' ? '' : `(${redact}) `}to ${out}…`);
      const source = await openBundle(r.location);
      try {
        const result = await exportBundle({
          source,
          out,
          redact: redact === 'none' ? undefined : redact,
          report: r.view.report,
          signal: controller.signal,
          onProgress: (p) =>
            ctx.host.emit('run:progress', {
              runId,
              phase: 'export',
              file: p.file,
              bytes: p.bytesDone,
            }),
        });
        ctx.log(`Exported ${result.files} files (${result.zipBytes} bytes) to ${result.out}.`);
        return {
          cancelled: false,
          path: ctx.host.showSaveDialog ? result.out : null,
          downloadUrl: ctx.host.offerDownload ? ctx.host.offerDownload(result.out, base) : null,
          fileName: base,
          zipBytes: result.zipBytes,
          removed: result.removed,
        };
      } finally {
        await source.close();
        if (exportAbort === controller) exportAbort = null;
      }
    },
    'bundle:cancel-export': async () => {
      const had = exportAbort !== null;
      exportAbort?.abort();
      return { cancelled: had };
    },
  };
}
