// Collectors that need nothing from other artifacts: registry exports, event channels, the
// PowerShell JSON commands, appcmd/netsh output, secedit and the certificate stores.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ArtifactStatus } from '../../../shared/model/manifest';
import type { CollectContext } from './collect-context';
import type { JSON_COMMANDS, STDOUT_COMMANDS } from './commands';
import {
  displayCommand,
  EVT_CHANNEL_NOT_FOUND,
  eventFileName,
  REG_EXPORT_FAILED,
  REGISTRY_KEYS,
  regExportArgs,
  seceditArgs,
  wevtutilArgs,
} from './commands';
import { psSpec } from './powershell';
import { cancelled, runToArtifact } from './run-artifact';

type KeyState = 'present' | 'absent' | 'denied' | string;

/**
 * One registry-keys.ps1 run for every key, started by the first export that fails: reg.exe exits
 * 1 for a missing and for an unreadable key alike, and only its localized message differs.
 */
export function keyStateLookup(ctx: CollectContext): (key: string) => Promise<KeyState | null> {
  let states: Promise<Record<string, KeyState> | null> | undefined;
  return async (key) => {
    states ??= ctx
      .run(
        psSpec(
          'registry-keys',
          { Keys: REGISTRY_KEYS.map((k) => k.key) },
          { timeoutMs: ctx.settings.limits.commandTimeoutMs, maxOutputBytes: 1024 * 1024 },
        ),
      )
      .then((r) => (r.exitCode === 0 ? parseJson<Record<string, KeyState>>(r.stdout) : null));
    return (await states)?.[key] ?? null;
  };
}

export function parseJson<T>(bytes: Uint8Array): T | null {
  try {
    return JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')) as T;
  } catch {
    return null;
  }
}

export async function collectRegistry(
  ctx: CollectContext,
  order: number,
  r: (typeof REGISTRY_KEYS)[number],
  keyState: (key: string) => Promise<KeyState | null>,
): Promise<ArtifactStatus> {
  const rel = `registry/${r.name}.reg`;
  const file = await ctx.file(rel);
  return runToArtifact(ctx, order, {
    path: rel,
    kind: 'registry',
    source: displayCommand('reg export', [r.key, `${r.name}.reg`, '/y']),
    spec: {
      tool: 'reg.exe',
      args: regExportArgs(r.key, file),
      timeoutMs: ctx.settings.limits.commandTimeoutMs,
      maxOutputBytes: 1024 * 1024,
    },
    writesFile: true,
    absent: async (res) =>
      ctx.exec.exitIs(res.exitCode, REG_EXPORT_FAILED) && (await keyState(r.key)) === 'absent',
    explain: async (res) => {
      const state = await keyState(r.key);
      const why = ctx.failure(res, 'reg.exe');
      return state === 'present' || state === 'denied'
        ? `${why} (the key exists but cannot be read)`
        : why;
    },
  });
}

export function collectEvents(
  ctx: CollectContext,
  order: number,
  channel: string,
): Promise<ArtifactStatus> {
  const { limits, days } = ctx.settings;
  const args = wevtutilArgs(channel, days, limits.eventCount);
  return runToArtifact(ctx, order, {
    path: `events/${eventFileName(channel)}`,
    kind: 'events',
    source: displayCommand('wevtutil', args),
    spec: {
      tool: 'wevtutil.exe',
      args,
      timeoutMs: limits.eventsTimeoutMs,
      maxOutputBytes: limits.eventsMaxBytes,
    },
    absent: (res) => ctx.exec.exitIs(res.exitCode, EVT_CHANNEL_NOT_FOUND),
  });
}

export function collectJsonCommand(
  ctx: CollectContext,
  order: number,
  c: (typeof JSON_COMMANDS)[number],
): Promise<ArtifactStatus> {
  const { limits } = ctx.settings;
  return runToArtifact(ctx, order, {
    path: c.path,
    kind: 'command',
    source: c.source,
    spec: psSpec(
      c.script,
      {},
      {
        timeoutMs: limits.commandTimeoutMs,
        maxOutputBytes: limits.commandMaxBytes,
      },
    ),
  });
}

export function collectStdoutCommand(
  ctx: CollectContext,
  order: number,
  c: (typeof STDOUT_COMMANDS)[number],
): Promise<ArtifactStatus> {
  const { limits } = ctx.settings;
  const program =
    c.tool === 'appcmd.exe'
      ? '%windir%\\system32\\inetsrv\\appcmd.exe'
      : c.tool.replace(/\.exe$/, '');
  return runToArtifact(ctx, order, {
    path: c.path,
    kind: 'command',
    source: displayCommand(program, c.args),
    spec: {
      tool: c.tool,
      args: c.args,
      timeoutMs: limits.commandTimeoutMs,
      maxOutputBytes: limits.commandMaxBytes,
    },
  });
}

export async function collectSecedit(ctx: CollectContext, order: number): Promise<ArtifactStatus> {
  const rel = 'commands/secedit-user-rights.inf';
  const file = await ctx.file(rel);
  return runToArtifact(ctx, order, {
    path: rel,
    kind: 'command',
    source: displayCommand('secedit', seceditArgs('secedit-user-rights.inf')),
    spec: {
      tool: 'secedit.exe',
      args: seceditArgs(file),
      timeoutMs: ctx.settings.limits.commandTimeoutMs,
      maxOutputBytes: 1024 * 1024,
    },
    writesFile: true,
  });
}

/** certs/: certificates.ps1 writes the DER files and prints index.json. */
export async function collectCertificates(
  ctx: CollectContext,
  order: number,
): Promise<ArtifactStatus> {
  const { limits } = ctx.settings;
  const outDir = path.dirname(await ctx.file('certs/index.json'));
  const status = await runToArtifact(ctx, order, {
    path: 'certs/index.json',
    kind: 'command',
    source:
      'Get-ChildItem Cert:\\LocalMachine\\My, Cert:\\LocalMachine\\Root, Cert:\\LocalMachine\\CA | … | ConvertTo-Json -Depth 4 (certificates.ps1)',
    spec: psSpec(
      'certificates',
      { OutDir: outDir },
      {
        timeoutMs: limits.commandTimeoutMs,
        maxOutputBytes: limits.commandMaxBytes,
      },
    ),
  });
  if (ctx.signal?.aborted) throw cancelled(ctx);
  const statuses: ArtifactStatus[] = [status];
  for (const store of await listDir(path.join(outDir, 'LocalMachine'))) {
    for (const name of await listDir(path.join(outDir, 'LocalMachine', store))) {
      if (!/\.cer$/i.test(name)) continue;
      await ctx.record(order, {
        path: `certs/LocalMachine/${store}/${name}`,
        kind: 'certificate',
        source: `Cert:\\LocalMachine\\${store}\\${name.replace(/\.cer$/i, '')}`,
        status: 'ok',
      });
      statuses.push('ok');
    }
  }
  return status === 'ok' ? 'ok' : statuses.length > 1 ? 'error' : status;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).sort();
  } catch {
    return [];
  }
}
