// Relaunching elevated: a Start-Process -Verb RunAs script whose argument list survives Windows
// command-line parsing exactly.
import { describe, expect, it } from 'vitest';
import {
  NEEDS_ELEVATION,
  quoteWindowsArg,
  relaunchElevatedArgs,
} from '../../../../../main/acquire/windows/elevation';
import { decodeCommand } from '../../../../../main/acquire/windows/powershell';

describe('quoteWindowsArg', () => {
  it.each([
    ['plain', 'plain'],
    ['', '""'],
    [
      'C:\\Program Files\\NDES Doctor\\NDES Doctor.exe',
      '"C:\\Program Files\\NDES Doctor\\NDES Doctor.exe"',
    ],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\dir with space\\', '"C:\\dir with space\\\\"'],
    ['a\\\\"b c', '"a\\\\\\\\\\"b c"'],
    ['C:\\no\\space\\', 'C:\\no\\space\\'],
  ])('%s → %s', (arg, quoted) => {
    expect(quoteWindowsArg(arg)).toBe(quoted);
  });
});

describe('relaunchElevatedArgs', () => {
  it('runs relaunch-elevated.ps1 with the program and its quoted arguments', () => {
    const spec = relaunchElevatedArgs(
      'C:\\Program Files\\NDES Doctor\\NDES Doctor.exe',
      ['--collect', 'D:\\out dir'],
      'C:\\Users\\admin',
    );
    expect(spec.tool).toBe('powershell.exe');
    expect(spec.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    const script = decodeCommand(spec.args[5]!);
    expect(script.split('\r\n').slice(0, 3)).toEqual([
      "$FilePath = 'C:\\Program Files\\NDES Doctor\\NDES Doctor.exe'",
      '$ArgumentList = \'--collect "D:\\out dir"\'',
      "$WorkingDirectory = 'C:\\Users\\admin'",
    ]);
    expect(script).toContain('-Verb RunAs');
  });
});

describe('NEEDS_ELEVATION', () => {
  it('lists what a non-elevated run cannot read', () => {
    const paths = NEEDS_ELEVATION.map((n) => n.artifact);
    expect(paths).toEqual(
      expect.arrayContaining([
        'iis/applicationHost.config',
        'iis/logs/',
        'iis/httperr/',
        'commands/secedit-user-rights.inf',
        'certs/index.json',
      ]),
    );
    for (const n of NEEDS_ELEVATION) expect(n.why.length).toBeGreaterThan(10);
  });
});
