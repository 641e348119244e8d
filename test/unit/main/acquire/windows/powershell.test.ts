// The collector's PowerShell: every script is plain ASCII for Windows PowerShell 5.1, read-only,
// fits the command line once encoded, and gets its parameters as inert literals.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  compactScript,
  composeScript,
  decodeCommand,
  encodeCommand,
  MAX_COMMAND_LINE,
  powershellArgs,
  psErrorText,
  psLiteral,
  SCRIPTS,
} from '../../../../../main/acquire/windows/powershell';
import type { ScriptName } from '../../../../../main/acquire/windows/powershell';
import { REPO } from '../../../../helpers/paths';

const DIR = path.join(REPO, 'main', 'acquire', 'windows', 'scripts');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ps1'));
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** Verbs that change a system or ask a question; none belongs in a read-only collector. */
const FORBIDDEN = [
  /\bInstall-/i,
  /\bSet-/i,
  /\bNew-/i,
  /\bRemove-/i,
  /\bRead-Host\b/i,
  /\bAdd-/i,
  /\bStop-/i,
  /\bRestart-/i,
  /\bEnable-/i,
  /\bDisable-/i,
  /\bInvoke-Expression\b|\biex\b/i,
  /\.Export\(|Export-PfxCertificate|\.pfx\b/i,
  /Out-File|Set-Content/i,
];

describe('scripts/*.ps1', () => {
  it('are all embedded, and the embedded text is the file', () => {
    expect(Object.keys(SCRIPTS).sort()).toEqual(files.map((f) => f.replace(/\.ps1$/, '')).sort());
    for (const f of files) {
      const name = f.replace(/\.ps1$/, '') as keyof typeof SCRIPTS;
      expect(SCRIPTS[name], f).toBe(readFileSync(path.join(DIR, f), 'utf8'));
    }
  });

  it.each(files)('%s is ASCII without a BOM and names itself in its marker', (f) => {
    const bytes = readFileSync(path.join(DIR, f));
    expect(bytes[0]).not.toBe(0xef);
    expect([...bytes].every((b) => b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))).toBe(true);
    const text = bytes.toString('ascii');
    expect(text.split(/\r?\n/)[0]).toBe(`# ndes-doctor-script: ${f.replace(/\.ps1$/, '')}`);
    // A comment saying what it reads and why, right under the marker.
    expect(text.split(/\r?\n/)[1]).toMatch(/^# \S/);
    // compactScript drops comment lines and indentation: no construct may depend on them.
    expect(text).not.toMatch(/@'\s*$|@"\s*$|<#|#>|`\s*$/m);
  });

  it.each(files)('%s is read-only: no installing, changing, deleting or prompting', (f) => {
    const code = readFileSync(path.join(DIR, f), 'utf8')
      .split(/\r?\n/)
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    for (const re of FORBIDDEN) expect(code, `${f} matches ${re}`).not.toMatch(re);
    if (f !== 'relaunch-elevated.ps1') expect(code).not.toMatch(/Start-Process/i);
  });

  it('every composed script fits a Windows command line with room to spare', () => {
    for (const name of Object.keys(SCRIPTS).filter((n) => n !== 'common') as ScriptName[]) {
      const script = composeScript(name, {
        OutDir: 'C:\\Users\\Administrator\\AppData\\Local\\Temp\\ndes-doctor-collect-abc123\\certs',
        Account: 'CORP\\svc-ndes',
        Keys: Array.from(
          { length: 13 },
          (_, i) => `HKLM\\SOFTWARE\\Microsoft\\Some\\Long\\Key\\Path\\${i}`,
        ),
      });
      const line = [POWERSHELL, ...powershellArgs(script)].join(' ');
      expect(line.length, name).toBeLessThan(MAX_COMMAND_LINE - 4000);
    }
  });
});

describe('composeScript', () => {
  it('puts parameters first, then the common prelude, then the script', () => {
    const s = composeScript('service-account', { Account: "CORP\\o'brien" });
    const lines = s.split('\r\n');
    expect(lines[0]).toBe("$Account = 'CORP\\o''brien'");
    expect(lines[1]).toBe('# ndes-doctor-script: common');
    expect(lines).toContain('# ndes-doctor-script: service-account');
    expect(lines.indexOf('# ndes-doctor-script: service-account')).toBeGreaterThan(1);
    expect(s).toContain("$ErrorActionPreference = 'Stop'");
    expect(s).not.toMatch(/^\s*#(?! ndes-doctor-script:)/m);
  });

  it('refuses parameter names that are not plain identifiers', () => {
    expect(() => composeScript('os', { 'a; rm': 'x' })).toThrow('bad parameter name');
  });
});

describe('psLiteral', () => {
  it('keeps every value inert inside single quotes', () => {
    expect(psLiteral('C:\\x $(whoami) `n "q"')).toBe('\'C:\\x $(whoami) `n "q"\'');
    expect(psLiteral("it's")).toBe("'it''s'");
    // PowerShell also treats typographic single quotes as quotes.
    expect(psLiteral('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psLiteral(['a', "b'c"])).toBe("@('a', 'b''c')");
    expect(psLiteral(true)).toBe('$true');
    expect(psLiteral(14)).toBe('14');
    expect(() => psLiteral('a\nb')).toThrow('control character');
  });
});

describe('-EncodedCommand', () => {
  it('is base64 of the UTF-16LE script text', () => {
    expect(encodeCommand('Get-Date')).toBe('RwBlAHQALQBEAGEAdABlAA==');
    const s = composeScript('os');
    expect(decodeCommand(encodeCommand(s))).toBe(s);
    expect(powershellArgs('Get-Date')).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
      'RwBlAHQALQBEAGEAdABlAA==',
    ]);
  });

  it('compacts without touching statements', () => {
    expect(
      compactScript(
        '# ndes-doctor-script: x\r\n# why\r\n\r\n    $a = 1 # keep\r\n  Write-Utf8Text $a\r\n',
      ),
    ).toBe('# ndes-doctor-script: x\r\n$a = 1 # keep\r\nWrite-Utf8Text $a');
  });
});

describe('psErrorText', () => {
  it('turns CLIXML stderr into the error text', () => {
    const clixml =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T></TN></Obj>' +
      '<S S="Error">Exception calling "FindOne" with "0" argument(s): "The server is not operational."_x000D__x000A_</S>' +
      '<S S="Error">At line:1 char:1 &amp; more_x000D__x000A_</S></Objs>';
    expect(psErrorText(clixml)).toBe(
      'Exception calling "FindOne" with "0" argument(s): "The server is not operational."\r\nAt line:1 char:1 & more',
    );
    expect(psErrorText('  plain text\r\n')).toBe('plain text');
  });
});
