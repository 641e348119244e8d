// IIS and log-file collectors: applicationHost.config (read by file copy: it needs elevation, and a
// 32-bit process would be redirected to SysWOW64), the web.config files on the path to mscep, the
// SCEP site's W3C logs, HTTP.sys error logs and the connector's own log files.
import { promises as fsp } from 'node:fs';
import type { ArtifactStatus } from '../../../shared/model/manifest';
import { findKey, findValue, parseRegFile } from '../../../shared/parse/reg-file';
import { decodeText } from '../../../shared/parse/text-decode';
import type { CollectContext } from './collect-context';
import { DEFAULT_LOG_DIR, iisLayout } from './iis-layout';
import type { IisLayout } from './iis-layout';
import { collectLogFolder } from './log-files';

export const APPHOST = '%SystemRoot%\\System32\\inetsrv\\config\\applicationHost.config';
export const HTTP_PARAMETERS = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const DEFAULT_HTTPERR_DIR = '%SystemRoot%\\System32\\LogFiles';

/** applicationHost.config could not be read: `layout` is null and `why` says so. */
export interface AppHostResult {
  status: ArtifactStatus;
  layout: IisLayout | null;
  why: string | null;
}

function readError(source: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return `access to ${source} is denied (NDES Doctor must run elevated)`;
  }
  return `cannot read ${source}: ${code ?? String(err)}`;
}

/** Copies one host file; `absent` when it does not exist. */
export async function copyHostFile(
  ctx: CollectContext,
  order: number,
  winPath: string,
  rel: string,
  kind: string,
  maxBytes?: number,
): Promise<ArtifactStatus> {
  const source = ctx.paths.expand(winPath);
  try {
    const size = (await fsp.stat(ctx.paths.local(source))).size;
    if (maxBytes !== undefined && size > maxBytes) {
      const mb = Math.round(maxBytes / 1024 ** 2);
      await ctx.record(order, {
        path: rel,
        kind,
        source,
        status: 'skipped',
        error: `${size} bytes, over the log size cap (${mb} MB)`,
      });
      return 'skipped';
    }
    await ctx.copy(ctx.paths.local(source), rel);
  } catch (err) {
    ctx.signal?.throwIfAborted();
    const code = (err as NodeJS.ErrnoException).code;
    const status = code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : 'error';
    await ctx.record(order, {
      path: rel,
      kind,
      source,
      status,
      ...(status === 'error' ? { error: readError(source, err) } : {}),
    });
    return status;
  }
  await ctx.record(order, { path: rel, kind, source, status: 'ok' });
  return 'ok';
}

export async function collectAppHost(ctx: CollectContext, order: number): Promise<AppHostResult> {
  const rel = 'iis/applicationHost.config';
  const status = await copyHostFile(ctx, order, APPHOST, rel, 'file');
  if (status !== 'ok') {
    const why =
      status === 'absent'
        ? 'IIS is not installed (no applicationHost.config)'
        : 'applicationHost.config could not be read';
    return { status, layout: null, why };
  }
  try {
    const bytes = await fsp.readFile(await ctx.file(rel));
    return { status, layout: iisLayout(decodeText(new Uint8Array(bytes)).text), why: null };
  } catch (err) {
    return { status, layout: null, why: `applicationHost.config: ${(err as Error).message}` };
  }
}

/** web.config files that exist on the path to CertSrv/mscep; missing ones are not listed. */
export async function collectWebConfigs(
  ctx: CollectContext,
  order: number,
  layout: IisLayout | null,
): Promise<ArtifactStatus> {
  const statuses: ArtifactStatus[] = [];
  for (const w of layout?.webConfigs ?? []) {
    const source = ctx.paths.expand(w.winPath);
    try {
      await fsp.access(ctx.paths.local(source));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
    }
    statuses.push(await copyHostFile(ctx, order, w.winPath, w.bundlePath, 'file'));
  }
  if (statuses.length === 0) return 'absent';
  return statuses.includes('error') ? 'error' : 'ok';
}

/**
 * W3C logs of the sites serving mscep (and the legacy CertificateRegistrationSvc). Without a
 * readable applicationHost.config, the default folder of site 1 is tried: that is where NDES logs
 * on nearly every server.
 */
