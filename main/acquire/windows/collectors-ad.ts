// Second-stage collectors, which need another artifact first: the SCEP pool identity (from
// applicationHost.config) for the AD lookup and setspn, the CA (MSCEP\CAInfo\Configuration in
// registry/mscep.reg) for certutil, and the SCEP URL for the local probe.
import { promises as fsp } from 'node:fs';
import type { ArtifactStatus } from '../../../shared/model/manifest';
import { findKey, findValue, parseRegFile } from '../../../shared/parse/reg-file';
import { decodeText } from '../../../shared/parse/text-decode';
import type { CollectContext } from './collect-context';
import type { AppHostResult } from './collectors-iis';
import { certutilArgs, displayCommand, setspnArgs } from './commands';
import { psSpec } from './powershell';
import { runToArtifact } from './run-artifact';

const CA_INFO = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo';

/** What the probe returns: the HTTP exchanges (probe/mscep.json) and GetCACert bodies. */
export interface ProbeResult {
  exchanges: unknown[];
  p7b: { index: number; bytes: Uint8Array }[];
}
export type ProbeFn = (urls: string[], opts: { signal?: AbortSignal }) => Promise<ProbeResult>;

async function recordNot(
  ctx: CollectContext,
  order: number,
  rel: string,
  source: string,
  status: ArtifactStatus,
  error?: string,
): Promise<ArtifactStatus> {
  await ctx.record(order, {
    path: rel,
    kind: 'command',
    source,
    status,
    ...(error ? { error } : {}),
  });
  return status;
}

/** service-account.json and setspn-L.txt; `absent` for a built-in pool identity. */
export async function collectServiceAccount(
  ctx: CollectContext,
  order: number,
  app: AppHostResult,
  which: 'service-account' | 'setspn',
): Promise<ArtifactStatus> {
  const { limits } = ctx.settings;
  const rel = which === 'setspn' ? 'commands/setspn-L.txt' : 'commands/service-account.json';
  const account = app.layout?.serviceAccount ?? null;
  const shown = account ?? '<SCEP pool identity>';
  const source =
    which === 'setspn'
      ? displayCommand('setspn', setspnArgs(shown))
      : `([adsisearcher]"(sAMAccountName=${shown.split('\\').pop()})").FindOne().Properties | ConvertTo-Json (service-account.ps1)`;
  if (!app.layout)
    return recordNot(
      ctx,
      order,
      rel,
      source,
      app.status === 'absent' ? 'absent' : 'error',
      `SCEP pool identity unknown: ${app.why}`,
    );
  if (!app.layout.scep)
    return recordNot(ctx, order, rel, source, 'absent', 'no /CertSrv/mscep application in IIS');
  if (!account) {
    return recordNot(
      ctx,
      order,
      rel,
      source,
      'absent',
      `the SCEP pool runs as ${app.layout.identityType}`,
    );
  }
  if (which === 'setspn') {
    return runToArtifact(ctx, order, {
      path: rel,
      kind: 'command',
      source,
      spec: {
        tool: 'setspn.exe',
        args: setspnArgs(account),
        timeoutMs: limits.commandTimeoutMs,
        maxOutputBytes: limits.commandMaxBytes,
      },
      anyExitCode: true,
    });
  }
  return runToArtifact(ctx, order, {
    path: rel,
    kind: 'command',
    source,
    spec: psSpec(
      'service-account',
      { Account: account },
      { timeoutMs: limits.commandTimeoutMs, maxOutputBytes: limits.commandMaxBytes },
    ),
  });
}

/** The CA NDES submits to, from the collected MSCEP export. */
export async function caConfiguration(
  ctx: CollectContext,
): Promise<{ config: string } | { status: ArtifactStatus; why: string }> {
  const mscep = ctx.artifacts().find((a) => a.path === 'registry/mscep.reg');
  if (!mscep || mscep.status !== 'ok') {
    const status = mscep?.status === 'absent' ? 'absent' : 'error';
    return { status, why: `CA unknown: registry/mscep.reg is ${mscep?.status ?? 'missing'}` };
  }
  try {
    const bytes = await fsp.readFile(await ctx.file('registry/mscep.reg'));
    const reg = parseRegFile(decodeText(new Uint8Array(bytes)).text);
    const v = findValue(findKey(reg, CA_INFO), 'Configuration');
    if (v && v.data.type === 'REG_SZ' && v.data.value.trim())
      return { config: v.data.value.trim() };
    return { status: 'absent', why: 'MSCEP\\CAInfo has no Configuration value' };
  } catch (err) {
    return { status: 'error', why: `registry/mscep.reg: ${(err as Error).message}` };
  }
}

export async function collectCertutil(
  ctx: CollectContext,
  order: number,
  verb: '-ping' | '-CATemplates',
): Promise<ArtifactStatus> {
  const { limits } = ctx.settings;
  const rel = verb === '-ping' ? 'commands/certutil-ping.txt' : 'commands/certutil-catemplates.txt';
  const ca = await caConfiguration(ctx);
  if (!('config' in ca)) {
    return recordNot(
      ctx,
      order,
      rel,
      displayCommand('certutil', certutilArgs('<MSCEP\\CAInfo\\Configuration>', verb)),
      ca.status,
      ca.why,
    );
  }
  return runToArtifact(ctx, order, {
    path: rel,
    kind: 'command',
    source: displayCommand('certutil', certutilArgs(ca.config, verb)),
    spec: {
      tool: 'certutil.exe',
      args: certutilArgs(ca.config, verb),
      timeoutMs: limits.commandTimeoutMs,
      maxOutputBytes: limits.commandMaxBytes,
    },
    // certutil prints why it failed and exits with the HRESULT: both are the evidence.
    anyExitCode: true,
  });
}

/** probe/mscep.json and probe/getcacert-<n>.p7b from the SCEP probe against this server. */
export async function collectProbe(
  ctx: CollectContext,
  order: number,
  probe: ProbeFn | null,
  urls: string[],
  offReason: string,
): Promise<ArtifactStatus> {
  const rel = 'probe/mscep.json';
  const source = `NDES Doctor probe (User-Agent NDES-Doctor-Probe/1) ${urls.join(' ')}`.trim();
  const base = { path: rel, kind: 'probe', source };
  if (!probe) {
    await ctx.record(order, { ...base, status: 'skipped', error: offReason });
    return 'skipped';
  }
  if (urls.length === 0) {
    await ctx.record(order, {
      ...base,
      status: 'absent',
      error: 'no /CertSrv/mscep application with an http(s) binding',
    });
    return 'absent';
  }
  try {
    const result = await probe(urls, { signal: ctx.signal });
    await fsp.writeFile(
      await ctx.file(rel),
      `${JSON.stringify(result.exchanges, null, 2)}\n`,
      'utf8',
    );
    await ctx.record(order, { ...base, status: 'ok' });
    for (const p of result.p7b) {
      const file = `probe/getcacert-${p.index}.p7b`;
      await fsp.writeFile(await ctx.file(file), p.bytes);
      await ctx.record(order, { path: file, kind: 'probe', source: urls[0] ?? '', status: 'ok' });
    }
    return 'ok';
  } catch (err) {
    ctx.signal?.throwIfAborted();
    await ctx.record(order, {
      ...base,
      status: 'error',
      error: `probe failed: ${(err as Error).message}`,
    });
    return 'error';
  }
}
