// A stand-in for the Windows programs the live collector runs (reg, wevtutil, powershell, netsh,
// certutil, secedit, setspn, appcmd). Each stand-in is a tiny script that calls main(tool, dataDir):
// it checks its argv the way the real tool would need it, then prints (or writes) the bytes a real
// host produced, taken from a fixture bundle in <dataDir>/fixture. <dataDir>/scenario.json can make
// one invocation hang, fail, flood stdout or print given bytes; every call is logged to calls.jsonl.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Buffer } = require('node:buffer');
const { setTimeout } = require('node:timers');
const { spawn } = require('node:child_process');

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

function fail(code, message) {
  process.stderr.write(`${message}\r\n`);
  process.exit(code);
}

/** Applies a scenario behaviour; returns true when it handled the call. */
function behave(b, dataDir) {
  if (!b) return false;
  if (b.hang) {
    // A child that would outlive a naive kill, holding stdout open.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    fs.writeFileSync(path.join(dataDir, 'hang-child.pid'), String(child.pid));
    setTimeout(() => {}, 1e9);
    return true;
  }
  if (b.flood) {
    const block = Buffer.alloc(1024 * 1024, 0x41);
    let left = b.flood;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, block.length);
        left -= n;
        if (!process.stdout.write(block.subarray(0, n))) return process.stdout.once('drain', pump);
      }
      process.exitCode = 0;
    };
    pump();
    return true;
  }
  if (b.stdoutHex !== undefined) process.stdout.write(Buffer.from(b.stdoutHex, 'hex'));
  if (b.stderr !== undefined) process.stderr.write(b.stderr);
  process.exitCode = b.exit ?? 0;
  return true;
}

function fixtureEntry(manifest, rel) {
  return manifest.artifacts.find((a) => a.path.toLowerCase() === rel.toLowerCase());
}

/** Prints (or writes to `dest`) a fixture artifact with the outcome the fixture recorded. */
function replay(ctx, rel, opts = {}) {
  const a = fixtureEntry(ctx.manifest, rel);
  if (!a) fail(2, `stand-in: no fixture artifact ${rel}`);
  if (a.status === 'absent') fail(opts.absentExit ?? 1, opts.absentMessage ?? 'Not found.');
  if (a.status !== 'ok') fail(a.exitCode ?? 1, a.error ?? 'failed');
  const bytes = fs.readFileSync(path.join(ctx.fixture, ...a.path.split('/')));
  if (opts.dest) fs.writeFileSync(opts.dest, bytes);
  else process.stdout.write(bytes);
  if (opts.dest && opts.done) process.stdout.write(opts.done);
  process.exitCode = a.exitCode ?? 0;
}

/** The parameter lines the collector puts before the common prelude. */
function psParams(script) {
  const params = {};
  const head = script.slice(0, script.indexOf('# ndes-doctor-script: common'));
  for (const line of head.split(/\r?\n/)) {
    const m = /^\$(\w+) = (.*)$/.exec(line);
    if (!m) continue;
    const lit = (s) => s.slice(1, -1).replace(/''/g, "'");
    const v = m[2];
    params[m[1]] = v.startsWith('@(')
      ? (v.slice(2, -1).match(/'(?:[^']|'')*'/g) || []).map(lit)
      : lit(v);
  }
  return params;
}

const PS_PREFIX = [
  '-NoProfile',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
  '-EncodedCommand',
];