export async function collectIisLogs(
  ctx: CollectContext,
  order: number,
  app: AppHostResult,
): Promise<ArtifactStatus[]> {
  if (app.status === 'absent') {
    await ctx.record(order, {
      path: 'iis/logs/',
      kind: 'iis-log',
      source: ctx.paths.expand(`${DEFAULT_LOG_DIR}\\W3SVC1`),
      status: 'absent',
    });
    return ['absent'];
  }
  const sites = app.layout
    ? app.layout.logSites
    : [{ id: '1', name: 'Default Web Site', logDirectory: DEFAULT_LOG_DIR }];
  const budget = { remaining: ctx.settings.logCapBytes };
  const statuses: ArtifactStatus[] = [];
  for (const s of sites) {
    statuses.push(
      ...(await collectLogFolder(ctx, order, {
        winDir: `${s.logDirectory.replace(/\\+$/, '')}\\W3SVC${s.id}`,
        bundleDir: `iis/logs/W3SVC${s.id}`,
        kind: 'iis-log',
        match: /\.log$/i,
        budget,
      })),
    );
  }
  return statuses;
}

/** HTTP.sys writes to `<ErrorLoggingDir>\HTTPERR` (KB 820729), default %SystemRoot%\System32\LogFiles. */
export async function httpErrDir(ctx: CollectContext): Promise<string> {
  let dir = DEFAULT_HTTPERR_DIR;
  try {
    const bytes = await fsp.readFile(await ctx.file('registry/http-parameters.reg'));
    const reg = parseRegFile(decodeText(new Uint8Array(bytes)).text);
    const v = findValue(findKey(reg, HTTP_PARAMETERS), 'ErrorLoggingDir');
    if (v && (v.data.type === 'REG_SZ' || v.data.type === 'REG_EXPAND_SZ') && v.data.value.trim()) {
      dir = v.data.value.trim().replace(/\\+$/, '');
    }
  } catch {
    // no export (absent or failed): the default folder
  }
  return `${dir}\\HTTPERR`;
}

export async function collectHttpErr(
  ctx: CollectContext,
  order: number,
): Promise<ArtifactStatus[]> {
  return collectLogFolder(ctx, order, {
    winDir: await httpErrDir(ctx),
    bundleDir: 'iis/httperr',
    kind: 'httperr-log',
    match: /^httperr\d*\.log$/i,
    budget: { remaining: ctx.settings.logCapBytes },
  });
}

const INTUNE = '%ProgramFiles%\\Microsoft Intune';

/** The legacy connector's and policy module's logs, and the current connector's file logs. */
export async function collectConnectorLogs(
  ctx: CollectContext,
  order: number,
): Promise<ArtifactStatus[]> {
  const budget = { remaining: ctx.settings.logCapBytes };
  const statuses: ArtifactStatus[] = [];
  statuses.push(
    await copyHostFile(
      ctx,
      order,
      `${INTUNE}\\NDESPolicyModule\\Logs\\NDESPlugin.log`,
      'logs/NDESPolicyModule/NDESPlugin.log',
      'file',
      ctx.settings.logCapBytes,
    ),
  );
  // The legacy connector's installer wrote its MSI log to one of two folders.
  const setup = ['NDESConnectorSetup', 'NDESConnectorSetupMsi'].map(
    (d) => `%SystemDrive%\\${d}\\SetupMsi.log`,
  );
  const found = await firstExisting(ctx, setup);
  statuses.push(
    await copyHostFile(
      ctx,
      order,
      found ?? setup[0] ?? '',
      'logs/NDESConnectorSetup/SetupMsi.log',
      'file',
      ctx.settings.logCapBytes,
    ),
  );
  for (const [winDir, bundleDir, match] of [
    [`${INTUNE}\\NDESConnectorSvc\\Logs\\Logs`, 'logs/NDESConnectorSvc', /\.svclog$/i],
    [
      `${INTUNE}\\PFXCertificateConnector\\Logs`,
      'logs/CertificateConnector',
      /\.(log|txt|svclog)$/i,
    ],
  ] as const) {
    statuses.push(
      ...(await collectLogFolder(ctx, order, { winDir, bundleDir, kind: 'file', match, budget })),
    );
  }
  return statuses;
}

async function firstExisting(ctx: CollectContext, winPaths: string[]): Promise<string | null> {
  for (const p of winPaths) {
    try {
      await fsp.access(ctx.paths.local(p));
      return p;
    } catch {
      // try the next
    }
  }
  return null;
}
