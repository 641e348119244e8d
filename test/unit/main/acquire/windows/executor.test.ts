// The executor against real processes (small node scripts with a shebang): exit codes, stderr,
// timeouts that kill the whole tree, output caps with bounded memory, raw bytes, a missing program,
// cancellation, and arguments passed verbatim (no shell).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultToolMap, Executor, TOOL_NAMES } from '../../../../../main/acquire/windows/executor';
import type { ToolMap } from '../../../../../main/acquire/windows/executor';
import { alive } from '../../../../helpers/processes';

const dir = mkdtempSync(path.join(tmpdir(), 'ndes-exec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MB = 1024 * 1024;

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

let tools: ToolMap;
let exec: Executor;
const prog: Record<string, string> = {};

beforeAll(() => {
  prog.echoArgs = script(
    'echo-args',
    'process.stdout.write(JSON.stringify(process.argv.slice(2)));',
  );
  prog.fail = script(
    'fail',
    "process.stdout.write('partial'); process.stderr.write('ERROR: Access is denied.\\r\\n'); process.exit(5);",
  );
  prog.hang = script(
    'hang',
    [
      "const { spawn } = require('node:child_process');",
      "const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], { stdio: ['ignore', 'inherit', 'inherit'] });",
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'grandchild.pid'))}, String(c.pid));`,
      "process.stdout.write('started\\n');",
      'setTimeout(() => {}, 1e9);',
    ].join('\n'),
  );
  prog.flood = script(
    'flood',
    [
      'const block = Buffer.alloc(1024 * 1024, 0x42); let left = 200;',
      'const pump = () => { while (left > 0) { left--; if (!process.stdout.write(block)) return process.stdout.once("drain", pump); } };',
      'pump();',
    ].join('\n'),
  );
  prog.bytes = script(
    'bytes',
    // "Zertifikathash" and "Anwendungs-ID" as German netsh prints them in CP850, plus bytes that
    // are not UTF-8 at all.
    "process.stdout.write(Buffer.from('5a657274696669b46174686173682020203a20810d0aff fe 00 e1 84'.replace(/ /g, ''), 'hex'));",
  );
  tools = Object.fromEntries(TOOL_NAMES.map((t) => [t, prog.echoArgs])) as ToolMap;
  tools['netsh.exe'] = prog.bytes!;
  exec = new Executor(tools, 'linux');
});

const base = { timeoutMs: 20_000, maxOutputBytes: 16 * MB };

describe('Executor.run', () => {
  it('passes arguments verbatim, without a shell', async () => {
    const args = [
      'export',
      'HKLM\\SOFTWARE\\A B',
      'C:\\out dir\\x.reg',
      '/y',
      '&',
      '|',
      '>nul',
      '"q"',
      '%PATH%',
      '$(id)',
    ];
    const r = await exec.run({ ...base, tool: 'reg.exe', args });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(r.stdout))).toEqual(args);
    expect(r.error).toBeNull();
  });

  it('records a non-zero exit code and keeps stderr and stdout', async () => {
    const r = await exec.run({ ...base, tool: { path: prog.fail! }, args: [] });
    expect(r.exitCode).toBe(5);
    expect(new TextDecoder().decode(r.stderr)).toBe('ERROR: Access is denied.\r\n');
    expect(new TextDecoder().decode(r.stdout)).toBe('partial');
    expect(r.error).toBeNull();
    expect(r.timedOut).toBe(false);
  });

  it('kills the process and its children on timeout', async () => {
    const started = Date.now();
    const r = await exec.run({ ...base, tool: { path: prog.hang! }, args: [], timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.error).toBe('hang timed out after 2 s');
    expect(new TextDecoder().decode(r.stdout)).toBe('started\n');
    expect(Date.now() - started).toBeLessThan(8000);
    const grandchild = Number(readFileSync(path.join(dir, 'grandchild.pid'), 'utf8'));
    await new Promise((res) => setTimeout(res, 200));
    expect(alive(grandchild)).toBe(false);
  });

  it('caps a 200 MB output in memory and stops the process', async () => {
    const before = process.memoryUsage();
    const r = await exec.run({
      ...base,
      tool: { path: prog.flood! },
      args: [],
      maxOutputBytes: 4 * MB,
    });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(4 * MB);
    expect(r.stdoutBytes).toBe(4 * MB);
    expect(r.exitCode).toBeNull();
    expect(r.error).toBe(`flood printed more than ${4 * MB} bytes: output capped`);
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * MB);
  });

  it('streams a 200 MB output to a file with bounded memory', async () => {
    const file = path.join(dir, 'flood.out');
    let peak = 0;
    const base0 = process.memoryUsage();
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.arrayBuffers - base0.arrayBuffers, m.heapUsed - base0.heapUsed);
    }, 20);
    const r = await exec.run({
      ...base,
      tool: { path: prog.flood! },
      args: [],
      maxOutputBytes: 256 * MB,
      stdoutTo: file,
    });
    clearInterval(timer);
    expect(r.exitCode).toBe(0);
    expect(r.truncated).toBe(false);
    expect(r.stdout.length).toBe(0);
    expect(r.stdoutBytes).toBe(200 * MB);
    expect(statSync(file).size).toBe(200 * MB);
    expect(peak).toBeLessThan(100 * MB);
  });

  it('caps an output streamed to a file at exactly the cap', async () => {
    const file = path.join(dir, 'capped.out');
    const r = await exec.run({
      ...base,
      tool: { path: prog.flood! },
      args: [],
      maxOutputBytes: 3 * MB + 5,
      stdoutTo: file,
    });
    expect(r.truncated).toBe(true);
    expect(statSync(file).size).toBe(3 * MB + 5);
  });

  it('keeps non-UTF-8 output byte for byte', async () => {
    const r = await exec.run({ ...base, tool: 'netsh.exe', args: ['http', 'show', 'sslcert'] });
    expect(Buffer.from(r.stdout).toString('hex')).toBe(
      '5a657274696669b46174686173682020203a20810d0afffe00e184',
    );
  });

  it('reports a missing program by name, without throwing', async () => {
    const missing = new Executor(
      { ...tools, 'setspn.exe': path.join(dir, 'no-such', 'setspn.exe') },
      'linux',
    );
    const r = await missing.run({ ...base, tool: 'setspn.exe', args: ['-L', 'CORP\\svc-ndes'] });
    expect(r.exitCode).toBeNull();
    expect(r.error).toBe(`setspn.exe not found (${path.join(dir, 'no-such', 'setspn.exe')})`);
  });

  it('stops on cancellation and says so', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await exec.run({ ...base, tool: { path: prog.hang! }, args: [] }, ac.signal);
    expect(r.cancelled).toBe(true);
    expect(r.error).toBe('cancelled');
    const already = await exec.run({ ...base, tool: 'reg.exe', args: [] }, ac.signal);
    expect(already.cancelled).toBe(true);
  });

  it('matches Win32 exit codes in full on Windows and by the low byte elsewhere', () => {
    expect(new Executor(tools, 'win32').exitIs(15007, 15007)).toBe(true);
    expect(new Executor(tools, 'win32').exitIs(159, 15007)).toBe(false);
    expect(new Executor(tools, 'linux').exitIs(159, 15007)).toBe(true);
    expect(exec.exitIs(null, 15007)).toBe(false);
  });
});

describe('defaultToolMap', () => {
  it('points at the real tools under %SystemRoot%\\System32', () => {
    const map = defaultToolMap({ SystemRoot: 'D:\\Windows' });
    expect(map['reg.exe']).toBe('D:\\Windows\\System32\\reg.exe');
    expect(map['powershell.exe']).toBe(
      'D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(map['appcmd.exe']).toBe('D:\\Windows\\System32\\inetsrv\\appcmd.exe');
    expect(map['taskkill.exe']).toBe('D:\\Windows\\System32\\taskkill.exe');
    expect(Object.keys(map).sort()).toEqual([...TOOL_NAMES].sort());
  });
});
