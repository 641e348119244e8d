// Every collector of BUNDLE-FORMAT.md and the order they may run in: independent ones at once
// (processes bounded by the context), second-stage ones as soon as what they need is written
// (MSCEP\CAInfo → certutil, SCEP pool identity → AD lookup and setspn, HTTP\Parameters → HTTPERR).
import type { ArtifactStatus } from '../../../shared/model/manifest';
import { overall } from './collect-context';
import type { CollectContext } from './collect-context';
import {
  collectCertutil,
  collectProbe,
  collectServiceAccount,
  type ProbeFn,
} from './collectors-ad';
import {
  collectAppHost,
  collectConnectorLogs,
  collectHttpErr,
  collectIisLogs,
  collectWebConfigs,
} from './collectors-iis';
import type { AppHostResult } from './collectors-iis';
import {
  collectCertificates,
  collectEvents,
  collectJsonCommand,
  collectRegistry,
  collectSecedit,
  collectStdoutCommand,
  keyStateLookup,
} from './collectors-system';
import {
  EVENT_CHANNELS,
  eventFileName,
  JSON_COMMANDS,
  REGISTRY_KEYS,
  STDOUT_COMMANDS,
} from './commands';
import { readHostInfo, oemEncoding } from './host-info';
import type { HostInfo } from './host-info';
import { scepUrls } from './iis-layout';

/** Manifest order: registry, iis, certs, events, logs, commands, probe (as BUNDLE-FORMAT.md lists them). */
const ORDER = {
  registry: 0,
  appHost: 100,
  webConfigs: 101,
  iisLogs: 102,
  httpErr: 103,
  certs: 200,
  events: 300,
  logs: 400,
  json: 500,
  secedit: 550,
  stdout: 560,
  serviceAccount: 600,
  setspn: 601,
  certutilPing: 602,
  certutilTemplates: 603,
  probe: 700,
};

export interface CollectorsOptions {
  /** The SCEP probe; null when turned off. */
  probe: ProbeFn | null;
  /** Recorded as the probe's `skipped` reason when there is no probe. */
  probeOffReason: string;
}

/** Runs every collector into `ctx.root`. Throws only when cancelled. */
/**
 * Collectors that read another one's result (they run after it): a partial collection that asks
 * for one of them collects its prerequisites too.
 */
export const PREREQUISITES: Readonly<Record<string, readonly string[]>> = {
  'iis/web.config/': ['iis/applicationHost.config'],
  'iis/logs/': ['iis/applicationHost.config'],
  'commands/service-account.json': ['iis/applicationHost.config'],
  'commands/setspn-L.txt': ['iis/applicationHost.config'],
  'probe/': ['iis/applicationHost.config'],
  'iis/httperr/': ['registry/http-parameters.reg'],
  'commands/certutil-ping.txt': ['registry/mscep.reg'],
  'commands/certutil-catemplates.txt': ['registry/mscep.reg'],
};

/**
 * Which collector artifacts (task names, folders ending in `/`) a partial collection of these
 * bundle paths runs: those that write one of the paths, plus their prerequisites.
 */
export function artifactSelection(paths: readonly string[]): (artifact: string) => boolean {
  const covers = (artifact: string, p: string) =>
    p === artifact ||
    (artifact.endsWith('/') && p.startsWith(artifact)) ||
    (p.endsWith('/') && artifact.startsWith(p));
  const asked = (artifact: string) => paths.some((p) => covers(artifact, p));
  return (artifact) =>
    asked(artifact) ||
    Object.entries(PREREQUISITES).some(
      ([dependent, pre]) => pre.includes(artifact) && asked(dependent),
    );
}