function powershell(ctx, argv) {
  if (argv.length !== 6 || PS_PREFIX.some((a, i) => argv[i] !== a))
    fail(64, 'stand-in: bad powershell arguments');
  const script = Buffer.from(argv[5], 'base64').toString('utf16le');
  const names = [...script.matchAll(/^# ndes-doctor-script: (\S+)/gm)].map((m) => m[1]);
  const name = names.find((n) => n !== 'common');
  if (!names.includes('common') || !name) fail(64, 'stand-in: script without the common prelude');
  const params = psParams(script);
  ctx.log({ script: name, params });
  if (behave(ctx.scenario[`powershell.exe:${name}`], ctx.dataDir)) return;
  const m = ctx.manifest;
  if (name === 'host-info') {
    const info = {
      ComputerName: m.host.computerName,
      DnsHostName: m.host.dnsHostName,
      Domain: m.host.domain,
      PartOfDomain: true,
      Elevated: m.collector.elevated,
      UserName: 'CORP\\admin',
      Culture: m.collector.culture,
      TimeZone: m.collector.timeZone,
      UtcOffsetMinutes: m.collector.utcOffsetMinutes,
      OemCodePage: 437,
      PowerShellVersion: '5.1.20348.2849',
    };
    return process.stdout.write(`\ufeff${JSON.stringify(info, null, 4)}\r\n`);
  }
  if (name === 'registry-keys') {
    const state = {};
    for (const key of params.Keys) {
      const a = m.artifacts.find(
        (x) => x.kind === 'registry' && x.source.startsWith(`reg export ${key} `),
      );
      state[key] = !a
        ? 'error: unknown key'
        : a.status === 'ok'
          ? 'present'
          : a.status === 'absent'
            ? 'absent'
            : 'denied';
    }
    return process.stdout.write(`\ufeff${JSON.stringify(state, null, 4)}\r\n`);
  }
  if (name === 'certificates') {
    for (const a of m.artifacts) {
      if (!a.path.startsWith('certs/LocalMachine/') || a.status !== 'ok') continue;
      const dest = path.join(params.OutDir, ...a.path.split('/').slice(1));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(ctx.fixture, ...a.path.split('/')), dest);
    }
    return replay(ctx, 'certs/index.json');
  }
  if (name === 'relaunch-elevated') return;
  replay(ctx, `commands/${name}.json`);
}

function main(tool, dataDir) {
  const argv = process.argv.slice(2);
  const fixture = path.join(dataDir, 'fixture');
  const ctx = {
    dataDir,
    fixture,
    manifest: readJson(path.join(fixture, 'manifest.json'), { artifacts: [] }),
    scenario: readJson(path.join(dataDir, 'scenario.json'), {}),
    log: (extra) =>
      fs.appendFileSync(
        path.join(dataDir, 'calls.jsonl'),
        `${JSON.stringify({ tool, argv, ...extra })}\n`,
      ),
  };
  if (tool === 'powershell.exe') return powershell(ctx, argv);
  ctx.log({});
  const key = {
    'reg.exe': () => `reg.exe:${argv[1]}`,
    'wevtutil.exe': () => `wevtutil.exe:${argv[1]}`,
    'certutil.exe': () => `certutil.exe:${argv[2]}`,
    'appcmd.exe': () => `appcmd.exe:${argv[1]}`,
  }[tool];
  if (behave(ctx.scenario[key ? key() : tool], dataDir)) return;
  switch (tool) {
    case 'reg.exe': {
      if (argv[0] !== 'export' || argv[3] !== '/y' || argv.length !== 4)
        fail(1, 'ERROR: Invalid syntax.');
      const a = ctx.manifest.artifacts.find(
        (x) => x.kind === 'registry' && x.source.startsWith(`reg export ${argv[1]} `),
      );
      if (!a) fail(1, 'ERROR: The system was unable to find the specified registry key or value.');
      return replay(ctx, a.path, {
        dest: argv[2],
        done: 'The operation completed successfully.\r\n\r\n',
        absentMessage: 'ERROR: The system was unable to find the specified registry key or value.',
      });
    }
    case 'wevtutil.exe': {
      if (argv[0] !== 'qe' || argv[2] !== '/f:RenderedXml' || argv[3] !== '/rd:true')
        fail(87, 'The parameter is incorrect.');
      return replay(ctx, `events/${argv[1].replace(/\//g, '%4')}.xml`, {
        absentExit: 15007,
        absentMessage: 'Failed to read events. The specified channel could not be found.',
      });
    }
    case 'netsh.exe':
      return replay(ctx, 'commands/netsh-http-show-sslcert.txt');
    case 'appcmd.exe':
      return replay(ctx, `commands/appcmd-list-${argv[1]}.xml`);
    case 'certutil.exe': {
      const file = argv[2] === '-ping' ? 'certutil-ping.txt' : 'certutil-catemplates.txt';
      const a = fixtureEntry(ctx.manifest, `commands/${file}`);
      if (argv[0] !== '-config' || !a || !a.source.includes(`"${argv[1]}"`))
        fail(1, 'CertUtil: bad -config');
      return replay(ctx, `commands/${file}`);
    }
    case 'setspn.exe':
      return replay(ctx, 'commands/setspn-L.txt');
    case 'secedit.exe':
      if (argv[0] !== '/export' || argv[3] !== '/cfg' || argv.length !== 5)
        fail(1, 'The parameter is incorrect.');
      return replay(ctx, 'commands/secedit-user-rights.inf', {
        dest: argv[4],
        done: 'The task has completed successfully.\r\n',
      });
    default:
      fail(9009, `stand-in: unknown tool ${tool}`);
  }
}

module.exports = { main };
