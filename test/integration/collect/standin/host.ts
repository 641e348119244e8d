// A test host made of real processes: the Windows tools are stand-in scripts (tool.cjs) replaying a
// fixture bundle, and the host's files (applicationHost.config, IIS and HTTPERR logs, web.config,
// connector logs) sit under a folder that mappedHostPaths presents as C:\. Collecting from it must
// give back the fixture.
import { chmodSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../../../shared/model/manifest';
import { TOOL_NAMES } from '../../../../main/acquire/windows/executor';
import type { ToolMap } from '../../../../main/acquire/windows/executor';
import { mappedHostPaths } from '../../../../main/acquire/windows/host-paths';
import type { HostEnv, HostPaths } from '../../../../main/acquire/windows/host-paths';
import type { ProbeFn } from '../../../../main/acquire/windows/cli-collect';
import { bundleFiles } from '../../../fixtures/lib/write-bundle';
import type { HostSpec } from '../../../fixtures/lib/spec';

export const TEST_ENV: HostEnv = {
  SystemRoot: 'C:\\Windows',
  windir: 'C:\\Windows',
  SystemDrive: 'C:',
  ProgramFiles: 'C:\\Program Files',
  ProgramData: 'C:\\ProgramData',
};

/** What a scenario can make one stand-in call do (see tool.cjs). */
export type Behavior =
  { hang: true } | { flood: number } | { exit?: number; stderr?: string; stdoutHex?: string };

export interface Call {
  tool: string;
  argv: string[];
  script?: string;
  params?: Record<string, string | string[]>;
}

export interface StandinHost {
  root: string;
  dataDir: string;
  fixtureDir: string;
  manifest: Manifest;
  tools: ToolMap;
  paths: HostPaths;
  now: () => Date;
  probe: ProbeFn;
  /** Keys: `reg.exe:<key>`, `wevtutil.exe:<channel>`, `powershell.exe:<script>`, `netsh.exe`, … */
  scenario(s: Record<string, Behavior>): void;
  calls(): Call[];
}

const TOOL_IMPL = path.join(__dirname, 'tool.cjs');

/** Last write of an IIS daily log: the end of its UTC day, or collection time for today's. */
function logMtime(name: string, collectedAt: number): number {
  const m = /ex(\d{2})(\d{2})(\d{2})/i.exec(name);
  if (!m) return collectedAt - 60_000;
  const end = Date.UTC(2000 + Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  return Math.min(end, collectedAt - 60_000);
}

const roots: string[] = [];

/** Removes every stand-in host this test file made (each holds a fixture and its bundles). */
export function removeStandinHosts(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

/** `collectLive`'s options for a stand-in host (all but `out`): its tools, paths, clock and probe. */
export function liveOf(host: StandinHost): {
  tools: ToolMap;
  paths: HostPaths;
  platform: 'linux';
  now: () => Date;
  probe: ProbeFn;
} {
  return {
    tools: host.tools,
    paths: host.paths,
    platform: 'linux',
    now: host.now,
    probe: host.probe,
  };
}

export async function makeStandinHost(spec: HostSpec): Promise<StandinHost> {
  const root = await mkdtemp(path.join(tmpdir(), 'ndes-standin-'));
  roots.push(root);
  const dataDir = path.join(root, 'data');
  const fixtureDir = path.join(dataDir, 'fixture');
  const files = await bundleFiles(spec);
  for (const [rel, bytes] of files) {
    const file = path.join(fixtureDir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  const manifest = JSON.parse(
    readFileSync(path.join(fixtureDir, 'manifest.json'), 'utf8'),
  ) as Manifest;

  const toolDir = path.join(root, 'tools');
  mkdirSync(toolDir, { recursive: true });
  const tools = {} as ToolMap;
  for (const name of TOOL_NAMES) {
    const file = path.join(toolDir, name);
    writeFileSync(
      file,
      `#!/usr/bin/env node\nrequire(${JSON.stringify(TOOL_IMPL)}).main(${JSON.stringify(name)}, ${JSON.stringify(dataDir)});\n`,
    );
    chmodSync(file, 0o755);
    tools[name] = file;
  }

  const paths = mappedHostPaths(path.join(root, 'host'), TEST_ENV);
  const collectedAt = Date.parse(manifest.collectedAt);
  for (const a of manifest.artifacts) {
    if (!['file', 'iis-log', 'httperr-log'].includes(a.kind) || a.status !== 'ok' || !a.source)
      continue;
    const local = paths.local(a.source);
    mkdirSync(path.dirname(local), { recursive: true });
    writeFileSync(local, files.get(a.path) ?? new Uint8Array(0));
    const t = new Date(logMtime(path.basename(local), collectedAt));
    utimesSync(local, t, t);
  }

  const probe: ProbeFn = async (urls) => {
    const exchanges = JSON.parse(
      readFileSync(path.join(fixtureDir, 'probe', 'mscep.json'), 'utf8'),
    ) as unknown[];
    const p7b = [...files.keys()]
      .map((k) => /^probe\/getcacert-(\d+)\.p7b$/.exec(k))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ index: Number(m[1]), bytes: files.get(m[0])! }));
    writeFileSync(path.join(dataDir, 'probe-urls.json'), JSON.stringify(urls));
    return { exchanges, p7b };
  };

  return {
    root,
    dataDir,
    fixtureDir,
    manifest,
    tools,
    paths,
    now: () => new Date(manifest.collectedAt),
    probe,
    scenario: (s) => writeFileSync(path.join(dataDir, 'scenario.json'), JSON.stringify(s)),
    calls: () => {
      try {
        return readFileSync(path.join(dataDir, 'calls.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Call);
      } catch {
        return [];
      }
    },
  };
}
