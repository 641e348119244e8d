// Stand-ins for the Windows programs a fix starts (reg, appcmd, certutil, secedit, iisreset,
// powershell): small node scripts that log each call, decode PowerShell's -EncodedCommand, write
// the files a backup command would write, and follow scenario rules (exit code, output, hang).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixToolMap } from '../../../main/fix/executor';
import { Executor, TOOL_NAMES } from '../../../main/acquire/windows/executor';
import type { ToolMap } from '../../../main/acquire/windows/executor';
import type { FixIo } from '../../../main/fix/cli-fix';

/** One scenario rule: the first rule whose tool and `match` (substring of the call) fit wins. */
export interface StandinRule {
  tool: string;
  /** Matched against the arguments joined by spaces, or a script's name and parameters. */
  match?: string;
  exit?: number;
  stdout?: string;
  stderr?: string;
  /** Print stdout, then never exit (a child holds the pipe too). */
  hang?: boolean;
}

export interface Call {
  tool: string;
  args: string[];
  /** For powershell: the script name (`fix/<name>`) and its parameter lines. */
  script?: string;
  params?: Record<string, string>;
}

const BODY = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const [dataDir, tool] = [DATA_DIR, TOOL];
const args = process.argv.slice(2);
const call = { tool, args };
let text = args.join(' ');
if (tool === 'powershell.exe') {
  const i = args.indexOf('-EncodedCommand');
  const script = Buffer.from(args[i + 1] || '', 'base64').toString('utf16le');
  const m = /# ndes-doctor-script: (fix\/[a-z-]+)\s*$/m.exec(script.split('# ndes-doctor-script: fix/common')[1] || '');
  call.script = m ? m[1] : null;
  call.params = {};
  for (const line of script.split('# ndes-doctor-script: fix/common')[0].split(/\r?\n/)) {
    const p = /^\$(\w+) = (.*)$/.exec(line);
    if (p) call.params[p[1]] = p[2];
  }
  text = call.script + ' ' + Object.entries(call.params).map(([k, v]) => k + '=' + v).join(' ');
  // Backup scripts write their file; request-ra-certificate writes the new thumbprint.
  for (const k of ['Out']) {
    if (call.params[k]) fs.writeFileSync(call.params[k].slice(1, -1).replace(/''/g, "'"), 'saved by ' + call.script + '\r\n');
  }
}
fs.appendFileSync(path.join(dataDir, 'calls.jsonl'), JSON.stringify(call) + '\n');
// reg export, certutil -store and secedit /export write the file named in their arguments.
const out =
  tool === 'reg.exe' && args[0] === 'export' ? args[2] :
  tool === 'certutil.exe' && args[0] === '-store' ? args[3] :
  tool === 'secedit.exe' && args[0] === '/export' ? args[args.indexOf('/cfg') + 1] : null;
const rules = JSON.parse(fs.readFileSync(path.join(dataDir, 'scenario.json'), 'utf8'));
const rule = rules.find((r) => r.tool === tool && (!r.match || text.includes(r.match)));
if (rule && rule.hang) {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.writeFileSync(path.join(dataDir, 'hang-' + c.pid + '.pid'), String(c.pid));
  process.stdout.write(rule.stdout || 'working...\r\n');
  setTimeout(() => {}, 1e9);
} else {
  if (out && !(rule && rule.exit)) fs.writeFileSync(out, 'backup by ' + tool + '\r\n');
  process.stdout.write(rule && rule.stdout !== undefined ? rule.stdout : 'The operation completed successfully.\r\n');
  if (rule && rule.stderr) process.stderr.write(rule.stderr);
  process.exitCode = rule && rule.exit !== undefined ? rule.exit : 0;
}
`;

export const FIX_TOOLS = [
  'reg.exe',
  'appcmd.exe',
  'certutil.exe',
  'secedit.exe',
  'iisreset.exe',
  'powershell.exe',
] as const;

export class Standins {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'ndes-fix-standin-'));
  readonly tools: FixToolMap;

  constructor() {
    const entries = FIX_TOOLS.map((t) => {
      const file = path.join(this.dir, t.replace('.exe', ''));
      const body = BODY.replace('DATA_DIR', JSON.stringify(this.dir)).replace(
        'TOOL',
        JSON.stringify(t),
      );
      writeFileSync(file, `#!/usr/bin/env node\n${body}`);
      chmodSync(file, 0o755);
      return [t, file];
    });
    this.tools = Object.fromEntries(entries) as FixToolMap;
    this.scenario([]);
  }

  /**
   * A Windows host made of these stand-ins: elevated, real processes, and a fresh collection that
   * returns the bundle `after` (the paths asked for are pushed onto `collected`).
   */
  windowsIo(after: string, collected: string[][] = []): Partial<FixIo> {
    return {
      platform: 'win32',
      isElevated: async () => true,
      exec: new Executor(
        Object.fromEntries(TOOL_NAMES.map((t) => [t, '/bin/false'])) as ToolMap,
        'linux',
      ),
      tools: this.tools,
      collect: async (paths) => {
        collected.push([...paths]);
        return after;
      },
    };
  }

  scenario(rules: StandinRule[]): void {
    writeFileSync(path.join(this.dir, 'scenario.json'), JSON.stringify(rules));
    writeFileSync(path.join(this.dir, 'calls.jsonl'), '');
  }

  calls(): Call[] {
    return readFileSync(path.join(this.dir, 'calls.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Call);
  }

  /** Calls as short text: `reg.exe add …` or `powershell fix/<name>`. */
  callText(): string[] {
    return this.calls().map((c) =>
      c.script ? `powershell ${c.script}` : `${c.tool} ${c.args.join(' ')}`,
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