export async function runCollectors(
  ctx: CollectContext,
  opts: CollectorsOptions,
): Promise<HostInfo> {
  const { limits } = ctx.settings;
  const tasks: Promise<unknown>[] = [];
  const add = <T>(p: Promise<T>): Promise<T> => {
    tasks.push(p);
    return p;
  };
  // Started on the next tick, so that every progress event carries the final total.
  const task = (artifact: string, fn: () => Promise<ArtifactStatus>): Promise<void> =>
    add(Promise.resolve().then(() => ctx.task(artifact, fn)));

  let host: HostInfo | undefined;
  const hostDone = task('manifest.json', async () => {
    host = await ctx.limit(() =>
      readHostInfo(ctx.exec, {
        timeoutMs: limits.commandTimeoutMs,
        now: ctx.startedAt,
        signal: ctx.signal,
      }),
    );
    ctx.oem = oemEncoding(host.oemCodePage);
    return host.error ? 'error' : 'ok';
  });

  const keyState = keyStateLookup(ctx);
  const registry = new Map<string, Promise<void>>();
  REGISTRY_KEYS.forEach((r, i) => {
    registry.set(
      r.name,
      task(`registry/${r.name}.reg`, () => collectRegistry(ctx, ORDER.registry + i, r, keyState)),
    );
  });

  let app: AppHostResult = { status: 'error', layout: null, why: 'not collected' };
  const appDone = task('iis/applicationHost.config', async () => {
    app = await collectAppHost(ctx, ORDER.appHost);
    return app.status;
  });
  const afterApp = (artifact: string, fn: () => Promise<ArtifactStatus>): void => {
    add(appDone.then(() => ctx.task(artifact, fn)));
  };
  afterApp('iis/web.config/', () => collectWebConfigs(ctx, ORDER.webConfigs, app.layout));
  afterApp('iis/logs/', async () => overall(await collectIisLogs(ctx, ORDER.iisLogs, app)));
  afterApp('commands/service-account.json', () =>
    collectServiceAccount(ctx, ORDER.serviceAccount, app, 'service-account'),
  );
  afterApp('commands/setspn-L.txt', () => collectServiceAccount(ctx, ORDER.setspn, app, 'setspn'));

  add(
    (registry.get('http-parameters') ?? Promise.resolve()).then(() =>
      ctx.task('iis/httperr/', async () => overall(await collectHttpErr(ctx, ORDER.httpErr))),
    ),
  );
  const mscep = registry.get('mscep') ?? Promise.resolve();
  add(
    mscep.then(() =>
      ctx.task('commands/certutil-ping.txt', () =>
        collectCertutil(ctx, ORDER.certutilPing, '-ping'),
      ),
    ),
  );
  add(
    mscep.then(() =>
      ctx.task('commands/certutil-catemplates.txt', () =>
        collectCertutil(ctx, ORDER.certutilTemplates, '-CATemplates'),
      ),
    ),
  );

  task('certs/', () => collectCertificates(ctx, ORDER.certs));
  EVENT_CHANNELS.forEach((channel, i) => {
    task(`events/${eventFileName(channel)}`, () => collectEvents(ctx, ORDER.events + i, channel));
  });
  task('logs/', async () => overall(await collectConnectorLogs(ctx, ORDER.logs)));
  JSON_COMMANDS.forEach((c, i) => task(c.path, () => collectJsonCommand(ctx, ORDER.json + i, c)));
  task('commands/secedit-user-rights.inf', () => collectSecedit(ctx, ORDER.secedit));
  STDOUT_COMMANDS.forEach((c, i) =>
    task(c.path, () => collectStdoutCommand(ctx, ORDER.stdout + i, c)),
  );

  add(
    Promise.all([hostDone, appDone]).then(() =>
      ctx.task('probe/', () => {
        const name = host?.dnsHostName ?? host?.computerName ?? 'localhost';
        const urls = app.layout ? scepUrls(app.layout, name) : [];
        return collectProbe(ctx, ORDER.probe, opts.probe, urls, opts.probeOffReason);
      }),
    ),
  );

  ctx.total = tasks.length;
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return host ?? { computerName: 'UNKNOWN', elevated: null };
}
